using Itinera.Core.Driving;
using Itinera.Core.Driving.Detection;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

public sealed class PhoneUseDetectorTests
{
    private const long T0 = 1_700_000_000_000;

    private static long S(int seconds) => T0 + seconds * 1000L;

    private static (AnnotationKind, long, long) Key(BehaviorAnnotation a) => (a.Kind, a.Start.ToUnixTimeMilliseconds(), a.End.ToUnixTimeMilliseconds());

    [Fact]
    public void HandlingHandheldAndHandsfreeCalls_BecomeTheirAnnotations()
    {
        PhoneEvent[] events =
        [
            new(S(100), PhoneEventType.HandlingStart), new(S(101), PhoneEventType.ScreenOn), new(S(129), PhoneEventType.ScreenOff), new(S(130), PhoneEventType.HandlingEnd),
            new(S(200), PhoneEventType.CallStart, false), new(S(201), PhoneEventType.HandlingStart), new(S(299), PhoneEventType.HandlingEnd), new(S(300), PhoneEventType.CallEnd, false),
            new(S(400), PhoneEventType.CallStart, true), new(S(500), PhoneEventType.CallEnd, true),
        ];

        var found = PhoneUseDetector.Detect(events, S(0), S(600), []).Select(Key).ToList();

        Assert.Equal(
            [
                (AnnotationKind.PhoneHandling, S(100), S(130)),
                (AnnotationKind.HandlingWithoutCalling, S(100), S(130)),
                (AnnotationKind.HandheldCalling, S(200), S(300)),
                (AnnotationKind.PhoneHandling, S(201), S(299)),
                (AnnotationKind.HandsfreeCalling, S(400), S(500)),
            ],
            found);
    }

    [Fact]
    public void IntervalsOpenAtTheTransportsEnds_AreCutThere()
    {
        PhoneEvent[] events = [new(S(50), PhoneEventType.CallEnd, true), new(S(500), PhoneEventType.HandlingStart)];

        var found = PhoneUseDetector.Detect(events, S(0), S(600), []).Select(Key).ToList();

        Assert.Contains((AnnotationKind.HandsfreeCalling, S(0), S(50)), found);
        Assert.Contains((AnnotationKind.HandlingWithoutCalling, S(500), S(600)), found);
    }

    [Fact]
    public void ACallWithoutTheHandsfreeFlag_IsHandheldWhenTheHandlingCoversIt()
    {
        PhoneEvent[] events =
        [
            new(S(10), PhoneEventType.CallStart), new(S(10), PhoneEventType.HandlingStart), new(S(70), PhoneEventType.HandlingEnd), new(S(80), PhoneEventType.CallEnd),
            new(S(100), PhoneEventType.CallStart), new(S(200), PhoneEventType.CallEnd),
        ];

        var found = PhoneUseDetector.Detect(events, S(0), S(600), []).Select(Key).ToList();

        Assert.Contains((AnnotationKind.HandheldCalling, S(10), S(80)), found);
        Assert.Contains((AnnotationKind.HandsfreeCalling, S(100), S(200)), found);
        Assert.DoesNotContain(found, f => f.Item1 == AnnotationKind.HandlingWithoutCalling);
    }

    [Fact]
    public void WithoutHandlingEvents_TheScreenStandsForHandling()
    {
        PhoneEvent[] events = [new(S(10), PhoneEventType.ScreenOn), new(S(40), PhoneEventType.ScreenOff)];

        var found = PhoneUseDetector.Detect(events, S(0), S(600), []).Select(Key).ToList();

        Assert.Contains((AnnotationKind.HandlingWithoutCalling, S(10), S(40)), found);
    }
}
