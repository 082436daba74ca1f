using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Harsh accelerations, brakes, turns and lane switches from phone IMU batches, whatever the phone's mounting.
/// </summary>
/// <remarks>
/// Per batch: gravity is the trimmed mean of the accelerometer (the 60 % of samples closest to the median, so that
/// the manoeuvres themselves do not tilt it); the acceleration is projected on the horizontal plane, and the yaw rate
/// is the gyroscope's component along gravity (its median, the bias, removed: most driving is straight). Earth-frame
/// batches are turned into a frame fixed to the car by undoing the yaw integrated over ±30 s around each 10 s block
/// (gyroscopes drift), in the sense, of the two, under which the fit below is better (earth-frame conventions differ). The car's forward axis in that
/// plane is the rotation that best maps the kinematics the car must have, (dv/dt, v·ω) from GPS speed and yaw rate,
/// onto the measured horizontal acceleration (a 2-D orthogonal Procrustes fit, pooled over consecutive device-frame
/// batches with the same mounting). Without fixes the fit uses the yaw rate alone (centripetal acceleration points
/// into the turn); without gyroscope and fixes it falls back to the principal axis of the horizontal acceleration,
/// signed so that its largest excursion is a brake. Earth-frame batches without fixes take their forward axis from the
/// straight stretches instead, signed by departures from stops (<see cref="EarthFrameAxis"/>); the yaw fit then only
/// signs stretches without a stop. The forward and leftward components, smoothed over
/// <see cref="HarshEventOptions.ImuSmoothingMs"/>, are then thresholded (<see cref="HarshEventSegmenter"/>). In an earth
/// frame, an event is kept only when the magnitude of the specific force rises with it (a phone's orientation filter
/// turns sustained accelerations into a tilt, which reads as an opposite acceleration afterwards).
/// </remarks>
public static class ImuHarshEventDetector
{
    private const double SameMountingDegrees = 15;
    private const double ProcrustesSmoothingMs = 1000;
    private const double MinCoherence = 0.2;

    // Earth frame: the share of the rise of the specific force's magnitude that a real horizontal acceleration must
    // show (half: room for noise and for the event's edges, where it is below its peak).
    private const double MinRiseFraction = 0.5;

    // Earth frame: blocks sharing one forward axis, and how far around a block its fit looks (a 0.01 rad/s gyroscope
    // drift turns the frame by about 17° in 30 s).
    private const long EarthBlockMs = 10_000;
    private const long EarthWindowMs = 30_000;

    /// <summary>Detects harsh events in <paramref name="motion"/>.</summary>
    /// <param name="motion">IMU batches of one transport, device or earth frame, in time order.</param>
    /// <param name="fixes">The transport's fixes in time order (for the forward axis's direction and the paths); may be empty.</param>
    /// <returns>Acceleration annotations (<c>accelerate</c>/<c>brake</c>) and turn annotations
    /// (<c>left_turn</c>/<c>right_turn</c>/<c>lane_switch</c>) in time order; magnitudes in the platform's unit.</returns>
    public static IReadOnlyList<BehaviorAnnotation> Detect(IReadOnlyList<MotionBatch> motion, IReadOnlyList<Fix> fixes, HarshEventOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(motion);
        ArgumentNullException.ThrowIfNull(fixes);
        options ??= HarshEventOptions.Default;
        var gps = fixes.Count >= 2 ? GpsKinematics.From(fixes, options.GpsSmoothingHalfWindowMs, options.GpsMaxGapMs, options.GpsHeadingWindowMs) : null;
        var batches = motion.Where(static b => b.SampleCount >= 2).Select(b => Horizontal.Of(b)).ToList();
        var result = new List<BehaviorAnnotation>();
        var start = 0;
        while (start < batches.Count)
        {
            // Consecutive device-frame batches with the same gravity direction share one forward axis.
            var end = start + 1;
            if (batches[start].Frame == MotionFrame.Device)
            {
                while (end < batches.Count && batches[end].Frame == MotionFrame.Device && Vector.AngleDegrees(batches[start].Up, batches[end].Up) < SameMountingDegrees)
                {
                    end++;
                }
            }

            var group = batches.GetRange(start, end - start);
            var reference = Vector.Reference(group[0].Up);
            if (group[0].Frame == MotionFrame.Earth && group[0].HasGyroscope)
            {
                group[0].Project(reference, 1, derotate: false);
                foreach (var candidate in group[0].EarthFrameEvents(gps, options))
                {
                    result.Add(HarshEventAnnotations.ToAnnotation(candidate, fixes));
                }

                start = end;
                continue;
            }

            var (forward, _) = Project(group, reference, 1, gps);

            foreach (var batch in group)
            {
                foreach (var candidate in batch.Events(forward, gps, options))
                {
                    result.Add(HarshEventAnnotations.ToAnnotation(candidate, fixes));
                }
            }

            start = end;
        }

        result.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return result;
    }

    private static (double Forward, double Coherence) Project(List<Horizontal> group, double[] reference, int yawSign, GpsKinematics? gps)
    {
        foreach (var batch in group)
        {
            batch.Project(reference, yawSign, derotate: true);
        }

        return ForwardAngle(group, gps);
    }

    /// <summary>The forward axis's angle in the group's horizontal basis, radians, and how well the fit explains the
    /// acceleration (0..1; 0 when the principal-axis fallback was used).</summary>
    private static (double Forward, double Coherence) ForwardAngle(List<Horizontal> group, GpsKinematics? gps)
    {
        double cross = 0, dot = 0, norms = 0;
        foreach (var batch in group)
        {
            var (x, y) = batch.Smoothed(ProcrustesSmoothingMs);
            for (var i = 0; i < x.Length; i++)
            {
                var (mx, my) = Model(batch, i, gps);
                cross += mx * y[i] - my * x[i];
                dot += mx * x[i] + my * y[i];
                norms += Math.Sqrt((mx * mx + my * my) * (x[i] * x[i] + y[i] * y[i]));
            }
        }

        var coherence = norms > 0 ? Math.Sqrt(cross * cross + dot * dot) / norms : 0;
        return coherence >= MinCoherence ? (Math.Atan2(cross, dot), coherence) : (PrincipalAxis(group), 0);
    }

    /// <summary>What the car's acceleration must be at sample i in its own frame (forward, left), up to scale.</summary>
    private static (double Forward, double Left) Model(Horizontal batch, int i, GpsKinematics? gps)
    {
        var time = batch.TimeMs(i);
        var yaw = batch.YawRate?[i];
        if (gps is not null)
        {
            var j = gps.IndexAtOrBefore(time);
            if (j >= 0 && j + 1 < gps.Count && gps.Run[j] == gps.Run[j + 1])
            {
                var w = (time - gps.TimesMs[j]) / (double)(gps.TimesMs[j + 1] - gps.TimesMs[j]);
                var speed = gps.SpeedMetersPerSecond[j] * (1 - w) + gps.SpeedMetersPerSecond[j + 1] * w;
                var acceleration = gps.AccelerationMetersPerSecondSquared[j] * (1 - w) + gps.AccelerationMetersPerSecondSquared[j + 1] * w;
                var yawRate = yaw ?? gps.YawRateRadiansPerSecond[j] * (1 - w) + gps.YawRateRadiansPerSecond[j + 1] * w;
                return (acceleration, speed * yawRate);
            }
        }

        // Without speed only the direction of the centripetal acceleration is known.
        return (0, yaw ?? 0);
    }

    private static double PrincipalAxis(List<Horizontal> group)
    {
        double xx = 0, yy = 0, xy = 0;
        foreach (var batch in group)
        {
            var (x, y) = batch.Smoothed(ProcrustesSmoothingMs);
            for (var i = 0; i < x.Length; i++)
            {
                xx += x[i] * x[i];
                yy += y[i] * y[i];
                xy += x[i] * y[i];
            }
        }

        var angle = 0.5 * Math.Atan2(2 * xy, xx - yy);
        double min = 0, max = 0;
        foreach (var batch in group)
        {
            var (x, y) = batch.Smoothed(ProcrustesSmoothingMs);
            for (var i = 0; i < x.Length; i++)
            {
                var along = x[i] * Math.Cos(angle) + y[i] * Math.Sin(angle);
                min = Math.Min(min, along);
                max = Math.Max(max, along);
            }
        }

        // Weak prior: brakes are harder than accelerations, so the largest excursion is a brake (backwards).
        return max > -min ? angle + Math.PI : angle;
    }

    /// <summary>One batch reduced to the horizontal plane.</summary>
    private sealed class Horizontal
    {
        private readonly MotionBatch _batch;
        private readonly double[] _gravity;
        private double[] _x = [];
        private double[] _y = [];
        private readonly Dictionary<double, (double[], double[])> _smoothed = [];

        private Horizontal(MotionBatch batch, double[] gravity)
        {
            _batch = batch;
            _gravity = gravity;
            Up = Vector.Unit(gravity);
        }

        public MotionFrame Frame => _batch.Frame;

        /// <summary>Unit vector opposite to gravity (the accelerometer reads +g upwards at rest).</summary>
        public double[] Up { get; }

        /// <summary>Yaw rate (counter-clockwise seen from above) without its median, rad/s; null without gyroscope.</summary>
        public double[]? YawRate { get; private set; }

        /// <summary>Heading relative to the batch start, radians; null without gyroscope.</summary>
        public double[]? Heading { get; private set; }

        public static Horizontal Of(MotionBatch batch) => new(batch, Gravity(batch.Accelerometer));

        public long TimeMs(int i) => _batch.StartMs + (long)(i * 1000 / _batch.RateHz);

        /// <summary>Projects on the plane orthogonal to gravity, with the basis derived from the group's reference axis.</summary>
        public bool HasGyroscope => _batch.Gyroscope is { } g && g.Length == _batch.Accelerometer.Length;

        public void Project(double[] reference, int yawSign, bool derotate)
        {
            _smoothed.Clear();
            var e1 = Vector.Unit(Vector.Reject(reference, Up));
            var e2 = Vector.Cross(Up, e1);
            var n = _batch.SampleCount;
            var a = _batch.Accelerometer;
            _x = new double[n];
            _y = new double[n];
            for (var i = 0; i < n; i++)
            {
                double ax = a[3 * i] - _gravity[0], ay = a[3 * i + 1] - _gravity[1], az = a[3 * i + 2] - _gravity[2];
                _x[i] = ax * e1[0] + ay * e1[1] + az * e1[2];
                _y[i] = ax * e2[0] + ay * e2[1] + az * e2[2];
            }

            if (_batch.Gyroscope is { } g && g.Length == a.Length)
            {
                var yaw = new double[n];
                for (var i = 0; i < n; i++)
                {
                    yaw[i] = yawSign * (g[3 * i] * Up[0] + g[3 * i + 1] * Up[1] + g[3 * i + 2] * Up[2]);
                }

                var bias = Median(yaw);
                var heading = new double[n];
                for (var i = 0; i < n; i++)
                {
                    yaw[i] -= bias;
                    heading[i] = i == 0 ? 0 : heading[i - 1] + yaw[i - 1] / _batch.RateHz;
                }

                YawRate = yaw;
                Heading = heading;
            }

            if (derotate && _batch.Frame == MotionFrame.Earth && Heading is { } h)
            {
                // Undo the car's rotation: afterwards the plane turns with the car, like a mounted phone's.
                for (var i = 0; i < n; i++)
                {
                    var (c, s) = (Math.Cos(-h[i]), Math.Sin(-h[i]));
                    (_x[i], _y[i]) = (c * _x[i] - s * _y[i], s * _x[i] + c * _y[i]);
                }
            }
        }

        /// <summary>
        /// Events of an earth-frame batch with gyroscope, projected with <c>derotate: false</c>. A gyroscope's integrated
        /// yaw drifts, so the car's forward axis is estimated per 10 s block from the ±30 s around it only: the yaw is
        /// integrated from the block's centre, the acceleration turned into the car's frame as of that centre, and
        /// the forward axis fitted there, in whichever sense of the yaw fits better (earth-frame conventions differ:
        /// ENU, NED, mirrored). Blocks whose fit is weak take the principal-axis fallback of their window. Without fixes
        /// the axis comes from the straight stretches and the fit only serves as the fallback direction
        /// (<see cref="OrientWithoutFixes"/>); events the specific force does not confirm are dropped
        /// (<see cref="RaisingSpecificForce"/>).
        /// </summary>
        public List<HarshEventCandidate> EarthFrameEvents(GpsKinematics? gps, HarshEventOptions options)
        {
            var (x1, y1) = Smoothed(ProcrustesSmoothingMs);
            var (x, y) = Smoothed(options.ImuSmoothingMs);
            var heading = Heading!;
            var n = x.Length;
            var block = Math.Max(1, (int)(EarthBlockMs * _batch.RateHz / 1000));
            var reach = (int)(EarthWindowMs * _batch.RateHz / 1000);
            var times = new long[n];
            var longitudinal = new double[n];
            var lateral = new double[n];
            var blocks = (n + block - 1) / block;
            var fits = new (double Forward, double Coherence, int Sign)[blocks];
            for (var b = 0; b < blocks; b++)
            {
                var (from, to) = (b * block, Math.Min(n, (b + 1) * block));
                var centre = (from + to) / 2;
                var (lo, hi) = (Math.Max(0, from - reach), Math.Min(n, to + reach));
                var best = (Forward: 0.0, Coherence: -1.0, Sign: 1);
                foreach (var sign in new[] { 1, -1 })
                {
                    double cross = 0, dot = 0, norms = 0;
                    for (var i = lo; i < hi; i++)
                    {
                        var (hx, hy) = EarthFrameAxis.Turn(x1[i], y1[i], -sign * (heading[i] - heading[centre]));
                        var (mx, my) = Model(this, i, gps);
                        my *= sign;
                        cross += mx * hy - my * hx;
                        dot += mx * hx + my * hy;
                        norms += Math.Sqrt((mx * mx + my * my) * (hx * hx + hy * hy));
                    }

                    var coherence = norms > 0 ? Math.Sqrt(cross * cross + dot * dot) / norms : 0;
                    if (coherence > best.Coherence)
                    {
                        best = (Math.Atan2(cross, dot), coherence, sign);
                    }
                }

                if (best.Coherence < MinCoherence)
                {
                    best = (WindowPrincipalAxis(x1, y1, heading, lo, hi, centre), 0, 1);
                }

                fits[b] = best;
            }

            if (gps is null)
            {
                OrientWithoutFixes(fits, x1, y1, heading, block, reach);
            }

            for (var b = 0; b < blocks; b++)
            {
                var (from, to) = (b * block, Math.Min(n, (b + 1) * block));
                var centre = (from + to) / 2;
                for (var i = from; i < to; i++)
                {
                    times[i] = TimeMs(i);
                    var (hx, hy) = EarthFrameAxis.Turn(x[i], y[i], -fits[b].Sign * (heading[i] - heading[centre]) - fits[b].Forward);
                    longitudinal[i] = hx;
                    lateral[i] = hy;
                }
            }

            var candidates = HarshEventSegmenter.Find(times, longitudinal, lateral, heading, (long)Math.Ceiling(2000 / _batch.RateHz), options);
            return RaisingSpecificForce(candidates, longitudinal, lateral, options);
        }

        /// <summary>
        /// Without fixes the yaw fit only sees turns, which are few and, in an earth frame, blurred by the phone's
        /// orientation filter; the forward axis is taken from the straight stretches instead and signed by departures
        /// from stops (<see cref="EarthFrameAxis"/>), the fit serving as the fallback direction of chains without a stop.
        /// </summary>
        private void OrientWithoutFixes((double Forward, double Coherence, int Sign)[] fits, double[] x1, double[] y1, double[] heading, int block, int reach)
        {
            var n = x1.Length;
            var senseVotes = fits.Where(static f => f.Coherence >= MinCoherence).Sum(static f => f.Sign);
            var sense = senseVotes < 0 ? -1 : 1;
            var yawRate = EarthFrameAxis.MovingAverage(YawRate!, Math.Max(0, (int)Math.Round(ProcrustesSmoothingMs * _batch.RateHz / 2000)));
            var still = EarthFrameAxis.Still(_batch.Gyroscope!, _batch.RateHz);
            var axes = new double[fits.Length];
            var centres = new int[fits.Length];
            var votes = new double[fits.Length];
            var fallback = new double[fits.Length];
            for (var b = 0; b < fits.Length; b++)
            {
                var (from, to) = (b * block, Math.Min(n, (b + 1) * block));
                var centre = (from + to) / 2;
                var (lo, hi) = (Math.Max(0, from - reach), Math.Min(n, to + reach));
                centres[b] = centre;
                axes[b] = EarthFrameAxis.StraightAxis(x1, y1, yawRate, heading, lo, hi, centre, sense);
                votes[b] = double.IsNaN(axes[b]) ? 0 : EarthFrameAxis.DepartureVote(x1, y1, heading, still, from, to, centre, axes[b], sense, _batch.RateHz);
                fallback[b] = fits[b].Forward;
            }

            var forward = EarthFrameAxis.Orient(axes, centres, heading, votes, fallback, sense);
            for (var b = 0; b < fits.Length; b++)
            {
                fits[b] = (forward[b], fits[b].Coherence, sense);
            }
        }

        /// <summary>
        /// Keeps the events during which the specific force's magnitude rises as a real horizontal acceleration makes
        /// it (|f|² = g² + a²), by at least half the rise that the horizontal acceleration measured over the event implies. An earth frame comes from the phone's orientation
        /// filter, which slowly takes a sustained acceleration for a tilt; when the acceleration stops, the tilt shows
        /// as an opposite horizontal acceleration of seconds that is not there. The magnitude does not depend on the
        /// orientation, so it tells the two apart.
        /// </summary>
        private List<HarshEventCandidate> RaisingSpecificForce(List<HarshEventCandidate> candidates, double[] longitudinal, double[] lateral, HarshEventOptions options)
        {
            if (candidates.Count == 0)
            {
                return candidates; // most batches hold no event: spare the smoothing and the median
            }

            var a = _batch.Accelerometer;
            var n = _batch.SampleCount;
            var half = Math.Max(0, (int)Math.Round(options.ImuSmoothingMs * _batch.RateHz / 2000));
            var components = new double[3][];
            for (var axis = 0; axis < 3; axis++)
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = a[3 * i + axis];
                }

                components[axis] = EarthFrameAxis.MovingAverage(values, half);
            }

            var magnitude = new double[n];
            for (var i = 0; i < n; i++)
            {
                magnitude[i] = Math.Sqrt(components[0][i] * components[0][i] + components[1][i] * components[1][i] + components[2][i] * components[2][i]);
            }

            var g = Median(magnitude);
            var kept = new List<HarshEventCandidate>(candidates.Count);
            foreach (var candidate in candidates)
            {
                var from = Math.Clamp((int)((candidate.StartMs - _batch.StartMs) * _batch.RateHz / 1000), 0, n - 1);
                var to = Math.Clamp((int)((candidate.EndMs - _batch.StartMs) * _batch.RateHz / 1000), from + 1, n);
                double rise = 0, expected = 0;
                for (var i = from; i < to; i++)
                {
                    rise += magnitude[i] - g;
                    var horizontal = longitudinal[i] * longitudinal[i] + lateral[i] * lateral[i];
                    expected += Math.Sqrt(g * g + horizontal) - g;
                }

                if (rise >= MinRiseFraction * expected)
                {
                    kept.Add(candidate);
                }
            }

            return kept;
        }

        private static double WindowPrincipalAxis(double[] x, double[] y, double[] heading, int lo, int hi, int centre)
        {
            double xx = 0, yy = 0, xy = 0;
            for (var i = lo; i < hi; i++)
            {
                var (hx, hy) = EarthFrameAxis.Turn(x[i], y[i], -(heading[i] - heading[centre]));
                xx += hx * hx;
                yy += hy * hy;
                xy += hx * hy;
            }

            var angle = 0.5 * Math.Atan2(2 * xy, xx - yy);
            double min = 0, max = 0;
            for (var i = lo; i < hi; i++)
            {
                var (hx, hy) = EarthFrameAxis.Turn(x[i], y[i], -(heading[i] - heading[centre]));
                var along = hx * Math.Cos(angle) + hy * Math.Sin(angle);
                min = Math.Min(min, along);
                max = Math.Max(max, along);
            }

            // Weak prior: brakes are harder than accelerations, so the largest excursion is a brake (backwards).
            return max > -min ? angle + Math.PI : angle;
        }

        public (double[] X, double[] Y) Smoothed(double windowMs)
        {
            if (!_smoothed.TryGetValue(windowMs, out var result))
            {
                var half = Math.Max(0, (int)Math.Round(windowMs * _batch.RateHz / 2000));
                result = (EarthFrameAxis.MovingAverage(_x, half), EarthFrameAxis.MovingAverage(_y, half));
                _smoothed[windowMs] = result;
            }

            return result;
        }

        public List<HarshEventCandidate> Events(double forwardAngle, GpsKinematics? gps, HarshEventOptions options)
        {
            var (x, y) = Smoothed(options.ImuSmoothingMs);
            var n = x.Length;
            var (c, s) = (Math.Cos(forwardAngle), Math.Sin(forwardAngle));
            var times = new long[n];
            var longitudinal = new double[n];
            var lateral = new double[n];
            for (var i = 0; i < n; i++)
            {
                times[i] = TimeMs(i);
                longitudinal[i] = x[i] * c + y[i] * s;
                lateral[i] = -x[i] * s + y[i] * c;
            }

            var heading = Heading;
            if (heading is null && gps is not null)
            {
                heading = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var j = Math.Max(0, gps.IndexAtOrBefore(times[i]));
                    heading[i] = gps.HeadingRadians[j];
                }
            }

            return HarshEventSegmenter.Find(times, longitudinal, lateral, heading, (long)Math.Ceiling(2000 / _batch.RateHz), options);
        }

        private static double[] Gravity(float[] a)
        {
            var n = a.Length / 3;
            var median = new double[3];
            for (var axis = 0; axis < 3; axis++)
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = a[3 * i + axis];
                }

                median[axis] = Median(values);
            }

            var distances = new double[n];
            for (var i = 0; i < n; i++)
            {
                double dx = a[3 * i] - median[0], dy = a[3 * i + 1] - median[1], dz = a[3 * i + 2] - median[2];
                distances[i] = dx * dx + dy * dy + dz * dz;
            }

            var cut = Quantile(distances, 0.6);
            var sum = new double[3];
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                if (distances[i] <= cut)
                {
                    sum[0] += a[3 * i];
                    sum[1] += a[3 * i + 1];
                    sum[2] += a[3 * i + 2];
                    count++;
                }
            }

            return [sum[0] / count, sum[1] / count, sum[2] / count];
        }

        private static double Median(double[] values) => Quantile(values, 0.5);

        private static double Quantile(double[] values, double q)
        {
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            return sorted[Math.Clamp((int)(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
        }
    }

    private static class Vector
    {
        public static double[] Unit(double[] v)
        {
            var norm = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            return norm == 0 ? [0, 0, 1] : [v[0] / norm, v[1] / norm, v[2] / norm];
        }

        public static double[] Reject(double[] v, double[] unit)
        {
            var d = v[0] * unit[0] + v[1] * unit[1] + v[2] * unit[2];
            return [v[0] - d * unit[0], v[1] - d * unit[1], v[2] - d * unit[2]];
        }

        public static double[] Cross(double[] a, double[] b) =>
            [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

        public static double AngleDegrees(double[] a, double[] b) =>
            Math.Acos(Math.Clamp(a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1, 1)) * 180 / Math.PI;

        /// <summary>The device axis least aligned with <paramref name="up"/> (a stable first horizontal basis vector).</summary>
        public static double[] Reference(double[] up)
        {
            var axis = Math.Abs(up[0]) <= Math.Abs(up[1]) && Math.Abs(up[0]) <= Math.Abs(up[2]) ? 0 : Math.Abs(up[1]) <= Math.Abs(up[2]) ? 1 : 2;
            var reference = new double[3];
            reference[axis] = 1;
            return reference;
        }
    }
}
