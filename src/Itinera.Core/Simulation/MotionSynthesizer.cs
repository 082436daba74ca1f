using Itinera.Core.Ingestion;

namespace Itinera.Core.Simulation;

/// <summary>A harsh manoeuvre produced by the motion model, with what the IMU synthesis needs.</summary>
/// <param name="TimeMs">Time of the peak, epoch milliseconds.</param>
/// <param name="MagnitudeMetersPerSecondSquared">Plateau of the horizontal acceleration pulse, m/s².</param>
/// <param name="DurationMs">Length of the pulse, milliseconds.</param>
/// <param name="SpeedMetersPerSecond">Vehicle speed around the event, m/s (for the yaw rate of turns).</param>
internal readonly record struct HarshRecord(long TimeMs, string Kind, double MagnitudeMetersPerSecondSquared, long DurationMs, double SpeedMetersPerSecond);

/// <summary>
/// Synthesises 50 Hz device-frame IMU batches for a car leg: one window around every harsh event (the event's
/// trapezoidal acceleration pulse, 0.4 s ramps, plateau = magnitude, 3 s of context either side; turns add a yaw
/// rate of a / v) and one 10 s calibration window of ordinary driving. The vehicle frame is x forward, y left,
/// z up; the phone's mounting is a uniformly random rotation, fixed for the leg. Accelerometer values include
/// gravity (+9.81 m/s² on the vehicle's up axis at rest), with 0.08 m/s² white noise and engine vibration.
/// </summary>
internal static class MotionSynthesizer
{
    public const double RateHz = 50;
    private const int SampleMs = 20;
    private const double Gravity = 9.80665;
    private const long ContextMs = 3000;
    private const long RampMs = 400;

    public static void Synthesize(
        long legStartMs, List<float> speedTrace, List<HarshRecord> events, SimulationRandom random, List<MotionBatch> output)
    {
        var rotation = RandomRotation(random);
        var vibrationPhase = random.Uniform(0, 2 * Math.PI);
        var firstBatch = output.Count;

        // Calibration: 10 s of ordinary driving at speed, away from any harsh event.
        for (var second = 30; second + 11 < speedTrace.Count; second += 5)
        {
            var startMs = legStartMs + second * 1000L;
            var clear = speedTrace[second] > 6 && speedTrace[second + 10] > 6 &&
                events.TrueForAll(e => Math.Abs(e.TimeMs - startMs - 5000) > 12_000);
            if (clear)
            {
                output.Add(Batch(startMs, startMs + 10_000, rotation, vibrationPhase, random, [], legStartMs, speedTrace));
                break;
            }
        }

        // Harsh events, overlapping windows merged.
        var index = 0;
        while (index < events.Count)
        {
            var start = events[index].TimeMs - events[index].DurationMs / 2 - ContextMs;
            var end = events[index].TimeMs + events[index].DurationMs / 2 + ContextMs;
            var last = index;
            while (last + 1 < events.Count && events[last + 1].TimeMs - events[last + 1].DurationMs / 2 - ContextMs <= end)
            {
                last++;
                end = Math.Max(end, events[last].TimeMs + events[last].DurationMs / 2 + ContextMs);
            }

            output.Add(Batch(start, end, rotation, vibrationPhase, random, events.GetRange(index, last - index + 1), legStartMs, null));
            index = last + 1;
        }

        output.Sort(firstBatch, output.Count - firstBatch, Comparer<MotionBatch>.Create(static (a, b) => a.StartMs.CompareTo(b.StartMs)));
    }

    private static MotionBatch Batch(
        long startMs, long endMs, double[] rotation, double vibrationPhase, SimulationRandom random,
        List<HarshRecord> pulses, long legStartMs, List<float>? speedTrace)
    {
        var count = (int)((endMs - startMs) / SampleMs);
        var accelerometer = new float[count * 3];
        var gyroscope = new float[count * 3];
        for (var i = 0; i < count; i++)
        {
            var time = startMs + i * (long)SampleMs;
            double along = 0;
            double lateral = 0;
            double yawRate = 0;
            double pitchRate = 0;
            if (speedTrace is not null)
            {
                var second = (time - legStartMs) / 1000.0;
                var k = Math.Clamp((int)second, 0, speedTrace.Count - 2);
                along = speedTrace[k + 1] - speedTrace[k];
            }

            foreach (var pulse in pulses)
            {
                var shape = Trapezoid(time, pulse.TimeMs, pulse.DurationMs);
                if (shape <= 0)
                {
                    continue;
                }

                var value = pulse.MagnitudeMetersPerSecondSquared * shape;
                switch (pulse.Kind)
                {
                    case HarshEventKinds.Brake:
                        along -= value;
                        pitchRate += 0.02 * shape;
                        break;
                    case HarshEventKinds.Accel:
                        along += value;
                        pitchRate -= 0.02 * shape;
                        break;
                    case HarshEventKinds.LeftTurn:
                        lateral += value;
                        yawRate += value / Math.Max(2, pulse.SpeedMetersPerSecond);
                        break;
                    default:
                        lateral -= value;
                        yawRate -= value / Math.Max(2, pulse.SpeedMetersPerSecond);
                        break;
                }
            }

            var vibration = 0.12 * Math.Sin(2 * Math.PI * 11 * (time - startMs) / 1000.0 + vibrationPhase);
            var ax = along + 0.08 * random.NextGaussian();
            var ay = lateral + 0.08 * random.NextGaussian();
            var az = Gravity + vibration + 0.08 * random.NextGaussian();
            Rotate(rotation, ax, ay, az, accelerometer, i * 3);
            Rotate(rotation, 0.005 * random.NextGaussian(), pitchRate + 0.005 * random.NextGaussian(), yawRate + 0.005 * random.NextGaussian(), gyroscope, i * 3);
        }

        return new MotionBatch(startMs, RateHz, MotionFrame.Device, accelerometer, gyroscope);
    }

    /// <summary>1 on the plateau, linear 0.4 s ramps, 0 outside [peak − duration/2, peak + duration/2].</summary>
    private static double Trapezoid(long time, long peakMs, long durationMs)
    {
        var from = peakMs - durationMs / 2;
        var to = peakMs + durationMs / 2;
        if (time <= from || time >= to)
        {
            return 0;
        }

        return Math.Min(1, Math.Min(time - from, to - time) / (double)RampMs);
    }

    /// <summary>A uniformly random rotation matrix (row-major 3×3) from a random unit quaternion.</summary>
    private static double[] RandomRotation(SimulationRandom random)
    {
        var u1 = random.NextDouble();
        var u2 = random.NextDouble() * 2 * Math.PI;
        var u3 = random.NextDouble() * 2 * Math.PI;
        var (x, y) = (Math.Sqrt(1 - u1) * Math.Sin(u2), Math.Sqrt(1 - u1) * Math.Cos(u2));
        var (z, w) = (Math.Sqrt(u1) * Math.Sin(u3), Math.Sqrt(u1) * Math.Cos(u3));
        return
        [
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y),
        ];
    }

    private static void Rotate(double[] m, double x, double y, double z, float[] target, int offset)
    {
        target[offset] = (float)(m[0] * x + m[1] * y + m[2] * z);
        target[offset + 1] = (float)(m[3] * x + m[4] * y + m[5] * z);
        target[offset + 2] = (float)(m[6] * x + m[7] * y + m[8] * z);
    }
}
