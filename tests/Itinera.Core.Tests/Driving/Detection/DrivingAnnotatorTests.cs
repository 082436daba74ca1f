using Itinera.Core.Driving;
using Itinera.Core.Driving.Detection;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

public sealed class DrivingAnnotatorTests
{
    [Fact]
    public void HarshEventsAndPhoneUse_ComeTogetherInTimeOrder()
    {
        var (motion, fixes) = SyntheticDrive.Render([new Manoeuvre("brake", 20, 2.5, 4.5)], 40, MotionFrame.Device, 41);
        PhoneEvent[] phone = [new(SyntheticDrive.StartMs + 5000, PhoneEventType.CallStart, true), new(SyntheticDrive.StartMs + 30_000, PhoneEventType.CallEnd, true)];

        var annotations = DrivingAnnotator.Annotate(fixes, [motion], phone, SyntheticDrive.StartMs, SyntheticDrive.StartMs + 40_000);

        Assert.Equal([AnnotationKind.HandsfreeCalling, AnnotationKind.Acceleration], annotations.Select(a => a.Kind));
        Assert.Equal(AccelerationKinds.Brake, annotations[1].Acceleration);
        Assert.NotEmpty(annotations[0].Path);
    }
}
