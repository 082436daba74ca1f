using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

/// <summary>A manoeuvre of a synthetic drive: a trapezoidal pulse (0.4 s ramps) of the given plateau.</summary>
internal sealed record Manoeuvre(string Kind, double StartSeconds, double DurationSeconds, double MetersPerSecondSquared);

/// <summary>
/// A synthetic car drive with known manoeuvres: vehicle-frame kinematics (speed from the longitudinal pulses, yaw rate
/// a/v in turns), rendered as 50 Hz IMU in a random phone orientation (device frame) or east-north-up (earth frame),
/// with white noise, engine vibration and a gyroscope bias, and as 1 Hz fixes with speed and bearing.
/// </summary>
internal static class SyntheticDrive
{
    public const long StartMs = 1_700_000_000_000;
    private const double Gravity = 9.81;
    private const double RateHz = 50;

    public static (MotionBatch Motion, List<Fix> Fixes) Render(
        IReadOnlyList<Manoeuvre> manoeuvres, double seconds, MotionFrame frame, int seed, double startSpeed = 12, double noise = 0.1)
    {
        var random = new Random(seed);
        var rotation = RandomRotation(random);
        var n = (int)(seconds * RateHz);
        var accelerometer = new float[3 * n];
        var gyroscope = new float[3 * n];
        var fixes = new List<Fix>();
        double speed = startSpeed, heading = random.NextDouble() * 2 * Math.PI, east = 0, north = 0;
        var gyroBias = 0.01 * (random.NextDouble() - 0.5);
        for (var i = 0; i < n; i++)
        {
            var t = i / RateHz;
            double forward = 0, left = 0;
            foreach (var m in manoeuvres)
            {
                var shape = Trapezoid(t, m.StartSeconds, m.DurationSeconds) * m.MetersPerSecondSquared;
                switch (m.Kind)
                {
                    case "accel": forward += shape; break;
                    case "brake": forward -= shape; break;
                    case "left": left += shape; break;
                    case "right": left -= shape; break;
                    case "lane": left += shape == 0 ? 0 : m.MetersPerSecondSquared * Math.Sin(2 * Math.PI * (t - m.StartSeconds) / m.DurationSeconds); break;
                }
            }

            var yaw = left / Math.Max(2, speed);
            if (manoeuvres.Any(m => m.Kind == "lane" && t > m.StartSeconds && t < m.StartSeconds + m.DurationSeconds))
            {
                // A lane change: the car swings out and back, no lasting heading change.
                yaw = 0;
            }

            if (i % (int)RateHz == 0)
            {
                var position = Itinera.Core.Geo.GeoMath.Destination(50.85, 4.35, 0, north);
                var point = Itinera.Core.Geo.GeoMath.Destination(position.Latitude, position.Longitude, 90, east);
                var bearing = ((90 - heading * 180 / Math.PI) % 360 + 360) % 360;
                fixes.Add(new Fix(StartMs + (long)(t * 1000), point.Latitude, point.Longitude, 5, null, Math.Max(0, speed + 0.2 * Gaussian(random)), bearing));
            }

            var vibration = 0.1 * Math.Sin(2 * Math.PI * 13 * t);
            double ax = forward + noise * Gaussian(random), ay = left + noise * Gaussian(random), az = Gravity + vibration + noise * Gaussian(random);
            double gx = 0.005 * Gaussian(random), gy = 0.005 * Gaussian(random), gz = yaw + gyroBias + 0.005 * Gaussian(random);
            if (frame == MotionFrame.Device)
            {
                Rotate(rotation, ax, ay, az, accelerometer, 3 * i);
                Rotate(rotation, gx, gy, gz, gyroscope, 3 * i);
            }
            else
            {
                var (c, s) = (Math.Cos(heading), Math.Sin(heading));
                accelerometer[3 * i] = (float)(c * ax - s * ay);
                accelerometer[3 * i + 1] = (float)(s * ax + c * ay);
                accelerometer[3 * i + 2] = (float)az;
                gyroscope[3 * i] = (float)gx;
                gyroscope[3 * i + 1] = (float)gy;
                gyroscope[3 * i + 2] = (float)gz;
            }

            speed = Math.Max(1, speed + forward / RateHz);
            heading += yaw / RateHz;
            east += speed * Math.Cos(heading) / RateHz;
            north += speed * Math.Sin(heading) / RateHz;
        }

        return (new MotionBatch(StartMs, RateHz, frame, accelerometer, gyroscope), fixes);
    }

    public static DateTimeOffset At(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds(StartMs + (long)(seconds * 1000));

    private static double Trapezoid(double t, double start, double duration)
    {
        if (t <= start || t >= start + duration)
        {
            return 0;
        }

        return Math.Min(1, Math.Min(t - start, start + duration - t) / 0.4);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] RandomRotation(Random random)
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
