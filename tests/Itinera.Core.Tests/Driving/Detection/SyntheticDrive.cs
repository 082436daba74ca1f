using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

/// <summary>A manoeuvre of a synthetic drive: a trapezoidal pulse (0.4 s ramps) of the given plateau.</summary>
internal sealed record Manoeuvre(string Kind, double StartSeconds, double DurationSeconds, double MetersPerSecondSquared);

/// <summary>
/// A synthetic car drive with known manoeuvres: vehicle-frame kinematics (speed from the longitudinal pulses, yaw rate
/// a/v in turns), rendered as 50 Hz IMU in a random phone orientation (device frame) or east-north-up (earth frame),
/// with white noise, engine vibration and a gyroscope bias, and as 1 Hz fixes with speed and bearing. Optionally the car
/// first stands still (idling: less vibration), and the earth frame comes through a phone's orientation filter whose
/// up axis follows the specific force with a first-order lag (a sustained acceleration slowly becomes a tilt).
/// </summary>
internal static class SyntheticDrive
{
    public const long StartMs = 1_700_000_000_000;
    private const double Gravity = 9.81;
    private const double RateHz = 50;

    public static (MotionBatch Motion, List<Fix> Fixes) Render(
        IReadOnlyList<Manoeuvre> manoeuvres, double seconds, MotionFrame frame, int seed, double startSpeed = 12, double noise = 0.1,
        double stillSeconds = 0, double orientationFilterSeconds = 0)
    {
        var random = new Random(seed);
        var rotation = RandomRotation(random);
        var n = (int)(seconds * RateHz);
        var accelerometer = new float[3 * n];
        var gyroscope = new float[3 * n];
        var fixes = new List<Fix>();
        double speed = startSpeed, heading = random.NextDouble() * 2 * Math.PI, east = 0, north = 0;
        var gyroBias = 0.01 * (random.NextDouble() - 0.5);
        double tiltEast = 0, tiltNorth = 0;
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

            var still = t < stillSeconds;
            var shake = still ? 0.2 : 1;
            var vibration = 0.1 * shake * Math.Sin(2 * Math.PI * 13 * t);
            double ax = forward + noise * Gaussian(random), ay = left + noise * Gaussian(random), az = Gravity + vibration + noise * Gaussian(random);
            double gx = 0.005 * shake * Gaussian(random), gy = 0.005 * shake * Gaussian(random), gz = yaw + gyroBias + 0.005 * shake * Gaussian(random);
            if (frame == MotionFrame.Device)
            {
                Rotate(rotation, ax, ay, az, accelerometer, 3 * i);
                Rotate(rotation, gx, gy, gz, gyroscope, 3 * i);
            }
            else
            {
                var (c, s) = (Math.Cos(heading), Math.Sin(heading));
                double earthEast = c * ax - s * ay, earthNorth = s * ax + c * ay, earthUp = az;
                if (orientationFilterSeconds > 0)
                {
                    // The filter's up axis leans towards the specific force; the tilt rotates it back by that much.
                    tiltEast += ((c * forward - s * left) / Gravity - tiltEast) / (orientationFilterSeconds * RateHz);
                    tiltNorth += ((s * forward + c * left) / Gravity - tiltNorth) / (orientationFilterSeconds * RateHz);
                    (earthEast, earthNorth, earthUp) = Tilt(earthEast, earthNorth, earthUp, tiltEast, tiltNorth);
                }

                accelerometer[3 * i] = (float)earthEast;
                accelerometer[3 * i + 1] = (float)earthNorth;
                accelerometer[3 * i + 2] = (float)earthUp;
                gyroscope[3 * i] = (float)gx;
                gyroscope[3 * i + 1] = (float)gy;
                gyroscope[3 * i + 2] = (float)gz;
            }

            speed = still ? 0 : Math.Max(1, speed + forward / RateHz);
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

    /// <summary>Rotates (east, north, up) so that the vertical moves by −tilt (Rodrigues, about the horizontal axis
    /// orthogonal to the tilt): the frame's up axis has leaned by the tilt, so the vector leans the other way.</summary>
    private static (double East, double North, double Up) Tilt(double east, double north, double up, double tiltEast, double tiltNorth)
    {
        var angle = Math.Sqrt(tiltEast * tiltEast + tiltNorth * tiltNorth);
        if (angle == 0)
        {
            return (east, north, up);
        }

        double kx = tiltNorth / angle, ky = -tiltEast / angle;
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        var dot = kx * east + ky * north;
        double crossX = ky * up, crossY = -kx * up, crossZ = kx * north - ky * east;
        return (east * c + crossX * s + kx * dot * (1 - c), north * c + crossY * s + ky * dot * (1 - c), up * c + crossZ * s);
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
