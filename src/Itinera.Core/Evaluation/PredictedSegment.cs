namespace Itinera.Core.Evaluation;

/// <summary>
/// One element of a computed timeline as the evaluation sees it: a stay or a transport from
/// <paramref name="Start"/> to <paramref name="End"/> (end exclusive).
/// </summary>
/// <param name="Kind"><see cref="StayKind"/> or <see cref="TransportKind"/>, exactly (ordinal).</param>
/// <param name="Mode">
/// For a transport, its Itinera mode (<see cref="Timeline.TransportModes"/>); null when the algorithm gave none.
/// Ignored for stays.
/// </param>
public sealed record PredictedSegment(DateTimeOffset Start, DateTimeOffset End, string Kind, string? Mode)
{
    /// <summary>The <see cref="Kind"/> of a stay.</summary>
    public const string StayKind = "stay";

    /// <summary>The <see cref="Kind"/> of a transport.</summary>
    public const string TransportKind = "transport";

    /// <summary>Whether this is a transport (otherwise a stay).</summary>
    public bool IsTransport => string.Equals(Kind, TransportKind, StringComparison.Ordinal);

    /// <summary>A stay from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static PredictedSegment Stay(DateTimeOffset start, DateTimeOffset end) => new(start, end, StayKind, null);

    /// <summary>A transport by <paramref name="mode"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static PredictedSegment Transport(DateTimeOffset start, DateTimeOffset end, string? mode) =>
        new(start, end, TransportKind, mode);
}
