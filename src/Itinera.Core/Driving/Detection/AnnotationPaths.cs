using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>The path of an annotation: the fixes inside its interval, else the nearest fix within 10 s of it.</summary>
internal static class AnnotationPaths
{
    private const long NearestWithinMs = 10_000;

    /// <param name="fixes">Fixes in time order.</param>
    public static IReadOnlyList<PathPoint> Of(IReadOnlyList<Fix> fixes, long startMs, long endMs)
    {
        var path = new List<PathPoint>();
        var first = LowerBound(fixes, startMs);
        for (var i = first; i < fixes.Count && fixes[i].TimestampMs <= endMs; i++)
        {
            path.Add(new PathPoint(fixes[i].Latitude, fixes[i].Longitude));
        }

        if (path.Count > 0)
        {
            return path;
        }

        var middle = (startMs + endMs) / 2;
        Fix? best = null;
        foreach (var index in new[] { first - 1, first })
        {
            if (index >= 0 && index < fixes.Count && Math.Abs(fixes[index].TimestampMs - middle) <= NearestWithinMs
                && (best is null || Math.Abs(fixes[index].TimestampMs - middle) < Math.Abs(best.Value.TimestampMs - middle)))
            {
                best = fixes[index];
            }
        }

        return best is { } fix ? [new PathPoint(fix.Latitude, fix.Longitude)] : [];
    }

    private static int LowerBound(IReadOnlyList<Fix> fixes, long timeMs)
    {
        int lo = 0, hi = fixes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (fixes[mid].TimestampMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
