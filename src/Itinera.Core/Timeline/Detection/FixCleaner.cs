using Itinera.Core.Geo;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// Drops fixes that would distort the timeline: inaccurate ones, duplicate timestamps, and jumps that no
/// vehicle can make (a spike out and back, or a move faster than <see cref="TimelineOptions.MaxSpeedMetersPerSecond"/>).
/// </summary>
public static class FixCleaner
{
    /// <summary>The cleaned fixes, in time order. <paramref name="fixes"/> must be sorted by timestamp.</summary>
    public static Fix[] Clean(IReadOnlyList<Fix> fixes, TimelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(options);
        var kept = new List<Fix>(fixes.Count);
        foreach (var fix in fixes)
        {
            if (fix.AccuracyMeters > options.MaxAccuracyMeters || (fix.Latitude == 0 && fix.Longitude == 0))
            {
                continue;
            }

            if (kept.Count > 0)
            {
                var last = kept[^1];
                if (fix.TimestampMs <= last.TimestampMs)
                {
                    continue;
                }

                var seconds = (fix.TimestampMs - last.TimestampMs) / 1000.0;
                var meters = GeoMath.ApproxDistanceMeters(last.Latitude, last.Longitude, fix.Latitude, fix.Longitude);

                // Accuracy radii make short hops look fast; only what exceeds them counts as speed.
                var slack = (last.AccuracyMeters ?? 10) + (fix.AccuracyMeters ?? 10);
                if (meters - slack > options.MaxSpeedMetersPerSecond * seconds)
                {
                    continue;
                }

                if (kept.Count > 1 && meters > 2 * options.StayRadiusMeters && IsSpike(kept[^2], last, fix, options))
                {
                    kept[^1] = fix;
                    continue;
                }
            }

            kept.Add(fix);
        }

        return [.. kept];
    }

    /// <summary>b jumps away from a and back to c within a minute: a multipath reflection, not a movement.</summary>
    private static bool IsSpike(in Fix a, in Fix b, in Fix c, TimelineOptions options)
    {
        if (c.TimestampMs - a.TimestampMs > 60_000)
        {
            return false;
        }

        var ab = GeoMath.ApproxDistanceMeters(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
        var bc = GeoMath.ApproxDistanceMeters(b.Latitude, b.Longitude, c.Latitude, c.Longitude);
        var ac = GeoMath.ApproxDistanceMeters(a.Latitude, a.Longitude, c.Latitude, c.Longitude);
        return ab > 2 * options.StayRadiusMeters && bc > 2 * options.StayRadiusMeters && ac < 0.25 * Math.Min(ab, bc);
    }
}
