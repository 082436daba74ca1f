using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Phone handling and calls of one transport from the phone's uploaded events: a call runs from
/// <see cref="PhoneEventType.CallStart"/> to <see cref="PhoneEventType.CallEnd"/> and is hands-free when the phone
/// says so (when it does not say, when handling covers less than half of the call); handling runs from
/// <see cref="PhoneEventType.HandlingStart"/> to <see cref="PhoneEventType.HandlingEnd"/> (screen on to screen off
/// when the phone reports no handling events at all). Intervals open at the transport's start or still open at its
/// end are cut there.
/// </summary>
public static class PhoneUseDetector
{
    /// <param name="events">The phone events, in time order (events outside the transport are ignored).</param>
    /// <param name="fixes">The transport's fixes in time order, for the paths.</param>
    /// <returns>In time order: <see cref="AnnotationKind.PhoneHandling"/> for every handling interval,
    /// <see cref="AnnotationKind.HandheldCalling"/> and <see cref="AnnotationKind.HandsfreeCalling"/> for calls,
    /// <see cref="AnnotationKind.HandlingWithoutCalling"/> for the handling outside calls.</returns>
    public static IReadOnlyList<BehaviorAnnotation> Detect(IReadOnlyList<PhoneEvent> events, long transportStartMs, long transportEndMs, IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(fixes);
        var inside = events.Where(e => e.TimestampMs >= transportStartMs && e.TimestampMs <= transportEndMs).ToList();
        var hasHandling = inside.Exists(static e => e.Type is PhoneEventType.HandlingStart or PhoneEventType.HandlingEnd);
        var handling = hasHandling
            ? Intervals(inside, PhoneEventType.HandlingStart, PhoneEventType.HandlingEnd, transportStartMs, transportEndMs)
            : Intervals(inside, PhoneEventType.ScreenOn, PhoneEventType.ScreenOff, transportStartMs, transportEndMs);
        var calls = Intervals(inside, PhoneEventType.CallStart, PhoneEventType.CallEnd, transportStartMs, transportEndMs);

        var result = new List<BehaviorAnnotation>();
        foreach (var (start, end, _) in handling)
        {
            result.Add(Annotation(AnnotationKind.PhoneHandling, start, end, fixes));
        }

        foreach (var (start, end, handsfree) in calls)
        {
            var held = handling.Sum(h => Math.Max(0, Math.Min(end, h.End) - Math.Max(start, h.Start)));
            var isHandsfree = handsfree ?? held * 2 < end - start;
            result.Add(Annotation(isHandsfree ? AnnotationKind.HandsfreeCalling : AnnotationKind.HandheldCalling, start, end, fixes));
        }

        foreach (var (start, end, _) in handling)
        {
            // Handling minus every call.
            var pieces = new List<(long Start, long End)> { (start, end) };
            foreach (var call in calls)
            {
                pieces = [.. pieces.SelectMany(p => Subtract(p, (call.Start, call.End)))];
            }

            foreach (var piece in pieces)
            {
                result.Add(Annotation(AnnotationKind.HandlingWithoutCalling, piece.Start, piece.End, fixes));
            }
        }

        result.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
        return result;
    }

    private static List<(long Start, long End, bool? Handsfree)> Intervals(List<PhoneEvent> events, PhoneEventType open, PhoneEventType close, long fromMs, long toMs)
    {
        var result = new List<(long, long, bool?)>();
        long? start = null;
        bool? handsfree = null;
        var first = true;
        foreach (var e in events)
        {
            if (e.Type == open)
            {
                start ??= e.TimestampMs;
                handsfree ??= e.Handsfree;
            }
            else if (e.Type == close)
            {
                // A close without an open: the interval was already open when the transport began.
                var from = start ?? (first ? fromMs : (long?)null);
                if (from is { } f && e.TimestampMs > f)
                {
                    result.Add((f, e.TimestampMs, handsfree ?? e.Handsfree));
                }

                start = null;
                handsfree = null;
            }
            else
            {
                continue;
            }

            first = false;
        }

        if (start is { } s && toMs > s)
        {
            result.Add((s, toMs, handsfree));
        }

        return result;
    }

    private static IEnumerable<(long Start, long End)> Subtract((long Start, long End) piece, (long Start, long End) cut)
    {
        if (cut.End <= piece.Start || cut.Start >= piece.End)
        {
            yield return piece;
            yield break;
        }

        if (cut.Start > piece.Start)
        {
            yield return (piece.Start, cut.Start);
        }

        if (cut.End < piece.End)
        {
            yield return (cut.End, piece.End);
        }
    }

    private static BehaviorAnnotation Annotation(AnnotationKind kind, long startMs, long endMs, IReadOnlyList<Fix> fixes) =>
        new(kind, DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), null, null, 0, AnnotationPaths.Of(fixes, startMs, endMs));
}
