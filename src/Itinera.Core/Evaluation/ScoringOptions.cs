namespace Itinera.Core.Evaluation;

/// <summary>How <see cref="TimelineScorer.Score"/> scores one user.</summary>
public sealed record ScoringOptions
{
    /// <summary>Defaults: no coverage restriction, complete labels, 50 % thresholds, GeoLife label names.</summary>
    public static ScoringOptions Default { get; } = new();

    /// <summary>
    /// Time during which the GPS recorded; only labelled time inside it is scored, and a transport's length for
    /// precision is its length inside it. Null: every labelled second is scored.
    /// </summary>
    public GpsCoverage? Coverage { get; init; }

    /// <summary>
    /// The labels are known to be incomplete (GeoLife <c>labels_nowalk.txt</c>): unlabelled time is unknown
    /// rather than "not a leg", so a transport's precision looks only at its labelled part.
    /// </summary>
    public bool WalkRemoved { get; init; }

    /// <summary>A leg is recalled when one transport covers at least this fraction of its scored time (0.5).</summary>
    public double RecallFraction { get; init; } = 0.5;

    /// <summary>A transport is precise when one leg holds at least this fraction of its judged time (0.5).</summary>
    public double PrecisionFraction { get; init; } = 0.5;

    /// <summary>Maps a leg's <see cref="LabelledLeg.LabelMode"/> to an Itinera mode (<see cref="GeoLifeLabels.ToModeName"/>).</summary>
    public Func<string, string> LabelToMode { get; init; } = GeoLifeLabels.ToModeName;
}
