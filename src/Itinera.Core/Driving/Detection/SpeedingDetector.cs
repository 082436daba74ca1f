using Itinera.Core.Geo;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>Rules of speeding detection. Round values chosen a priori, not fitted to data.</summary>
public sealed record SpeedingOptions
{
    /// <summary>The defaults.</summary>
    public static SpeedingOptions Default { get; } = new();

    /// <summary>Speed above the limit that is tolerated, km/h: a fix is over the limit when its speed exceeds limit + tolerance.
    /// Zero by default: the legal rule, and the same rule a share computed directly from speed and limit uses.</summary>
    public double ToleranceKmh { get; init; }

    /// <summary>Below this speed the car is not driving (waiting at lights, parked), km/h; such time counts neither way.</summary>
    public double MinDrivingSpeedKmh { get; init; } = 5;

    /// <summary>A fix stands for the time to the next fix unless that is longer than this (a gap: unknown time), milliseconds.</summary>
    public long MaxGapMs { get; init; } = 10_000;

    /// <summary>Speeds are the median of this many consecutive fixes (odd; 1 = raw), which removes single-fix GPS spikes.</summary>
    public int MedianFixes { get; init; } = 3;

    /// <summary>A stretch over one limit becomes a <see cref="SpeedingInterval"/> when it lasts at least this long,
    /// milliseconds. Shorter stretches still count in <see cref="SpeedingResult.SpeedingSeconds"/>.</summary>
    public long MinIntervalMs { get; init; } = 5000;
}

/// <summary>A continuous stretch above one speed limit.</summary>
/// <param name="LimitKmh">The posted limit, km/h.</param>
/// <param name="MaxSpeedKmh">The highest (median-filtered) speed of the stretch, km/h.</param>
public sealed record SpeedingInterval(DateTimeOffset Start, DateTimeOffset End, double LimitKmh, double MaxSpeedKmh);

/// <summary>Speeding over one transport.</summary>
/// <param name="DrivingSeconds">Time driving (speed at least <see cref="SpeedingOptions.MinDrivingSpeedKmh"/>) where the limit is known, seconds.</param>
/// <param name="SpeedingSeconds">Part of <paramref name="DrivingSeconds"/> above the limit plus tolerance, seconds.</param>
public sealed record SpeedingResult(IReadOnlyList<SpeedingInterval> Intervals, double DrivingSeconds, double SpeedingSeconds)
{
    /// <summary>Share of driving time over the limit in 0..1; null without driving time with a known limit.</summary>
    public double? Share => DrivingSeconds > 0 ? SpeedingSeconds / DrivingSeconds : null;
}

/// <summary>
/// Speeding from fixes and the speed limit at each fix (from the map matcher or the data set): every fix stands for
/// the time to the next fix; its speed is the median of <see cref="SpeedingOptions.MedianFixes"/> neighbouring
/// fixes (the fix's own speed, else from positions); it is driving when that speed is at least
/// <see cref="SpeedingOptions.MinDrivingSpeedKmh"/>, and speeding when it exceeds limit + tolerance.
/// </summary>
public static class SpeedingDetector
{
    /// <param name="fixes">The transport's fixes in time order.</param>
    /// <param name="speedLimitsKmh">The posted limit at each fix, km/h; null where unknown (such time is not counted).</param>
    public static SpeedingResult Detect(IReadOnlyList<Fix> fixes, IReadOnlyList<double?> speedLimitsKmh, SpeedingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(speedLimitsKmh);
        if (fixes.Count != speedLimitsKmh.Count)
        {
            throw new ArgumentException("One speed limit per fix is needed.", nameof(speedLimitsKmh));
        }

        options ??= SpeedingOptions.Default;
        var speeds = MedianSpeedsKmh(fixes, options);
        var intervals = new List<SpeedingInterval>();
        double driving = 0, speeding = 0;
        int runStart = -1;
        long runEndMs = 0;
        double runMax = 0;
        for (var i = 0; i < fixes.Count; i++)
        {
            var stepMs = i + 1 < fixes.Count ? fixes[i + 1].TimestampMs - fixes[i].TimestampMs : 0;
            if (stepMs > options.MaxGapMs)
            {
                stepMs = 0;
            }

            var over = false;
            if (speedLimitsKmh[i] is { } limit && speeds[i] >= options.MinDrivingSpeedKmh)
            {
                driving += stepMs / 1000.0;
                over = speeds[i] > limit + options.ToleranceKmh;
                if (over)
                {
                    speeding += stepMs / 1000.0;
                }
            }

            var continues = over && runStart >= 0 && speedLimitsKmh[runStart] == speedLimitsKmh[i] && fixes[i].TimestampMs <= runEndMs;
            if (!continues && runStart >= 0)
            {
                Close(fixes, speedLimitsKmh, runStart, runEndMs, runMax, options, intervals);
                runStart = -1;
            }

            if (over)
            {
                if (runStart < 0)
                {
                    runStart = i;
                    runMax = 0;
                }

                runEndMs = fixes[i].TimestampMs + stepMs;
                runMax = Math.Max(runMax, speeds[i]);
            }
        }

        if (runStart >= 0)
        {
            Close(fixes, speedLimitsKmh, runStart, runEndMs, runMax, options, intervals);
        }

        return new SpeedingResult(intervals, driving, speeding);
    }

    private static void Close(IReadOnlyList<Fix> fixes, IReadOnlyList<double?> limits, int start, long endMs, double max, SpeedingOptions options, List<SpeedingInterval> intervals)
    {
        if (endMs - fixes[start].TimestampMs >= options.MinIntervalMs)
        {
            intervals.Add(new SpeedingInterval(
                DateTimeOffset.FromUnixTimeMilliseconds(fixes[start].TimestampMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), limits[start]!.Value, Math.Round(max, 1)));
        }
    }

    private static double[] MedianSpeedsKmh(IReadOnlyList<Fix> fixes, SpeedingOptions options)
    {
        var n = fixes.Count;
        var raw = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (fixes[i].SpeedMetersPerSecond is >= 0 and var s)
            {
                raw[i] = Math.Round(s * 3.6, 6);
            }
            else
            {
                var a = i > 0 && fixes[i].TimestampMs - fixes[i - 1].TimestampMs <= options.MaxGapMs ? i - 1 : i;
                var b = i + 1 < n && fixes[i + 1].TimestampMs - fixes[i].TimestampMs <= options.MaxGapMs ? i + 1 : i;
                raw[i] = a == b ? 0
                    : GeoMath.DistanceMeters(fixes[a].Latitude, fixes[a].Longitude, fixes[b].Latitude, fixes[b].Longitude) * 3600.0 / (fixes[b].TimestampMs - fixes[a].TimestampMs);
            }
        }

        var half = Math.Max(0, options.MedianFixes / 2);
        if (half == 0)
        {
            return raw;
        }

        var result = new double[n];
        var window = new List<double>(2 * half + 1);
        for (var i = 0; i < n; i++)
        {
            window.Clear();
            window.Add(raw[i]);
            // The window stays inside the gap-free stretch around the fix.
            for (var j = i - 1; j >= Math.Max(0, i - half) && fixes[j + 1].TimestampMs - fixes[j].TimestampMs <= options.MaxGapMs; j--)
            {
                window.Add(raw[j]);
            }

            for (var j = i + 1; j <= Math.Min(n - 1, i + half) && fixes[j].TimestampMs - fixes[j - 1].TimestampMs <= options.MaxGapMs; j++)
            {
                window.Add(raw[j]);
            }

            window.Sort();
            result[i] = window.Count % 2 == 1 ? window[window.Count / 2] : (window[window.Count / 2 - 1] + window[window.Count / 2]) / 2;
        }

        return result;
    }
}
