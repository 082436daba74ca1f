using Itinera.Core.Driving;
using Itinera.Core.Driving.Detection;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

public sealed class GpsHarshEventDetectorTests
{
    [Fact]
    public void AHardBrakeAndATightFastTurn_AreFoundFromSpeedAndHeading()
    {
        Manoeuvre[] events = [new("brake", 10, 3, 4.5), new("left", 30, 4, 4.5)];
        var (_, fixes) = SyntheticDrive.Render(events, 50, MotionFrame.Device, 31, startSpeed: 16);

        var found = GpsHarshEventDetector.Detect(fixes);

        Assert.Contains(found, a => a.Acceleration == AccelerationKinds.Brake && a.Start < SyntheticDrive.At(13) && a.End > SyntheticDrive.At(10));
        Assert.Contains(found, a => a.Maneuver == ManeuverKinds.LeftTurn && a.Start < SyntheticDrive.At(34) && a.End > SyntheticDrive.At(30));
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void SteadyDrivingWithNoisySpeeds_HasNoEvents()
    {
        Manoeuvre[] gentle = [new("accel", 10, 5, 1.2), new("brake", 30, 5, 1.8), new("left", 45, 4, 2.0)];
        var (_, fixes) = SyntheticDrive.Render(gentle, 60, MotionFrame.Device, 32);

        Assert.Empty(GpsHarshEventDetector.Detect(fixes));
    }

    [Fact]
    public void WithImu_TheCombinedDetectorUsesTheImu_ElseTheFixes()
    {
        Manoeuvre[] events = [new("brake", 10, 3, 4.5)];
        var (motion, fixes) = SyntheticDrive.Render(events, 30, MotionFrame.Device, 33, startSpeed: 16);

        var withImu = HarshEventDetector.Detect(fixes, [motion]);
        var withoutImu = HarshEventDetector.Detect(fixes, []);

        Assert.Equal(ImuHarshEventDetector.Detect([motion], fixes), withImu, BehaviorAnnotationComparer.Instance);
        Assert.Equal(GpsHarshEventDetector.Detect(fixes), withoutImu, BehaviorAnnotationComparer.Instance);
        Assert.Single(withImu);
        Assert.Single(withoutImu);
    }

    private sealed class BehaviorAnnotationComparer : IEqualityComparer<BehaviorAnnotation>
    {
        public static readonly BehaviorAnnotationComparer Instance = new();

        public bool Equals(BehaviorAnnotation? x, BehaviorAnnotation? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Start == y.Start && x.End == y.End && x.Acceleration == y.Acceleration && x.Maneuver == y.Maneuver;

        public int GetHashCode(BehaviorAnnotation obj) => obj.Start.GetHashCode();
    }
}
