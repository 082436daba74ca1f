using Itinera.Core.Geo;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Speed, longitudinal acceleration, heading and yaw rate of a vehicle from its fixes: speeds (the fix's own,
/// else from positions) smoothed by a centred moving average, differentiated centrally; headings from the fixes'
/// bearings (else from positions) unwrapped and counter-clockwise positive, like a gyroscope's yaw.
/// </summary>
internal sealed class GpsKinematics
{
    private GpsKinematics(long[] timesMs, double[] speed, double[] acceleration, double[] heading, double[] yawRate, int[] run)
    {
        TimesMs = timesMs;
        SpeedMetersPerSecond = speed;
        AccelerationMetersPerSecondSquared = acceleration;
        HeadingRadians = heading;
        YawRateRadiansPerSecond = yawRate;
        Run = run;
    }

    public long[] TimesMs { get; }

    public double[] SpeedMetersPerSecond { get; }

    public double[] AccelerationMetersPerSecondSquared { get; }

    public double[] HeadingRadians { get; }

    public double[] YawRateRadiansPerSecond { get; }

    /// <summary>Index of the gap-free run each fix belongs to (no derivative crosses a gap).</summary>
    public int[] Run { get; }

    public int Count => TimesMs.Length;

    public static GpsKinematics From(IReadOnlyList<Fix> fixes, long smoothingHalfWindowMs, long maxGapMs, long headingWindowMs = 2000)
    {
        var n = fixes.Count;
        var times = new long[n];
        var raw = new double[n];
        var heading = new double[n];
        var run = new int[n];
        for (var i = 0; i < n; i++)
        {
            times[i] = fixes[i].TimestampMs;
            run[i] = i > 0 && times[i] - times[i - 1] > maxGapMs ? run[i - 1] + 1 : i > 0 ? run[i - 1] : 0;
        }

        for (var i = 0; i < n; i++)
        {
            var f = fixes[i];
            var (a, b) = Neighbours(run, i);
            double? derived = a == b ? null
                : GeoMath.DistanceMeters(fixes[a].Latitude, fixes[a].Longitude, fixes[b].Latitude, fixes[b].Longitude) * 1000 / (times[b] - times[a]);
            raw[i] = f.SpeedMetersPerSecond is >= 0 and var s ? s : derived ?? 0;
            var bearing = f.BearingDegrees ?? (a == b ? (double?)null : GeoMath.BearingDegrees(fixes[a].Latitude, fixes[a].Longitude, fixes[b].Latitude, fixes[b].Longitude));
            // Without a bearing (standing still) the heading is carried over.
            heading[i] = bearing is { } d ? -d * Math.PI / 180 : i > 0 ? heading[i - 1] : 0;
            if (i > 0 && run[i] == run[i - 1])
            {
                // Unwrap: the heading moves by the smallest angle between consecutive fixes.
                var delta = heading[i] - heading[i - 1];
                delta -= 2 * Math.PI * Math.Round(delta / (2 * Math.PI));
                heading[i] = heading[i - 1] + delta;
            }
        }

        var speed = new double[n];
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            var count = 0;
            for (var j = i; j >= 0 && run[j] == run[i] && times[i] - times[j] <= smoothingHalfWindowMs; j--)
            {
                sum += raw[j];
                count++;
            }

            for (var j = i + 1; j < n && run[j] == run[i] && times[j] - times[i] <= smoothingHalfWindowMs; j++)
            {
                sum += raw[j];
                count++;
            }

            speed[i] = sum / count;
        }

        var acceleration = new double[n];
        var yawRate = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (a, b) = Neighbours(run, i);
            if (a != b)
            {
                var seconds = (times[b] - times[a]) / 1000.0;
                acceleration[i] = (speed[b] - speed[a]) / seconds;
            }

            var from = HeadingAt(times, heading, run, i, times[i] - headingWindowMs / 2);
            var to = HeadingAt(times, heading, run, i, times[i] + headingWindowMs / 2);
            if (to.TimeMs > from.TimeMs)
            {
                yawRate[i] = (to.Heading - from.Heading) * 1000 / (to.TimeMs - from.TimeMs);
            }
        }

        return new GpsKinematics(times, speed, acceleration, heading, yawRate, run);
    }

    /// <summary>The index of the last fix at or before <paramref name="timeMs"/>, or −1.</summary>
    public int IndexAtOrBefore(long timeMs)
    {
        var index = Array.BinarySearch(TimesMs, timeMs);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The heading at a time, interpolated, clamped to the run of fix <paramref name="i"/>.</summary>
    private static (long TimeMs, double Heading) HeadingAt(long[] times, double[] heading, int[] run, int i, long timeMs)
    {
        var j = i;
        while (j > 0 && run[j - 1] == run[i] && times[j] > timeMs)
        {
            j--;
        }

        while (j + 1 < times.Length && run[j + 1] == run[i] && times[j + 1] <= timeMs)
        {
            j++;
        }

        if (times[j] >= timeMs || j + 1 >= times.Length || run[j + 1] != run[i])
        {
            return (times[j], heading[j]);
        }

        var w = (timeMs - times[j]) / (double)(times[j + 1] - times[j]);
        return (timeMs, heading[j] + (heading[j + 1] - heading[j]) * w);
    }

    private static (int A, int B) Neighbours(int[] run, int i)
    {
        var a = i > 0 && run[i - 1] == run[i] ? i - 1 : i;
        var b = i + 1 < run.Length && run[i + 1] == run[i] ? i + 1 : i;
        return (a, b);
    }
}
