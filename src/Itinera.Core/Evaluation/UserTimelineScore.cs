namespace Itinera.Core.Evaluation;

/// <summary>
/// The raw tallies of a timeline against ground-truth legs, for one user (or, from
/// <see cref="TimelineScore.Combine"/>, for all users together). Ratios are derived from the tallies, so
/// combining tallies weights users by their labelled time, legs and transports.
/// </summary>
public sealed record UserTimelineScore
{
    /// <summary>Who was scored; set by the caller (<c>score with { UserId = … }</c>).</summary>
    public string UserId { get; init; } = "";

    /// <summary>The labels were walk-removed (<see cref="ScoringOptions.WalkRemoved"/> of the scoring run).</summary>
    public bool WalkRemoved { get; init; }

    /// <summary>Scored seconds: labelled and, when a coverage was given, recorded.</summary>
    public double LabelledSeconds { get; init; }

    /// <summary>Scored seconds whose predicted mode equals the label's mode.</summary>
    public double CorrectSeconds { get; init; }

    /// <summary>Scored seconds whose predicted mode has the label's coarse class (<see cref="CoarseModes"/>).</summary>
    public double CoarseCorrectSeconds { get; init; }

    /// <summary>
    /// Scored seconds by (label mode, predicted mode). Labels are mapped to Itinera modes (taxi → car); predictions
    /// are an Itinera mode, <see cref="TimelineScorer.Stationary"/>, <see cref="TimelineScorer.UnknownMode"/> or
    /// <see cref="TimelineScorer.NoPrediction"/>. The values sum to <see cref="LabelledSeconds"/>.
    /// </summary>
    public IReadOnlyDictionary<(string Label, string Predicted), double> Confusion { get; init; } =
        new Dictionary<(string Label, string Predicted), double>();

    /// <summary>Legs with scored time (legs entirely outside the coverage are not counted).</summary>
    public int TotalLegs { get; init; }

    /// <summary>Legs of which one transport covers at least half the scored time.</summary>
    public int RecalledLegs { get; init; }

    /// <summary>Transports that overlap scored time.</summary>
    public int CountedTransports { get; init; }

    /// <summary>Counted transports of which at least half the judged time lies in one leg.</summary>
    public int PreciseTransports { get; init; }

    /// <summary>The legs with scored time that no transport recalled, in label order (per user; not pooled by <see cref="TimelineScore.Combine"/>).</summary>
    public IReadOnlyList<MissedLeg> MissedLegs { get; init; } = [];

    /// <summary>|start difference| and |end difference|, seconds, of every recalled leg and its best transport.</summary>
    public IReadOnlyList<double> BoundaryErrorsSeconds { get; init; } = [];

    /// <summary><see cref="CorrectSeconds"/> / <see cref="LabelledSeconds"/>; null when nothing was scored.</summary>
    public double? ModeAccuracy => Ratio(CorrectSeconds, LabelledSeconds);

    /// <summary><see cref="CoarseCorrectSeconds"/> / <see cref="LabelledSeconds"/>; null when nothing was scored.</summary>
    public double? CoarseModeAccuracy => Ratio(CoarseCorrectSeconds, LabelledSeconds);

    /// <summary><see cref="RecalledLegs"/> / <see cref="TotalLegs"/>; null without legs.</summary>
    public double? SegmentationRecall => Ratio(RecalledLegs, TotalLegs);

    /// <summary><see cref="PreciseTransports"/> / <see cref="CountedTransports"/>; null without counted transports.</summary>
    public double? SegmentationPrecision => Ratio(PreciseTransports, CountedTransports);

    /// <summary>
    /// Per label mode (a row of <see cref="Confusion"/>): the fraction of its scored seconds predicted correctly,
    /// keys in ordinal order. Pooled accuracy is dominated by the most recorded modes; this shows every mode.
    /// </summary>
    public IReadOnlyList<(string Label, double Hours, double Accuracy)> ModeAccuracyByLabel =>
    [
        .. Confusion
            .GroupBy(kv => kv.Key.Label, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var seconds = g.Sum(kv => kv.Value);
                var correct = g.Where(kv => string.Equals(kv.Key.Predicted, g.Key, StringComparison.Ordinal)).Sum(kv => kv.Value);
                return (g.Key, seconds / 3600, seconds > 0 ? correct / seconds : 0);
            }),
    ];

    /// <summary>The median of <see cref="BoundaryErrorsSeconds"/>; null when no leg was recalled.</summary>
    public double? BoundaryErrorMedianSeconds => Median(BoundaryErrorsSeconds);

    internal static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;

    internal static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>A labelled leg that no single transport covered for at least half its scored time.</summary>
/// <param name="ScoredSeconds">The leg's labelled seconds inside the GPS coverage.</param>
/// <param name="BestTransportSeconds">Of those, the most that one transport covered.</param>
public sealed record MissedLeg(LabelledLeg Leg, double ScoredSeconds, double BestTransportSeconds);
