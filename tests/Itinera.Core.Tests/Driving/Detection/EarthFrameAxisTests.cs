using Itinera.Core.Driving.Detection;

namespace Itinera.Core.Tests.Driving.Detection;

public sealed class EarthFrameAxisTests
{
    private const double RateHz = 50;

    /// <summary>The smallest angle between two axes (no sign), degrees.</summary>
    private static double AxisError(double a, double b) => Math.Abs(Math.IEEERemainder(a - b, Math.PI)) * 180 / Math.PI;

    /// <summary>The smallest angle between two directions, degrees.</summary>
    private static double DirectionError(double a, double b) => Math.Abs(Math.IEEERemainder(a - b, 2 * Math.PI)) * 180 / Math.PI;

    /// <summary>
    /// A car heading <paramref name="heading0"/> (radians, counter-clockwise from east) that turns slowly at
    /// <paramref name="drift"/> rad/s, with forward pulses of ±3 m/s² every 10 s and lateral noise: earth-frame x, y.
    /// </summary>
    private static (double[] X, double[] Y, double[] YawRate, double[] Heading) Drive(double heading0, double drift, double seconds, int seed)
    {
        var random = new Random(seed);
        var n = (int)(seconds * RateHz);
        var (x, y, yawRate, heading) = (new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var t = i / RateHz;
            var forward = (t % 10) is > 2 and < 4 ? ((int)(t / 10) % 2 == 0 ? 3 : -3) : 0;
            var left = 0.3 * (random.NextDouble() - 0.5);
            heading[i] = drift * t;
            yawRate[i] = drift;
            var angle = heading0 + heading[i];
            x[i] = forward * Math.Cos(angle) - left * Math.Sin(angle);
            y[i] = forward * Math.Sin(angle) + left * Math.Cos(angle);
        }

        return (x, y, yawRate, heading);
    }

    [Theory]
    [InlineData(0.3, 0.0)]
    [InlineData(2.0, 0.01)]
    [InlineData(-1.2, -0.02)]
    public void TheStraightAxisOfARotatedDriftingTrace_IsTheCarsLongitudinalAxisAtTheCentre(double heading0, double drift)
    {
        var (x, y, yawRate, heading) = Drive(heading0, drift, 60, 1);
        var centre = 1500;

        var axis = EarthFrameAxis.StraightAxis(x, y, yawRate, heading, 0, x.Length, centre, 1);

        Assert.InRange(AxisError(axis, heading0 + heading[centre]), 0, 3);
    }

    [Fact]
    public void SamplesWhileTurning_DoNotPullTheAxis()
    {
        var (x, y, yawRate, heading) = Drive(0.5, 0, 60, 2);
        for (var i = 1000; i < 1250; i++)
        {
            // A turn: strong centripetal acceleration across the car, with a high yaw rate.
            yawRate[i] = 0.4;
            x[i] = -4 * Math.Sin(0.5);
            y[i] = 4 * Math.Cos(0.5);
        }

        var axis = EarthFrameAxis.StraightAxis(x, y, yawRate, heading, 0, x.Length, 0, 1);

        Assert.InRange(AxisError(axis, 0.5), 0, 3);
    }

    [Fact]
    public void AStandingCar_IsStill_ForTwoSecondsOrMore_AndADrivingOneIsNot()
    {
        var random = new Random(3);
        var n = (int)(30 * RateHz);
        var gyroscope = new float[3 * n];
        for (var i = 0; i < n; i++)
        {
            var t = i / RateHz;
            // Idling from 10 to 15 s and, too briefly to be a stop, from 20 to 21 s.
            var shake = t is >= 10 and < 15 or >= 20 and < 21 ? 0.005 : 0.05;
            for (var axis = 0; axis < 3; axis++)
            {
                gyroscope[3 * i + axis] = (float)(shake * (random.NextDouble() - 0.5));
            }
        }

        var still = EarthFrameAxis.Still(gyroscope, RateHz);

        Assert.True(still[(int)(12.5 * RateHz)]);
        Assert.False(still[(int)(5 * RateHz)]);
        Assert.False(still[(int)(20.5 * RateHz)]);
        Assert.False(still[(int)(25 * RateHz)]);
    }

    [Fact]
    public void ADepartureFromAStop_VotesForTheAxisThatPointsForward()
    {
        var n = (int)(10 * RateHz);
        var (x, y, heading, still) = (new double[n], new double[n], new double[n], new bool[n]);
        var forward = 2.0;
        for (var i = 0; i < n; i++)
        {
            still[i] = i < 3 * RateHz;
            var a = still[i] ? 0 : 2.5;
            (x[i], y[i]) = (a * Math.Cos(forward), a * Math.Sin(forward));
        }

        var along = EarthFrameAxis.DepartureVote(x, y, heading, still, 0, n, n / 2, forward, 1, RateHz);
        var against = EarthFrameAxis.DepartureVote(x, y, heading, still, 0, n, n / 2, forward + Math.PI, 1, RateHz);

        Assert.True(along > 4);
        Assert.Equal(-along, against, 9);
    }

    [Fact]
    public void ChainedBlocks_CarryOneDeparturesSign_ThroughAUTurn_AndAGyroscopeDrift()
    {
        // Six blocks; the car heads 30° (drifting 10° per block by the gyroscope), makes a U-turn between blocks 2 and
        // 3, and only block 0 saw a departure. Axes have no sign; the fallback directions all point the wrong way.
        var forward0 = 30 * Math.PI / 180;
        var centres = new[] { 0, 1, 2, 3, 4, 5 };
        var heading = new double[6];
        var axes = new double[6];
        for (var b = 0; b < 6; b++)
        {
            heading[b] = b * 10 * Math.PI / 180 + (b >= 3 ? Math.PI : 0);
            axes[b] = Math.IEEERemainder(forward0 + heading[b], Math.PI);
        }

        var votes = new[] { 3.0, 0, 0, 0, 0, 0 };
        var fallback = axes.Select((a, b) => forward0 + heading[b] + Math.PI).ToArray();

        var forward = EarthFrameAxis.Orient(axes, centres, heading, votes, fallback, 1);

        for (var b = 0; b < 6; b++)
        {
            Assert.InRange(DirectionError(forward[b], forward0 + heading[b]), 0, 1);
        }
    }

    [Fact]
    public void ABlockWhoseAxisDoesNotFollow_StartsANewChain_SignedByItsFallback()
    {
        var centres = new[] { 0, 1 };
        var heading = new double[2];
        var axes = new[] { 0.0, Math.PI / 2 }; // 90° apart: the sign cannot be carried over
        var votes = new[] { 1.0, 0 };
        var fallback = new[] { Math.PI, -Math.PI / 2 };

        var forward = EarthFrameAxis.Orient(axes, centres, heading, votes, fallback, 1);

        Assert.InRange(DirectionError(forward[0], 0), 0, 1e-9);
        Assert.InRange(DirectionError(forward[1], -Math.PI / 2), 0, 1e-6);
    }
}
