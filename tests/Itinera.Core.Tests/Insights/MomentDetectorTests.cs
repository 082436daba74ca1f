using Itinera.Core.Insights;
using Itinera.Core.Timeline;
using static Itinera.Core.Tests.Insights.TimelineFixture;

namespace Itinera.Core.Tests.Insights;

public sealed class MomentDetectorTests
{
    private static List<Moment> Detect(TimelineFixture f, DateTimeOffset? now = null) => MomentDetector.Detect(f.Timeline(now), Start);

    private static List<Moment> Of(List<Moment> moments, string definition) => [.. moments.Where(m => m.DefinitionId == definition)];

    [Fact]
    public void A_commute_from_home_runs_from_leaving_home_to_arriving_at_work_through_a_short_stop()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 8)).Move(TransportModes.Car, 10, 8000).Stay(Bakery, At(0, 8.25)).Move(TransportModes.Car, 30, 40_000).Stay(Work, At(0, 17));

        var commute = Assert.Single(Of(Detect(f), "commute_from_home"));

        Assert.Equal(At(0, 8), commute.Start);
        Assert.Equal(At(0, 8.75), commute.End);
    }

    [Fact]
    public void A_long_stop_on_the_way_is_not_part_of_a_commute()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 8)).Move(TransportModes.Car, 10, 8000).Stay(Gym, At(0, 9.5)).Move(TransportModes.Car, 30, 40_000).Stay(Work, At(0, 17));

        Assert.Empty(Of(Detect(f), "commute_from_home"));
    }

    [Fact]
    public void Home_stays_active_through_a_short_walk_round_the_block()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 10)).Move(TransportModes.Walking, 20, 1500).Stay(Home, At(0, 20));

        var home = Assert.Single(Of(Detect(f), "home"));

        Assert.Equal(At(0, 0), home.Start);
        Assert.Equal(At(0, 20), home.End);
    }

    [Fact]
    public void Working_at_work_stays_active_through_a_lunch_outing_but_not_through_going_home()
    {
        var f = new TimelineFixture();
        f.OfficeDay(0).Stay(Home, At(1, 8)).Move(TransportModes.Car, 45, 52_000).Stay(Work, At(1, 12))
            .Move(TransportModes.Walking, 5, 300).Stay(Restaurant, At(1, 12.75)).Move(TransportModes.Walking, 5, 300).Stay(Work, At(1, 17));

        var work = Of(Detect(f), "working_at_work");

        Assert.Equal(2, work.Count);
        Assert.Equal(At(1, 8.75), work[1].Start);
        Assert.Equal(At(1, 17), work[1].End);
    }

    [Fact]
    public void The_stay_going_on_now_makes_an_active_moment_without_end()
    {
        var f = new TimelineFixture();
        f.OfficeDay(0).Stay(Home, At(0, 22)).Ongoing();

        var moments = Detect(f, At(0, 22));
        var home = Of(moments, "home")[^1];

        Assert.Null(home.End);
        Assert.Equal(AnalysisType.Preliminary, home.AnalysisType);
        Assert.All(Of(moments, "working_at_work"), m => Assert.NotNull(m.End));
    }

    [Fact]
    public void Stays_in_one_city_make_one_city_moment_named_after_it_and_the_country_one_moment()
    {
        var f = new TimelineFixture();
        f.OfficeDay(0).Stay(Home, At(1, 0));

        var moments = Detect(f);
        var cities = Of(moments, "city_name");

        Assert.Equal(["Overijse", "Antwerpen", "Overijse"], cities.Select(c => c.CityName));
        Assert.Equal(At(0, 8.75), cities[1].Start);
        Assert.Equal(At(0, 17), cities[1].End);
        Assert.Equal("Belgium", Assert.Single(Of(moments, "country")).CountryName);
    }

    [Fact]
    public void A_night_far_from_home_is_a_holiday_from_leaving_home_until_back()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 9)).Move(TransportModes.Car, 90, 120_000).Stay(Hotel, At(2, 10)).Move(TransportModes.Car, 90, 120_000).Stay(Home, At(3, 0));

        var holiday = Assert.Single(Of(Detect(f), "holiday"));

        Assert.Equal(At(0, 9), holiday.Start);
        Assert.Equal(At(2, 11.5), holiday.End);
    }

    [Fact]
    public void A_day_trip_near_home_is_no_trip()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 9)).Move(TransportModes.Car, 10, 5000).Stay(Restaurant, At(0, 15)).Move(TransportModes.Car, 10, 5000).Stay(Home, At(1, 0));

        Assert.Empty(Of(Detect(f), "holiday"));
    }

    [Fact]
    public void A_stay_within_a_kilometre_of_home_is_nearby_home()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 12)).Move(TransportModes.Walking, 5, 300).Stay(Restaurant, At(0, 13)).Move(TransportModes.Walking, 5, 300).Stay(Home, At(1, 0));

        var nearby = Assert.Single(Of(Detect(f), "nearby_home"));

        Assert.Equal(At(0, 12 + (5 / 60.0)), nearby.Start);
    }

    [Fact]
    public void A_stay_at_a_named_point_of_interest_is_nearby_poi_and_a_stay_at_home_is_not()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 12)).Move(TransportModes.Walking, 5, 300).Stay(Restaurant, At(0, 13)).Move(TransportModes.Walking, 5, 300).Stay(Home, At(1, 0));

        var poi = Assert.Single(Of(Detect(f), "nearby_poi"));

        Assert.Equal((At(0, 12 + (5 / 60.0)), At(0, 13)), (poi.Start, poi.End));
    }

    [Fact]
    public void Dinner_at_a_restaurant_in_the_evening_is_dinner_out_including_the_way_there()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 19)).Move(TransportModes.Walking, 10, 800).Stay(Restaurant, At(0, 21)).Move(TransportModes.Walking, 10, 800).Stay(Home, At(1, 0));

        var dinner = Assert.Single(Of(Detect(f), "dinner_out"));

        Assert.Equal(At(0, 19), dinner.Start);
        Assert.Empty(Of(Detect(f), "lunch_out"));
    }

    [Fact]
    public void Semantic_time_follows_the_users_own_sleep()
    {
        // Up at 10:00, in bed at 02:00, every day for two weeks.
        var f = new TimelineFixture();
        for (var d = 0; d < 14; d++)
        {
            f.Stay(Home, At(d, 10)).Move(TransportModes.Walking, 10, 600).Stay(Gym, At(d, 13)).Move(TransportModes.Walking, 10, 600).Stay(Home, At(d, 26));
            if (d < 13)
            {
                f.Move(TransportModes.Walking, 0.5, 10);
            }
        }

        var rhythm = PersonalRhythm.Learn(f.Timeline());
        var morning = Of(Detect(f), "morning")[5];

        Assert.InRange(rhythm.WakeMinute, (10 * 60) - 1, (10 * 60) + 1);
        Assert.InRange(rhythm.BedMinute, (26 * 60) - 1, (26 * 60) + 1);
        Assert.Equal(10, morning.Start.Hour);
    }

    [Fact]
    public void Someone_home_from_the_evening_is_taken_to_go_to_bed_a_nights_sleep_before_waking()
    {
        var rhythm = PersonalRhythm.Learn(Commuter(2).Timeline());

        Assert.Equal(8 * 60, rhythm.WakeMinute);
        Assert.Equal((8 + 24 - 8.5) * 60, rhythm.BedMinute);
    }

    [Fact]
    public void Without_enough_nights_the_day_is_cut_at_the_default_hours()
    {
        var f = new TimelineFixture();
        f.OfficeDay(0);

        Assert.Equal(PersonalRhythm.Default, PersonalRhythm.Learn(f.Timeline()));
    }

    [Fact]
    public void About_to_commute_from_home_is_active_shortly_before_the_usual_departure()
    {
        var f = Commuter(3);
        f.Stay(Home, At(21, 7.75)).Ongoing();

        var about = Of(Detect(f, At(21, 7.75)), "about_to_commute_from_home");

        Assert.Null(about[^1].End);
        Assert.Equal(At(21, 7.5), about[^1].Start);
        Assert.All(about.SkipLast(1), m => Assert.NotNull(m.End));
    }

    [Fact]
    public void A_usual_work_day_spent_at_home_is_working_remote()
    {
        var f = Commuter(3, (f, d) =>
        {
            if (d % 7 < 5 && d != 16)
            {
                f.OfficeDay(d);
            }
        });

        var remote = Assert.Single(Of(Detect(f), "working_remote"));

        Assert.Equal(At(16, 8.75), remote.Start);
        Assert.Equal(At(16, 17), remote.End);
    }

    [Fact]
    public void Moments_get_the_same_ids_when_computed_again()
    {
        var f = Commuter(2);

        Assert.Equal(Detect(f).Select(m => m.MomentId), Detect(f).Select(m => m.MomentId));
        Assert.Equal(Detect(f).Count, Detect(f).Select(m => m.MomentId).Distinct().Count());
    }

    [Fact]
    public void Gym_visits_are_a_sport_routine_with_the_way_there_once_there_are_two()
    {
        var once = new TimelineFixture().Outing(0, 18, Gym, 1).Stay(Home, At(1, 0));
        var twice = new TimelineFixture().Outing(0, 18, Gym, 1).Outing(1, 18, Gym, 1).Stay(Home, At(2, 0));

        Assert.Empty(Of(Detect(once), "sport_routine"));
        var sport = Of(Detect(twice), "sport_routine");
        Assert.Equal(2, sport.Count);
        Assert.Equal(At(0, 18), sport[0].Start);
        Assert.Equal(At(0, 18 + (10 / 60.0) + 1), sport[0].End);
    }

    [Fact]
    public void Shop_visits_are_a_shopping_routine()
    {
        var f = new TimelineFixture().Outing(0, 10, Supermarket, 0.5).Outing(0, 15, Boutique, 1).Stay(Home, At(1, 0));

        Assert.Equal(2, Of(Detect(f), "shopping_routine").Count);
    }

    [Fact]
    public void A_bar_until_past_bedtime_is_a_night_out_and_a_museum_in_the_afternoon_evening_entertainment()
    {
        var f = new TimelineFixture().Outing(0, 14, Museum, 2).Outing(0, 21, Bar, 3.5).Stay(Home, At(1, 0));

        var moments = Detect(f);

        Assert.Single(Of(moments, "evening_entertainment"));
        Assert.Single(Of(moments, "night_out"));
    }

    [Fact]
    public void A_short_stop_at_a_school_is_a_children_drop_off()
    {
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 8)).Move(TransportModes.Car, 5, 1500).Stay(School, At(0, 8.2)).Move(TransportModes.Car, 40, 50_000).Stay(Work, At(0, 17));

        var drop = Assert.Single(Of(Detect(f), "children_drop_off"));

        Assert.Equal(At(0, 8), drop.Start);
    }

    [Fact]
    public void A_night_away_with_an_office_visit_far_from_home_is_a_business_trip()
    {
        var client = Office with { Latitude = 51.23, Longitude = 2.93 };
        var f = new TimelineFixture();
        f.Stay(Home, At(0, 7)).Move(TransportModes.Car, 90, 120_000).Stay(client, At(0, 17)).Move(TransportModes.Car, 10, 3000)
            .Stay(Hotel, At(1, 8)).Move(TransportModes.Car, 90, 120_000).Stay(Home, At(2, 0));

        Assert.Single(Of(Detect(f), "business_trip"));
        Assert.Empty(Of(Detect(f), "holiday"));
    }
}
