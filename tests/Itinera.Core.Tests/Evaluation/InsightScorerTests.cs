using Itinera.Core.Evaluation;
using Itinera.Core.Insights;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Evaluation;

public sealed class InsightScorerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static Moment M(string definition, double fromHour, double? toHour) =>
        new(Guid.NewGuid().ToString(), definition, T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC", AnalysisType.Processed, null, null);

    [Fact]
    public void Routine_moments_are_scored_by_their_overlap_over_their_union_per_definition()
    {
        List<Moment> truth = [M("home", 0, 8), M("working_at_work", 9, 17)];
        List<Moment> predicted = [M("home", 0, 7), M("working_at_work", 9, 18), M("morning", 7, 9)];

        var counts = InsightScorer.Moments(predicted, truth, T0, T0.AddDays(1));

        Assert.Equal((7 + 8) * 3600.0, counts.MomentAgreementSeconds);
        Assert.Equal((8 + 9) * 3600.0, counts.MomentUnionSeconds);
    }

    [Fact]
    public void An_active_moment_counts_until_the_end_of_the_scored_window()
    {
        var counts = InsightScorer.Moments([M("home", 20, null)], [M("home", 20, 24)], T0, T0.AddDays(1));

        Assert.Equal(1, counts.MomentAccuracy);
    }

    [Fact]
    public void Segments_outside_the_assessed_ids_do_not_count_either_way()
    {
        var assessed = new HashSet<string>(StringComparer.Ordinal) { "a", "b", "c" };

        var counts = InsightScorer.Segments(["a", "b", "x"], ["a", "c", "y"], assessed);

        Assert.Equal(0.5, counts.SegmentPrecision);
        Assert.Equal(0.5, counts.SegmentRecall);
    }

    [Fact]
    public void An_injected_anomaly_is_found_by_any_anomaly_that_day_and_other_anomaly_days_are_false()
    {
        Anomaly On(int day) => new("id" + day, AnomalyMeasure.Duration, true, T0.AddDays(day), T0.AddDays(day + 1), "UTC", "working_duration",
            5, 0.99, 1, 2, "day", null, null, null, null, null, null);
        var injected = new[] { DateOnly.FromDateTime(T0.AddDays(3).DateTime), DateOnly.FromDateTime(T0.AddDays(5).DateTime) };

        var counts = InsightScorer.Anomalies([On(3), On(3), On(4)], injected, t => DateOnly.FromDateTime(t.UtcDateTime), 30);

        Assert.Equal(0.5, counts.AnomalyRecall);
        Assert.Equal(1, counts.FalseAnomalyDays);
        Assert.Equal(1, counts.FalseAnomaliesPerUserMonth);
    }

    [Fact]
    public void A_weekly_anomaly_finds_an_injected_day_inside_its_week()
    {
        var week = new Anomaly("w", AnomalyMeasure.DayCount, true, T0, T0.AddDays(7), "UTC", "stationary_location_significance_day_part_day_count",
            5, 0.99, null, 5, "week", "noon", null, "work", null, null, null);

        var counts = InsightScorer.Anomalies([week], [DateOnly.FromDateTime(T0.AddDays(3).DateTime)], t => DateOnly.FromDateTime(t.UtcDateTime), 30);

        Assert.Equal(1, counts.AnomalyRecall);
        Assert.Equal(0, counts.FalseAnomalyDays);
    }
}
