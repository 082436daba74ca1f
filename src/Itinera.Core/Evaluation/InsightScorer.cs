using Itinera.Core.Insights;

namespace Itinera.Core.Evaluation;

/// <summary>Counts behind the insight accuracy figures, summed over users (docs/accuracy.md, "Insights").</summary>
public sealed record InsightCounts
{
    public int TruePositiveSegments { get; init; }

    public int PredictedSegments { get; init; }

    public int ExpectedSegments { get; init; }

    /// <summary>Seconds during which a routine moment is active in both the truth and the prediction.</summary>
    public double MomentAgreementSeconds { get; init; }

    /// <summary>Seconds during which a routine moment is active in the truth, the prediction or both.</summary>
    public double MomentUnionSeconds { get; init; }

    public int InjectedAnomalies { get; init; }

    public int FoundAnomalies { get; init; }

    /// <summary>Local days with a reported anomaly but no injected one.</summary>
    public int FalseAnomalyDays { get; init; }

    /// <summary>Days the anomaly detector judged (the evaluated user-days).</summary>
    public int JudgedDays { get; init; }

    public static InsightCounts operator +(InsightCounts a, InsightCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new InsightCounts
        {
            TruePositiveSegments = a.TruePositiveSegments + b.TruePositiveSegments,
            PredictedSegments = a.PredictedSegments + b.PredictedSegments,
            ExpectedSegments = a.ExpectedSegments + b.ExpectedSegments,
            MomentAgreementSeconds = a.MomentAgreementSeconds + b.MomentAgreementSeconds,
            MomentUnionSeconds = a.MomentUnionSeconds + b.MomentUnionSeconds,
            InjectedAnomalies = a.InjectedAnomalies + b.InjectedAnomalies,
            FoundAnomalies = a.FoundAnomalies + b.FoundAnomalies,
            FalseAnomalyDays = a.FalseAnomalyDays + b.FalseAnomalyDays,
            JudgedDays = a.JudgedDays + b.JudgedDays,
        };
    }

    public static InsightCounts Add(InsightCounts a, InsightCounts b) => a + b;

    public double SegmentPrecision => PredictedSegments == 0 ? 0 : (double)TruePositiveSegments / PredictedSegments;

    public double SegmentRecall => ExpectedSegments == 0 ? 0 : (double)TruePositiveSegments / ExpectedSegments;

    public double MomentAccuracy => MomentUnionSeconds == 0 ? 0 : MomentAgreementSeconds / MomentUnionSeconds;

    public double AnomalyRecall => InjectedAnomalies == 0 ? 0 : (double)FoundAnomalies / InjectedAnomalies;

    /// <summary>False anomaly days per user and 30 judged days.</summary>
    public double FalseAnomaliesPerUserMonth => JudgedDays == 0 ? 0 : FalseAnomalyDays * 30.0 / JudgedDays;
}

/// <summary>
/// Scores insights against ground truth: segments by precision and recall over the ids the truth asserts, routine
/// moments by their time-weighted agreement (overlap over union), anomalies by the injected days found.
/// </summary>
public static class InsightScorer
{
    /// <summary>The routine moments whose time is compared with the truth.</summary>
    public static IReadOnlyList<string> RoutineMoments { get; } = ["home", "working_at_work", "commute_from_home", "commute_from_work"];

    /// <summary>Segment counts: predictions outside <paramref name="assessed"/> (ids the truth has no opinion on) are ignored.</summary>
    public static InsightCounts Segments(IEnumerable<string> predicted, IEnumerable<string> expected, IReadOnlySet<string> assessed)
    {
        var p = predicted.Where(assessed.Contains).ToHashSet(StringComparer.Ordinal);
        var e = expected.Where(assessed.Contains).ToHashSet(StringComparer.Ordinal);
        return new InsightCounts { PredictedSegments = p.Count, ExpectedSegments = e.Count, TruePositiveSegments = p.Count(e.Contains) };
    }

    /// <summary>
    /// Per routine definition, seconds of [<paramref name="from"/>, <paramref name="to"/>) where the moment is active in
    /// both lists, and where it is active in either. Overlapping moments of one definition count once.
    /// </summary>
    public static InsightCounts Moments(IReadOnlyList<Moment> predicted, IReadOnlyList<Moment> truth, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        double both = 0, either = 0;
        foreach (var definition in RoutineMoments)
        {
            var p = Intervals(predicted, definition, from, to);
            var t = Intervals(truth, definition, from, to);
            var intersection = Intersect(p, t);
            both += intersection;
            either += Length(p) + Length(t) - intersection;
        }

        return new InsightCounts { MomentAgreementSeconds = both, MomentUnionSeconds = either };
    }

    /// <summary>
    /// Anomaly counts: an injected anomaly is found when a reported anomaly's window (a day, a week) contains its day;
    /// the reported windows that contain no injected day count as false anomaly days, one per distinct first day.
    /// </summary>
    public static InsightCounts Anomalies(IReadOnlyList<Anomaly> reported, IReadOnlyList<DateOnly> injected, Func<DateTimeOffset, DateOnly> localDay, int judgedDays)
    {
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(injected);
        ArgumentNullException.ThrowIfNull(localDay);
        // A window (a day, a week) finds the injected anomalies inside it; a window without any is one false day.
        var windows = reported.Select(a => (First: localDay(a.Start), Last: localDay(a.End.AddTicks(-1)))).Distinct().ToList();
        bool Inside(DateOnly day, (DateOnly First, DateOnly Last) w) => day >= w.First && day <= w.Last;
        return new InsightCounts
        {
            InjectedAnomalies = injected.Count,
            FoundAnomalies = injected.Count(d => windows.Any(w => Inside(d, w))),
            FalseAnomalyDays = windows.Where(w => !injected.Any(d => Inside(d, w))).Select(w => w.First).Distinct().Count(),
            JudgedDays = judgedDays,
        };
    }

    private static List<(long Start, long End)> Intervals(IReadOnlyList<Moment> moments, string definition, DateTimeOffset from, DateTimeOffset to)
    {
        var raw = moments.Where(m => m.DefinitionId == definition)
            .Select(m => (Start: Math.Max(m.Start.ToUnixTimeSeconds(), from.ToUnixTimeSeconds()), End: Math.Min((m.End ?? to).ToUnixTimeSeconds(), to.ToUnixTimeSeconds())))
            .Where(i => i.End > i.Start).OrderBy(i => i.Start).ToList();
        var merged = new List<(long Start, long End)>();
        foreach (var i in raw)
        {
            if (merged.Count > 0 && i.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, i.End));
            }
            else
            {
                merged.Add(i);
            }
        }

        return merged;
    }

    private static double Length(List<(long Start, long End)> intervals) => intervals.Sum(i => (double)(i.End - i.Start));

    private static double Intersect(List<(long Start, long End)> a, List<(long Start, long End)> b)
    {
        double total = 0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (end > start)
            {
                total += end - start;
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return total;
    }
}
