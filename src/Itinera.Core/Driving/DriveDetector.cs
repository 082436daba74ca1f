using Itinera.Core.Driving.Detection;
using Itinera.Core.Driving.Scoring;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving;

/// <summary>
/// Runs every detector over one car transport: harsh events (IMU when uploaded, else GPS), speeding against the
/// matched speed limits, phone use from phone events, whether the phone was mounted, and the boundary annotations of
/// the stretches where event detection was possible.
/// </summary>
public static class DriveDetector
{
    /// <summary>Fixes further apart than this leave a gap in GPS-based event detection.</summary>
    public const long MaxGpsGapMs = 2500;

    /// <summary>Covered stretches shorter than this get no boundary annotation.</summary>
    public const long MinBoundaryMs = 30_000;

    /// <summary>The phone's gravity direction within this angle of the drive's usual one counts as mounted.</summary>
    public const double MountedAngleDegrees = 20;

    /// <param name="fixes">The transport's fixes in time order.</param>
    /// <param name="speedLimitsKmh">The speed limit at each fix (from map matching), null where unknown.</param>
    public static DriveDetections Detect(
        IReadOnlyList<Fix> fixes, IReadOnlyList<double?> speedLimitsKmh, IReadOnlyList<MotionBatch> motion, IReadOnlyList<PhoneEvent> phoneEvents,
        HarshEventOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(motion);
        ArgumentNullException.ThrowIfNull(phoneEvents);
        if (fixes.Count < 2)
        {
            return new DriveDetections([]);
        }

        var annotations = new List<BehaviorAnnotation>();
        annotations.AddRange(Boundaries(fixes, motion));
        annotations.AddRange(HarshEventDetector.Detect(fixes, motion, options));
        annotations.AddRange(PhoneUseDetector.Detect(phoneEvents, fixes[0].TimestampMs, fixes[^1].TimestampMs, fixes));
        annotations.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
        var speeding = SpeedingDetector.Detect(fixes, speedLimitsKmh);
        var (judged, mounted) = Mounting(motion);
        return new DriveDetections(annotations, speeding.Intervals, judged, mounted);
    }

    /// <summary>Where detection was possible: the whole transport when the phone uploaded IMU for it (phones upload
    /// IMU for the windows they found worth it, having watched the whole drive), else runs of fixes at most
    /// <see cref="MaxGpsGapMs"/> apart.</summary>
    private static IEnumerable<BehaviorAnnotation> Boundaries(IReadOnlyList<Fix> fixes, IReadOnlyList<MotionBatch> motion)
    {
        var spans = new List<(long Start, long End)>();
        if (motion.Any(static m => m.SampleCount >= 2))
        {
            spans.Add((fixes[0].TimestampMs, fixes[^1].TimestampMs));
        }
        else
        {
            var start = fixes[0].TimestampMs;
            for (var i = 1; i < fixes.Count; i++)
            {
                if (fixes[i].TimestampMs - fixes[i - 1].TimestampMs > MaxGpsGapMs)
                {
                    spans.Add((start, fixes[i - 1].TimestampMs));
                    start = fixes[i].TimestampMs;
                }
            }

            spans.Add((start, fixes[^1].TimestampMs));
        }

        spans.Sort();
        var merged = new List<(long Start, long End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End + MaxGpsGapMs)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged.Where(s => s.End - s.Start >= MinBoundaryMs).Select(s => new BehaviorAnnotation(
            AnnotationKind.Boundary, DateTimeOffset.FromUnixTimeMilliseconds(s.Start), DateTimeOffset.FromUnixTimeMilliseconds(s.End), null, null, 0, []));
    }

    /// <summary>Seconds of device-frame motion data, and of those the seconds whose mean gravity direction lies within
    /// <see cref="MountedAngleDegrees"/> of the drive's median direction (a handled phone turns).</summary>
    private static (double JudgedSeconds, double MountedSeconds) Mounting(IReadOnlyList<MotionBatch> motion)
    {
        var directions = new List<(double X, double Y, double Z, double Seconds)>();
        foreach (var batch in motion)
        {
            if (batch.Frame != MotionFrame.Device || batch.SampleCount < 2)
            {
                continue;
            }

            double x = 0, y = 0, z = 0;
            for (var i = 0; i < batch.SampleCount; i++)
            {
                x += batch.Accelerometer[3 * i];
                y += batch.Accelerometer[3 * i + 1];
                z += batch.Accelerometer[3 * i + 2];
            }

            var norm = Math.Sqrt(x * x + y * y + z * z);
            if (norm > 0)
            {
                directions.Add((x / norm, y / norm, z / norm, (batch.EndMs - batch.StartMs) / 1000.0));
            }
        }

        if (directions.Count == 0)
        {
            return (0, 0);
        }

        var median = (X: Median(directions.Select(d => d.X)), Y: Median(directions.Select(d => d.Y)), Z: Median(directions.Select(d => d.Z)));
        var cosLimit = Math.Cos(MountedAngleDegrees * Math.PI / 180);
        var medianNorm = Math.Sqrt(median.X * median.X + median.Y * median.Y + median.Z * median.Z);
        double judged = 0, mounted = 0;
        foreach (var d in directions)
        {
            judged += d.Seconds;
            var cos = medianNorm > 0 ? (d.X * median.X + d.Y * median.Y + d.Z * median.Z) / medianNorm : 0;
            if (cos >= cosLimit)
            {
                mounted += d.Seconds;
            }
        }

        return (judged, mounted);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
