namespace Itinera.Core.Driving.Detection;

/// <summary>
/// The car's forward axis in an earth-frame IMU trace without GPS. The heading of an earth frame is absolute, so on a
/// straight stretch the forward axis does not move; the gyroscope is only used over short spans (within a window, and
/// from one 10 s block to the next), so that its drift cannot accumulate.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Axis: the principal axis of the horizontal acceleration over the samples of a window whose yaw rate is low
/// (braking and speeding up happen in a straight line; in turns the acceleration is mostly centripetal), each turned
/// back to the window's centre by the yaw integrated in between. It has no sign.</item>
/// <item>Sign consistency: consecutive blocks are chained when the previous block's axis, carried over by the yaw
/// integrated between their centres, lies within 45° of the new axis or of its opposite; otherwise a new chain starts.</item>
/// <item>Sign: a car leaves a stop forwards, so the acceleration along the axis in the first 2 s after a stop votes
/// for the chain's sign (the braking before a stop is no use: a phone's orientation filter turns a long brake into
/// a tilt, which shows up as a forward acceleration when the car comes to rest). Chains without a stop take the sign of
/// the fallback forward directions (the yaw fit, else the brake prior).</item>
/// </list>
/// </remarks>
public static class EarthFrameAxis
{
    /// <summary>Yaw rate under which the car drives straight, rad/s: 3°/s, a lateral acceleration v·ω of 0.5 m/s² at
    /// 36 km/h, well under any harsh threshold.</summary>
    public const double StraightYawRateRadiansPerSecond = 0.05;

    /// <summary>How far a block's axis may lie from its predecessor's (carried over by the gyroscope) and still
    /// share its sign, degrees: half way between the same sense (0°) and the opposite one (90° is undecidable).</summary>
    public const double MaxLinkDegrees = 45;

    /// <summary>A stop lasts at least this long, milliseconds (shorter quiet spells are coasting or noise).</summary>
    public const long MinStopMs = 2000;

    /// <summary>How long after a stop its departure is looked at, milliseconds: the start of the acceleration, before
    /// a phone's orientation filter has absorbed it.</summary>
    public const long DepartureMs = 2000;

    /// <summary>The car stands still where the gyroscope's vibration (1 s RMS about its 1 s mean) is under this
    /// fraction of its median over the batch (the batch is mostly driving; an idling engine shakes the phone less than the road).</summary>
    public const double StillFractionOfMedianVibration = 0.5;

    /// <summary>Sign-free axis angle (radians, in the frame as of sample <paramref name="centre"/>) of the low-yaw-rate
    /// samples in [<paramref name="lo"/>, <paramref name="hi"/>); NaN when there are none.</summary>
    /// <param name="x">East (or first horizontal) acceleration, m/s², smoothed.</param>
    /// <param name="y">North (or second horizontal) acceleration, m/s², smoothed.</param>
    /// <param name="yawRate">Yaw rate, rad/s, smoothed.</param>
    /// <param name="heading">Integrated yaw, radians.</param>
    /// <param name="sense">+1 when the yaw turns the frame counter-clockwise (east-north-up), −1 for mirrored conventions.</param>
    public static double StraightAxis(double[] x, double[] y, double[] yawRate, double[] heading, int lo, int hi, int centre, int sense)
    {
        double xx = 0, yy = 0, xy = 0;
        var count = 0;
        for (var i = lo; i < hi; i++)
        {
            if (Math.Abs(yawRate[i]) >= StraightYawRateRadiansPerSecond)
            {
                continue;
            }

            var (hx, hy) = Turn(x[i], y[i], -sense * (heading[i] - heading[centre]));
            xx += hx * hx;
            yy += hy * hy;
            xy += hx * hy;
            count++;
        }

        return count == 0 || xx + yy == 0 ? double.NaN : 0.5 * Math.Atan2(2 * xy, xx - yy);
    }

    /// <summary>Samples where the car stands still (runs of at least <see cref="MinStopMs"/>).</summary>
    /// <param name="gyroscope">Interleaved x, y, z gyroscope samples, rad/s.</param>
    public static bool[] Still(float[] gyroscope, double rateHz)
    {
        var n = gyroscope.Length / 3;
        var half = Math.Max(1, (int)Math.Round(rateHz / 2));
        var vibration = new double[n];
        for (var axis = 0; axis < 3; axis++)
        {
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = gyroscope[3 * i + axis];
            }

            var mean = MovingAverage(values, half);
            for (var i = 0; i < n; i++)
            {
                values[i] = (values[i] - mean[i]) * (values[i] - mean[i]);
            }

            var power = MovingAverage(values, half);
            for (var i = 0; i < n; i++)
            {
                vibration[i] += power[i];
            }
        }

        var sorted = (double[])vibration.Clone();
        Array.Sort(sorted);
        // Powers: the RMS fraction squared.
        var cut = sorted[n / 2] * StillFractionOfMedianVibration * StillFractionOfMedianVibration;
        var still = new bool[n];
        var minRun = (int)Math.Ceiling(MinStopMs * rateHz / 1000);
        for (var i = 0; i < n;)
        {
            if (vibration[i] >= cut)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < n && vibration[j] < cut)
            {
                j++;
            }

            if (j - i >= minRun)
            {
                Array.Fill(still, true, i, j - i);
            }

            i = j;
        }

        return still;
    }

    /// <summary>
    /// The departures' vote for the sign of <paramref name="axis"/>: for every stop ending in [<paramref name="from"/>,
    /// <paramref name="to"/>), the acceleration along the axis integrated over the <see cref="DepartureMs"/> after it,
    /// m/s (positive: the axis points forward).
    /// </summary>
    public static double DepartureVote(
        double[] x, double[] y, double[] heading, bool[] still, int from, int to, int centre, double axis, int sense, double rateHz)
    {
        var vote = 0.0;
        var length = (int)Math.Round(DepartureMs * rateHz / 1000);
        for (var i = Math.Max(1, from); i < to; i++)
        {
            if (!still[i - 1] || still[i])
            {
                continue;
            }

            for (var j = i; j < Math.Min(x.Length, i + length) && !still[j]; j++)
            {
                var (hx, hy) = Turn(x[j], y[j], -sense * (heading[j] - heading[centre]) - axis);
                vote += hx / rateHz;
            }
        }

        return vote;
    }

    /// <summary>
    /// Signs the blocks' axes: chains of consecutive blocks whose axes agree once carried over by the yaw, each chain
    /// signed by its departure votes, else by the fallback directions.
    /// </summary>
    /// <param name="axes">Each block's sign-free axis, radians (NaN when unknown).</param>
    /// <param name="centres">Each block's centre sample.</param>
    /// <param name="votes">Each block's departure vote along its axis (see <see cref="DepartureVote"/>).</param>
    /// <param name="fallback">Each block's forward direction from elsewhere (the yaw fit or a prior), radians.</param>
    /// <returns>Each block's forward angle, radians.</returns>
    public static double[] Orient(double[] axes, int[] centres, double[] heading, double[] votes, double[] fallback, int sense)
    {
        var k = axes.Length;
        var result = new double[k];
        var relative = new int[k];
        var chainStart = 0;
        for (var b = 0; b <= k; b++)
        {
            var link = b > 0 && b < k && !double.IsNaN(axes[b]) && !double.IsNaN(axes[b - 1]);
            if (link)
            {
                var carried = axes[b - 1] + (relative[b - 1] < 0 ? Math.PI : 0) + sense * (heading[centres[b]] - heading[centres[b - 1]]);
                var difference = Math.Abs(Wrap(axes[b] - carried)) * 180 / Math.PI;
                link = difference <= MaxLinkDegrees || difference >= 180 - MaxLinkDegrees;
                relative[b] = difference <= MaxLinkDegrees ? 1 : -1;
            }

            if (link)
            {
                continue;
            }

            if (b > 0)
            {
                SignChain(chainStart, b);
            }

            if (b < k)
            {
                chainStart = b;
                relative[b] = 1;
            }
        }

        return result;

        void SignChain(int first, int end)
        {
            double departures = 0, prior = 0;
            for (var b = first; b < end; b++)
            {
                if (double.IsNaN(axes[b]))
                {
                    continue;
                }

                departures += relative[b] * votes[b];
                prior += relative[b] * Math.Cos(fallback[b] - axes[b]);
            }

            var sign = departures != 0 ? Math.Sign(departures) : prior >= 0 ? 1 : -1;
            for (var b = first; b < end; b++)
            {
                result[b] = double.IsNaN(axes[b]) ? fallback[b] : axes[b] + (relative[b] * sign < 0 ? Math.PI : 0);
            }
        }
    }

    private static double Wrap(double radians) => Math.IEEERemainder(radians, 2 * Math.PI);

    /// <summary>(x, y) turned by <paramref name="radians"/> (counter-clockwise).</summary>
    internal static (double X, double Y) Turn(double x, double y, double radians)
    {
        var (c, s) = (Math.Cos(radians), Math.Sin(radians));
        return (c * x - s * y, s * x + c * y);
    }

    /// <summary>The mean of each sample's window of ±<paramref name="half"/> samples (shorter at the ends), by prefix sums.</summary>
    internal static double[] MovingAverage(double[] values, int half)
    {
        var prefix = new double[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i + 1] = prefix[i] + values[i];
        }

        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var from = Math.Max(0, i - half);
            var to = Math.Min(values.Length, i + half + 1);
            result[i] = (prefix[to] - prefix[from]) / (to - from);
        }

        return result;
    }
}
