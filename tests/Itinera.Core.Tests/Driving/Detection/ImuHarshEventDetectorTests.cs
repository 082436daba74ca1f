using Itinera.Core.Driving;
using Itinera.Core.Driving.Detection;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

public sealed class ImuHarshEventDetectorTests
{
    private static readonly Manoeuvre[] FourEvents =
    [
        new("accel", 10, 2.5, 3.5),
        new("brake", 25, 2.5, 4.5),
        new("left", 40, 3, 4.5),
        new("right", 55, 3, 4.5),
    ];

    private static string Label(BehaviorAnnotation a) => a.Acceleration ?? a.Maneuver!;

    private static void AssertFound(IReadOnlyList<BehaviorAnnotation> found, string kind, double startSeconds, double durationSeconds)
    {
        Assert.Contains(found, a => Label(a) == kind
            && a.Start < SyntheticDrive.At(startSeconds + durationSeconds) && a.End > SyntheticDrive.At(startSeconds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void AccelerationBrakeAndTurns_AreFoundAndTyped_WhateverThePhonesOrientation(int seed)
    {
        var (motion, fixes) = SyntheticDrive.Render(FourEvents, 70, MotionFrame.Device, seed);

        var found = ImuHarshEventDetector.Detect([motion], fixes);

        Assert.Equal(4, found.Count);
        AssertFound(found, AccelerationKinds.Accelerate, 10, 2.5);
        AssertFound(found, AccelerationKinds.Brake, 25, 2.5);
        AssertFound(found, ManeuverKinds.LeftTurn, 40, 3);
        AssertFound(found, ManeuverKinds.RightTurn, 55, 3);
        Assert.All(found, a => Assert.InRange(a.MagnitudeMetersPerSecondSquared, 3.3, 5.2));
        Assert.All(found, a => Assert.NotEmpty(a.Path));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void WithoutFixes_TheYawRateAloneOrientsTheCar(int seed)
    {
        var (motion, _) = SyntheticDrive.Render(FourEvents, 70, MotionFrame.Device, seed);

        var found = ImuHarshEventDetector.Detect([motion], []);

        AssertFound(found, AccelerationKinds.Accelerate, 10, 2.5);
        AssertFound(found, AccelerationKinds.Brake, 25, 2.5);
        Assert.All(found, a => Assert.Empty(a.Path));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void EarthFrameSamples_AreTurnedIntoTheCarsFrame(int seed)
    {
        var (motion, fixes) = SyntheticDrive.Render(FourEvents, 70, MotionFrame.Earth, seed);

        var withFixes = ImuHarshEventDetector.Detect([motion], fixes);
        var withoutFixes = ImuHarshEventDetector.Detect([motion], []);

        foreach (var found in new[] { withFixes, withoutFixes })
        {
            Assert.Equal(4, found.Count);
            AssertFound(found, AccelerationKinds.Accelerate, 10, 2.5);
            AssertFound(found, AccelerationKinds.Brake, 25, 2.5);
            AssertFound(found, ManeuverKinds.LeftTurn, 40, 3);
            AssertFound(found, ManeuverKinds.RightTurn, 55, 3);
        }
    }

    [Fact]
    public void EarthFrameSamples_WithAMirroredYawConvention_AreStillTyped()
    {
        var (motion, _) = SyntheticDrive.Render(FourEvents, 70, MotionFrame.Earth, 13);
        var gyroscope = (float[])motion.Gyroscope!.Clone();
        for (var i = 2; i < gyroscope.Length; i += 3)
        {
            gyroscope[i] = -gyroscope[i];
        }

        var found = ImuHarshEventDetector.Detect([motion with { Gyroscope = gyroscope }], []);

        AssertFound(found, AccelerationKinds.Accelerate, 10, 2.5);
        AssertFound(found, AccelerationKinds.Brake, 25, 2.5);
        Assert.Equal(4, found.Count);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void AnEarthFrameDriveWithoutFixes_ThatLeavesAStop_TypesItsAccelerationAndBrake_EvenWhenTheAccelerationIsTheStronger(int seed)
    {
        // No turn: the yaw rate says nothing, and the prior (the largest excursion is a brake) would be wrong.
        Manoeuvre[] events = [new("accel", 5, 3, 4.5), new("brake", 30, 2.5, 3.5)];
        var (motion, _) = SyntheticDrive.Render(events, 45, MotionFrame.Earth, seed, startSpeed: 0, stillSeconds: 5);

        var found = ImuHarshEventDetector.Detect([motion], []);

        Assert.Equal(2, found.Count);
        AssertFound(found, AccelerationKinds.Accelerate, 5, 3);
        AssertFound(found, AccelerationKinds.Brake, 30, 2.5);
    }

    [Theory]
    [InlineData(41, true)]
    [InlineData(42, true)]
    [InlineData(43, false)]
    public void ThroughAPhonesOrientationFilter_ABrakesAfterImage_IsNotReportedAsAnAcceleration(int seed, bool withFixes)
    {
        // The filter takes the brake for a tilt within seconds; when the brake ends, the tilt reads as a forward
        // acceleration above the threshold that the car does not have.
        Manoeuvre[] events = [new("brake", 20, 3, 5)];
        var (motion, fixes) = SyntheticDrive.Render(events, 40, MotionFrame.Earth, seed, orientationFilterSeconds: 1.5);

        var found = ImuHarshEventDetector.Detect([motion], withFixes ? fixes : []);

        AssertFound(found, AccelerationKinds.Brake, 20, 3);
        Assert.DoesNotContain(found, a => a.Acceleration == AccelerationKinds.Accelerate);
    }

    [Fact]
    public void EventsUnderTheirThresholds_OrTooShort_AreNotReported()
    {
        Manoeuvre[] mild =
        [
            new("accel", 10, 3, 2.0), // below 2.25
            new("brake", 20, 3, 2.8), // below 3.0
            new("left", 30, 3, 3.2), // below 3.5
            new("brake", 45, 0.8, 5.0), // above 3.0 for well under 0.5 s
        ];
        var (motion, fixes) = SyntheticDrive.Render(mild, 60, MotionFrame.Device, 21);

        Assert.Empty(ImuHarshEventDetector.Detect([motion], fixes));
    }

    [Fact]
    public void ThresholdsAreConfigurable()
    {
        Manoeuvre[] mild = [new("accel", 10, 3, 2.0)];
        var (motion, fixes) = SyntheticDrive.Render(mild, 30, MotionFrame.Device, 22);

        var found = ImuHarshEventDetector.Detect([motion], fixes, HarshEventOptions.Default with { AccelerationThresholdMetersPerSecondSquared = 1.5 });

        AssertFound(found, AccelerationKinds.Accelerate, 10, 3);
    }

    [Fact]
    public void ALaneChange_IsALaneSwitch_NotATurn()
    {
        Manoeuvre[] lane = [new("left", 10, 3, 4.5), new("lane", 30, 3, 5.0)];
        var (motion, fixes) = SyntheticDrive.Render(lane, 45, MotionFrame.Device, 23);

        var found = ImuHarshEventDetector.Detect([motion], fixes);

        AssertFound(found, ManeuverKinds.LeftTurn, 10, 3);
        var lanes = found.Where(a => a.Maneuver == ManeuverKinds.LaneSwitch).ToList();
        Assert.Single(lanes);
        Assert.DoesNotContain(found, a => a.Start > SyntheticDrive.At(29) && a.Maneuver is ManeuverKinds.LeftTurn or ManeuverKinds.RightTurn);
    }
}
