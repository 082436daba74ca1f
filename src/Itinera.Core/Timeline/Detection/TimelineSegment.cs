namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// A piece of a user's timeline as the engine found it: a stay or a transport over the cleaned fixes
/// [<see cref="FirstFix"/>, <see cref="LastFix"/>]. Times are epoch milliseconds; segments are half-open
/// [<see cref="StartMs"/>, <see cref="EndMs"/>) and partition the covered time.
/// </summary>
public sealed record TimelineSegment(
    EventKind Kind,
    long StartMs,
    long EndMs,
    int FirstFix,
    int LastFix,
    double Latitude,
    double Longitude,
    string? Mode,
    double DistanceMeters)
{
    public TimeSpan Duration => TimeSpan.FromMilliseconds(EndMs - StartMs);
}
