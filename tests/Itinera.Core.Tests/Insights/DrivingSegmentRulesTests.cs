using Itinera.Core.Driving.Scoring;
using Itinera.Core.Insights;

namespace Itinera.Core.Tests.Insights;

public sealed class DrivingSegmentRulesTests
{
    // 600 km in 10 hours over 20 trips, all with event detection and known limits.
    private static readonly DriveFeatures Driving = new()
    {
        DistanceMeters = 600_000,
        DurationSeconds = 36_000,
        EventCoverageSeconds = 36_000,
        EventCoverageMeters = 600_000,
        LimitKnownSeconds = 36_000,
    };

    private static HashSet<string> Ids(DriveFeatures f, int trips = 20) =>
        [.. DrivingSegmentRules.Detect(new DrivingProfile(f, trips)).Select(s => s.DefinitionId)];

    [Fact]
    public void ManyHarshEventsPerHundredKilometres_MakeAnAggressiveDriver()
    {
        var ids = Ids(Driving with { AccelerationCount = 20, BrakeCount = 16, AccelerationSeverity = 30, BrakeSeverity = 24 });
        Assert.Contains("driver_behavior.aggressive_driver", ids);
        Assert.Contains("mobility.driving.aggressive_driver", ids);
        Assert.DoesNotContain("driver_behavior.efficient_driver", ids);
    }

    [Fact]
    public void ACalmDriverWithinTheLimitsAndOffThePhone_IsConservativeEfficientAnticipativeLegalAndFocused()
    {
        var ids = Ids(Driving with { BrakeCount = 2, BrakeSeverity = 2.2, SpeedingSeconds = 300 });
        Assert.Superset(new HashSet<string>
        {
            "driver_behavior.conservative", "driver_behavior.efficient_driver", "driver_behavior.anticipative_driver",
            "driver_behavior.legal_driver", "mobility.focused_driver",
        }, ids);
        Assert.DoesNotContain("driver_behavior.aggressive_driver", ids);
    }

    [Fact]
    public void SpeedingATenthOfTheTime_MakesAnIllegalDriver_WithTheShareInTheExplanation()
    {
        var segments = DrivingSegmentRules.Detect(new DrivingProfile(Driving with { SpeedingSeconds = 5400 }, 20));
        var illegal = Assert.Single(segments, s => s.DefinitionId == "driver_behavior.illegal_driver");
        Assert.Equal("Because you drove above the speed limit 15.0% of the time", illegal.ExplanationYou);
    }

    [Fact]
    public void HandlingThePhoneOftenWhileDriving_MakesADistractedDriver() =>
        Assert.Contains("driver_behavior.distracted_driver", Ids(Driving with { HandlingMilliseconds = 3_600_000 }));

    [Fact]
    public void TooLittleDriving_GivesNoDrivingSegment()
    {
        Assert.Empty(Ids(Driving, trips: 5));
        Assert.Empty(Ids(Driving with { DistanceMeters = 30_000, EventCoverageMeters = 30_000 }));
    }

    [Fact]
    public void WithoutSpeedLimits_NoLegalOrIllegalSegment()
    {
        var ids = Ids(Driving with { LimitKnownSeconds = 0 });
        Assert.DoesNotContain("driver_behavior.legal_driver", ids);
        Assert.DoesNotContain("driver_behavior.illegal_driver", ids);
    }
}

public sealed class PassengerSegmentTests
{
    private static readonly DriveFeatures Driving = new() { DistanceMeters = 300_000, DurationSeconds = 18_000 };

    [Fact]
    public void ManyCarTripsWithThePhoneInHand_SuggestAPassenger() =>
        Assert.Contains(DrivingSegmentRules.Detect(new DrivingProfile(Driving, 12, HandsOnPhoneTrips: 5)), s => s.DefinitionId == "mobility.passenger");

    [Fact]
    public void AFewSuchTrips_DoNot() =>
        Assert.DoesNotContain(DrivingSegmentRules.Detect(new DrivingProfile(Driving, 12, HandsOnPhoneTrips: 2)), s => s.DefinitionId == "mobility.passenger");
}
