using Itinera.Core.Insights;
using Itinera.Core.Timeline;
using static Itinera.Core.Tests.Insights.TimelineFixture;

namespace Itinera.Core.Tests.Insights;

public sealed class AnomalyDetectorTests
{
    private static readonly double[] SteadyWorkDays = [.. Enumerable.Range(0, 20).Select(i => (8.5 * 3600) + ((i % 5) - 2) * 600.0)];

    [Fact]
    public void A_value_far_beyond_a_steady_baseline_is_an_anomaly_with_its_sigma_probability_and_expected_value()
    {
        var verdict = AnomalyDetector.Judge(AnomalyMeasure.Duration, 13 * 3600, SteadyWorkDays);

        Assert.NotNull(verdict);
        Assert.InRange(verdict.Value.Sigma, 4, 10);
        Assert.InRange(verdict.Value.Probability, 0.9999, 1);
        Assert.Equal(8.5 * 3600, verdict.Value.Expected);
    }

    [Fact]
    public void Half_an_hour_more_than_usual_is_no_anomaly()
    {
        Assert.Null(AnomalyDetector.Judge(AnomalyMeasure.Duration, 9 * 3600, SteadyWorkDays));
    }

    [Fact]
    public void A_deviation_the_user_already_made_on_other_days_is_a_habit_not_an_anomaly()
    {
        var withTwoDaysOff = SteadyWorkDays.Take(18).Concat([0.0, 0.0]).ToList();

        Assert.NotNull(AnomalyDetector.Judge(AnomalyMeasure.Duration, 0, SteadyWorkDays));
        Assert.Null(AnomalyDetector.Judge(AnomalyMeasure.Duration, 0, withTwoDaysOff));
    }

    [Fact]
    public void An_occasional_mode_is_only_judged_by_the_days_totals()
    {
        var neverRuns = Enumerable.Repeat(0.0, 20).ToList();

        Assert.Null(AnomalyDetector.Judge(AnomalyMeasure.Distance, 12_000, neverRuns, requireUsual: true));
        Assert.NotNull(AnomalyDetector.Judge(AnomalyMeasure.Distance, 60_000, neverRuns));
    }

    [Fact]
    public void A_working_day_five_hours_longer_than_usual_is_reported_as_working_duration_of_that_day()
    {
        var f = Commuter(5, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.OfficeDay(d, workUntil: d == 30 ? 22 : 17 + ((d % 3) * 0.25));
            }
        });

        var anomalies = AnomalyDetector.Detect(f.Timeline(), Start);
        var working = Assert.Single(anomalies, a => a.Name == "working_duration");

        Assert.Equal(At(30, 0), working.Start);
        Assert.Equal(At(31, 0), working.End);
        Assert.Equal("day", working.Period);
        Assert.Equal(AnomalyMeasure.Duration, working.Measure);
        Assert.Equal(13.25 * 3600, working.Observed);
        Assert.All(anomalies, a => Assert.Equal(At(30, 0), a.Start));
    }

    [Fact]
    public void A_day_trip_of_two_hundred_kilometres_on_a_weekend_is_a_distance_anomaly_of_a_weekend_day()
    {
        var f = Commuter(5, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.OfficeDay(d);
            }
            else if (d == 33)
            {
                f.Stay(Home, At(d, 9)).Move(TransportModes.Car, 80, 100_000).Stay(Hotel, At(d, 16)).Move(TransportModes.Car, 80, 100_000);
            }
            else
            {
                f.Stay(Home, At(d, 11)).Move(TransportModes.Walking, 10, 700).Stay(Bakery, At(d, 11.5)).Move(TransportModes.Walking, 10, 700);
            }
        });

        var distance = Assert.Single(AnomalyDetector.Detect(f.Timeline(), Start), a => a.Name == "transport_distance");

        Assert.Equal(At(33, 0), distance.Start);
        Assert.Equal("weekend_day", distance.Period);
        Assert.Equal(200_000, distance.Observed);
    }

    [Fact]
    public void Days_without_enough_earlier_days_of_their_kind_are_not_judged()
    {
        var f = Commuter(2, (f, d) =>
        {
            if (d % 7 < 5)
            {
                f.OfficeDay(d, workUntil: d == 11 ? 23 : 17);
            }
        });

        Assert.Empty(AnomalyDetector.Detect(f.Timeline(), Start));
    }

    [Fact]
    public void Days_of_a_holiday_are_neither_judged_nor_part_of_the_baseline()
    {
        var f = new TimelineFixture();
        for (var d = 0; d < 35; d++)
        {
            if (d == 28)
            {
                f.Stay(Home, At(d, 9)).Move(TransportModes.Car, 80, 100_000);
            }
            else if (d == 32)
            {
                f.Stay(Hotel, At(d, 15)).Move(TransportModes.Car, 80, 100_000);
            }
            else if (d % 7 < 5 && d is < 28 or > 32)
            {
                f.OfficeDay(d);
            }

            if (d is < 28 or >= 32)
            {
                f.Stay(Home, At(d + 1, 0));
            }
        }

        var timeline = f.Timeline();

        Assert.True(timeline.IsOnOvernightTrip(DateOnly.FromDateTime(At(30, 0).DateTime)));
        Assert.Empty(AnomalyDetector.Detect(timeline, Start));
    }

    [Fact]
    public void A_week_without_going_to_work_is_a_weekly_day_count_anomaly()
    {
        var f = Commuter(6, (f, d) =>
        {
            if (d % 7 < 5 && d is < 35 or > 39)
            {
                f.OfficeDay(d);
            }
        });

        var counts = AnomalyDetector.Detect(f.Timeline(), Start).Where(a => a.Name == "stationary_location_significance_day_part_day_count").ToList();

        Assert.Contains(counts, a => a.LocationSignificance == Significances.Work && a.DayPart == "noon" && a.Observed is null && a.Expected == 5);
        Assert.All(counts, a => Assert.Equal(("week", At(35, 0), At(42, 0)), (a.Period, a.Start, a.End)));
        Assert.All(counts, a => Assert.Equal(AnomalyMeasure.DayCount, a.Measure));
    }
}
