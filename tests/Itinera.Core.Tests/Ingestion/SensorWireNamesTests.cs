using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Ingestion;

public sealed class SensorWireNamesTests
{
    [Fact]
    public void EveryActivityTypeAndPhoneEvent_RoundTripsThroughItsWireName()
    {
        Assert.All(Enum.GetValues<ActivityType>(), t => Assert.True(SensorWireNames.TryParseActivity(SensorWireNames.Of(t), out var back) && back == t));
        Assert.All(Enum.GetValues<PhoneEventType>(), t => Assert.True(SensorWireNames.TryParsePhoneEvent(SensorWireNames.Of(t), out var back) && back == t));
        Assert.All(Enum.GetValues<MotionFrame>(), f => Assert.True(SensorWireNames.TryParseFrame(SensorWireNames.Of(f), out var back) && back == f));
        Assert.False(SensorWireNames.TryParseActivity("teleporting", out _));
        Assert.False(SensorWireNames.TryParseFrame("sideways", out _));
    }
}
