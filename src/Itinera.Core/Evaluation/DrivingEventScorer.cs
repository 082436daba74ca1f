namespace Itinera.Core.Evaluation;

/// <summary>A detected driving event; <paramref name="Kind"/> is a <see cref="DrivingEventKinds"/> value.</summary>
public sealed record DetectedDrivingEvent(string Kind, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Counts of one event type: positive labels, harsh detections and one-to-one matches.</summary>
public sealed record EventCounts(int Labels, int Detections, int Matched)
{
    /// <summary>Matched / labels; null without labels.</summary>
    public double? Recall => Labels == 0 ? null : (double)Matched / Labels;

    /// <summary>Matched / detections; null without detections.</summary>
    public double? Precision => Detections == 0 ? null : (double)Matched / Detections;

    /// <summary>Harmonic mean of recall and precision; null when either is null, 0 when both are 0.</summary>
    public double? F1 => Recall is { } r && Precision is { } p ? (r + p == 0 ? 0 : 2 * r * p / (r + p)) : null;

    public static EventCounts operator +(EventCounts a, EventCounts b) => new(a.Labels + b.Labels, a.Detections + b.Detections, a.Matched + b.Matched);
}

/// <summary>Harsh-event scores: all harsh kinds together, per type (<c>accel</c>, <c>brake</c>, <c>turn</c>), and ignoring the kind.</summary>
public sealed record DrivingEventScore(EventCounts Total, IReadOnlyDictionary<string, EventCounts> ByType, EventCounts AnyKind);

/// <summary>
/// Matches detected harsh events to labels. Positives are labels of a harsh kind (<see cref="DrivingEventKinds.Harsh"/>);
/// everything else (lane changes, non-aggressive events, unlabelled time) is negative. A detection matches a label
/// when it has the same kind (a left turn must be a left turn) and its interval overlaps the label's interval widened
/// by the tolerance on both sides; matching is one-to-one, labels in time order each taking the earliest free
/// detection. Only detections of harsh kinds are counted (a detected lane switch is not a harsh event).
/// <see cref="DrivingEventScore.AnyKind"/> repeats the matching with every harsh kind treated as one.
/// </summary>
public static class DrivingEventScorer
{
    public static DrivingEventScore Score(IReadOnlyList<LabelledDrivingEvent> labels, IReadOnlyList<DetectedDrivingEvent> detections, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(detections);
        var positives = labels.Where(l => DrivingEventKinds.Harsh.Contains(l.Kind)).OrderBy(l => l.Start).ToList();
        var harsh = detections.Where(d => DrivingEventKinds.Harsh.Contains(d.Kind)).OrderBy(d => d.Start).ToList();
        var matched = Match(positives, harsh, tolerance, sameKind: true);
        var byType = new SortedDictionary<string, EventCounts>(StringComparer.Ordinal);
        foreach (var type in new[] { "accel", "brake", "turn" })
        {
            byType[type] = new EventCounts(
                positives.Count(l => DrivingEventKinds.TypeOf(l.Kind) == type),
                harsh.Count(d => DrivingEventKinds.TypeOf(d.Kind) == type),
                matched.Count(m => DrivingEventKinds.TypeOf(positives[m].Kind) == type));
        }

        var total = new EventCounts(positives.Count, harsh.Count, matched.Count);
        var any = new EventCounts(positives.Count, harsh.Count, Match(positives, harsh, tolerance, sameKind: false).Count);
        return new DrivingEventScore(total, byType, any);
    }

    /// <summary>Indices of the matched labels.</summary>
    private static List<int> Match(List<LabelledDrivingEvent> labels, List<DetectedDrivingEvent> detections, TimeSpan tolerance, bool sameKind)
    {
        var used = new bool[detections.Count];
        var matched = new List<int>();
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            for (var j = 0; j < detections.Count; j++)
            {
                var d = detections[j];
                if (!used[j] && (!sameKind || d.Kind == label.Kind) && d.Start < label.End + tolerance && d.End > label.Start - tolerance)
                {
                    used[j] = true;
                    matched.Add(i);
                    break;
                }
            }
        }

        return matched;
    }
}

/// <summary>
/// Scores detected intervals (speeding, phone use) against true intervals of the same kinds: a true interval is
/// recalled when detections of its kind cover at least <c>minCoverage</c> of it; a detection is correct when true
/// intervals of its kind cover at least <c>minCoverage</c> of it.
/// </summary>
public static class IntervalScorer
{
    /// <returns>Counts where <see cref="EventCounts.Matched"/> is recalled truth and
    /// <see cref="EventCounts.Detections"/> − correct detections are the false positives; use
    /// <see cref="IntervalScore"/> for the figures.</returns>
    public static IntervalScore Score(
        IReadOnlyList<(string Kind, DateTimeOffset Start, DateTimeOffset End)> truth,
        IReadOnlyList<(string Kind, DateTimeOffset Start, DateTimeOffset End)> detected,
        double minCoverage = 0.5)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detected);
        var recalled = truth.Count(t => Covered(t, detected) >= minCoverage * (t.End - t.Start).TotalMilliseconds);
        var correct = detected.Count(d => Covered(d, truth) >= minCoverage * (d.End - d.Start).TotalMilliseconds);
        return new IntervalScore(truth.Count, recalled, detected.Count, correct);
    }

    private static double Covered((string Kind, DateTimeOffset Start, DateTimeOffset End) interval, IReadOnlyList<(string Kind, DateTimeOffset Start, DateTimeOffset End)> others)
    {
        // Others of one kind do not overlap each other in our inputs; summing overlaps is then exact.
        double sum = 0;
        foreach (var o in others)
        {
            if (o.Kind == interval.Kind && o.Start < interval.End && o.End > interval.Start)
            {
                sum += ((o.End < interval.End ? o.End : interval.End) - (o.Start > interval.Start ? o.Start : interval.Start)).TotalMilliseconds;
            }
        }

        return sum;
    }
}

/// <summary>Interval-matching counts and figures.</summary>
public sealed record IntervalScore(int Truth, int Recalled, int Detections, int Correct)
{
    public double? Recall => Truth == 0 ? null : (double)Recalled / Truth;

    public double? Precision => Detections == 0 ? null : (double)Correct / Detections;

    public double? F1 => Recall is { } r && Precision is { } p ? (r + p == 0 ? 0 : 2 * r * p / (r + p)) : null;

    public static IntervalScore operator +(IntervalScore a, IntervalScore b) =>
        new(a.Truth + b.Truth, a.Recalled + b.Recalled, a.Detections + b.Detections, a.Correct + b.Correct);
}
