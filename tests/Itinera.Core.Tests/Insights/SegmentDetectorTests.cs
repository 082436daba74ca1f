using Itinera.Core.Catalogues;
using Itinera.Core.Insights;
using Itinera.Core.Timeline;
using static Itinera.Core.Tests.Insights.TimelineFixture;

namespace Itinera.Core.Tests.Insights;

public sealed class SegmentDetectorTests
{
    private static Dictionary<string, string> Segments(TimelineFixture f) =>
        SegmentDetector.Detect(f.Timeline()).ToDictionary(s => s.DefinitionId, s => s.ExplanationYou);

    [Fact]
    public void A_user_with_less_than_two_weeks_of_timeline_gets_no_segment_at_all()
    {
        Assert.Empty(Segments(Commuter(1)));
        Assert.NotEmpty(Segments(Commuter(2)));
    }

    [Fact]
    public void A_long_commuter_is_told_the_distance_between_their_home_and_work_towns()
    {
        var segments = Segments(Commuter(3));

        Assert.Equal("Because your commute distance from Overijse to Antwerpen is about 49.8 km", segments["mobility.long_commuter"]);
        Assert.Equal(segments["mobility.long_commuter"], segments["mobility.commute.long_commuter"]);
        Assert.DoesNotContain("mobility.short_commuter", segments.Keys);
    }

    [Fact]
    public void Eight_and_a_half_hours_at_work_five_days_a_week_is_full_time_and_not_part_time()
    {
        var segments = Segments(Commuter(3));

        Assert.Equal("Because you work about 41 hours a week at Acme Offices", segments["lifestyle.fulltime_worker"]);
        Assert.DoesNotContain("lifestyle.parttime_worker", segments.Keys);
        Assert.DoesNotContain("behavior.homeworker", segments.Keys);
    }

    [Fact]
    public void Three_mornings_a_week_at_work_is_part_time()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 3)
            {
                f.OfficeDay(d, workUntil: 13);
            }
        }));

        Assert.Contains("lifestyle.parttime_worker", segments.Keys);
        Assert.DoesNotContain("lifestyle.fulltime_worker", segments.Keys);
    }

    [Fact]
    public void No_work_on_most_weekdays_is_a_homeworker()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 == 0)
            {
                f.OfficeDay(d);
            }
        }));

        Assert.StartsWith("Because you did not go to a workplace on 12 of your 15 weekdays", segments["behavior.homeworker"], StringComparison.Ordinal);
    }

    [Fact]
    public void Working_through_the_night_is_a_nightworker()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 4)
            {
                f.Stay(Home, At(d, 21)).Move(TransportModes.Car, 45, 52_000).Stay(Work, At(d + 1, 6)).Move(TransportModes.Car, 45, 52_000);
            }
        }));

        Assert.Contains("behavior.nightworker", segments.Keys);
    }

    [Fact]
    public void A_ride_reached_and_left_on_foot_counts_as_public_transport_whatever_the_classifier_named_it()
    {
        var f = Commuter(3, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.Stay(Home, At(d, 8)).Move(TransportModes.Walking, 6, 450).Move(TransportModes.Car, 30, 9000).Move(TransportModes.Walking, 5, 400)
                    .Stay(Work, At(d, 17)).Move(TransportModes.Walking, 5, 400).Move(TransportModes.Bus, 30, 9000).Move(TransportModes.Walking, 6, 450);
            }
        });

        var segments = Segments(f);

        Assert.Contains("mobility.public_transports_user", segments.Keys);
        Assert.Contains("mobility.public_transport_commuter", segments.Keys);
        Assert.DoesNotContain("mobility.die_hard_driver", segments.Keys);
    }

    [Fact]
    public void Driving_door_to_door_for_every_trip_is_a_die_hard_driver_even_when_called_a_train()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.OfficeDay(d, mode: d % 2 == 0 ? TransportModes.Car : TransportModes.Train);
            }
        }));

        Assert.Equal("Because you took the car for 100% of your 30 trips of a kilometre or more", segments["mobility.die_hard_driver"]);
        Assert.DoesNotContain("mobility.public_transports_user", segments.Keys);
    }

    [Fact]
    public void Cycling_to_a_nearby_job_is_green_and_short()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.Stay(Home, At(d, 8)).Move(TransportModes.Biking, 10, 2500).Stay(Work with { Latitude = 50.80, Longitude = 4.54 }, At(d, 17)).Move(TransportModes.Biking, 10, 2500);
            }
        }));

        Assert.Contains("mobility.green_commuter", segments.Keys);
        Assert.Contains("mobility.short_commuter", segments.Keys);
    }

    [Fact]
    public void Gym_visits_twice_a_week_make_a_sportive_user_told_where()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.OfficeDay(d);
            }

            if (d % 7 is 1 or 3)
            {
                f.Stay(Home, At(d, 19)).Move(TransportModes.Car, 10, 3000).Stay(Gym, At(d, 20.5)).Move(TransportModes.Car, 10, 3000);
            }
        }));

        Assert.Equal("Because you did sports about 2.0 times a week, mostly at Basic Fit", segments["lifestyle.sportive"]);
    }

    [Fact]
    public void Doing_the_groceries_at_one_chain_is_brand_loyalty_in_the_reference_style()
    {
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.OfficeDay(d);
            }

            if (d % 7 is 2 or 5)
            {
                f.Stay(Home, At(d, 19)).Move(TransportModes.Car, 10, 3000).Stay(Supermarket, At(d, 20)).Move(TransportModes.Car, 10, 3000);
            }
        }));

        Assert.Equal("Because you usually shop at Colruyt Overijse", segments["lifestyle.brand_loyalty.supermarket"]);
        Assert.Contains("lifestyle.brand_loyalty", segments.Keys);
    }

    [Fact]
    public void Working_at_a_university_makes_a_student()
    {
        var university = Work with { Place = new PlaceCandidate("KU Leuven", ["amenity", "university"]) };
        var segments = Segments(Commuter(3, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.Stay(Home, At(d, 9)).Move(TransportModes.Biking, 20, 5000).Stay(university, At(d, 16)).Move(TransportModes.Biking, 20, 5000);
            }
        }));

        Assert.Equal("Because you spend your weekdays at KU Leuven", segments["lifestyle.student"]);
    }

    [Fact]
    public void Place_category_segments_are_not_assessed_when_no_place_is_known()
    {
        var f = Commuter(3);
        var anonymous = f.Events.Select(e => e.Stationary is null ? e : e with { Stationary = e.Stationary with { Place = null } });
        var segments = SegmentDetector.Detect(InsightTimeline.From(anonymous, Zone, f.Cursor, f.Cursor.AddDays(-63)));

        Assert.DoesNotContain(segments, s => s.DefinitionId.Contains("social_activity", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_segment_of_the_catalogue_has_a_rule_and_every_rule_id_is_in_the_catalogue()
    {
        var ruled = SegmentDetector.Rules.SelectMany(r => r.Ids).Concat(DrivingSegmentRules.Ids)
            .Append("lifestyle.brand_loyalty").Append("leisure.shopping.brand_loyalty").ToHashSet(StringComparer.Ordinal);

        Assert.All(SegmentCatalogue.All, d => Assert.True(ruled.Contains(d.Id), d.Id));
        Assert.All(ruled, id => Assert.True(SegmentCatalogue.Contains(id), id));
    }

    [Fact]
    public void Every_assigned_segment_is_explained()
    {
        var segments = SegmentDetector.Detect(Commuter(4).Timeline());

        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.StartsWith("Because ", s.ExplanationYou, StringComparison.Ordinal));
    }
}
