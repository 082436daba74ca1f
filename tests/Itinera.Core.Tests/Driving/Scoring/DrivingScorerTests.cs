using Itinera.Core.Driving;
using Itinera.Core.Driving.Scoring;

namespace Itinera.Core.Tests.Driving.Scoring;

public sealed class DrivingScorerTests
{
    private static readonly DriveFeatures TenKilometresInFifteenMinutes = new()
    {
        DistanceMeters = 10_000,
        DurationSeconds = 900,
        EventCoverageSeconds = 900,
        EventCoverageMeters = 10_000,
        LimitKnownSeconds = 900,
    };

    [Fact]
    public void ACleanDrive_ScoresOneEverywhereItHasData()
    {
        var scores = DrivingScorer.Score(TenKilometresInFifteenMinutes);
        Assert.Equal(1, scores.Overall);
        Assert.Equal(1, scores.HardBrake);
        Assert.Equal(1, scores.Legal);
        Assert.Equal(1, scores.Focus);
        Assert.Equal(DrivingScores.Insufficient, scores.Mounted);
    }

    [Fact]
    public void EachHarshEventPerTenKilometres_TakesTenPercentOff()
    {
        var scores = DrivingScorer.Score(TenKilometresInFifteenMinutes with { BrakeCount = 2, BrakeSeverity = 2, AccelerationCount = 1, AccelerationSeverity = 1 });
        Assert.Equal(0.81, scores.HardBrake);
        Assert.Equal(0.9, scores.HardAccel);
        Assert.Equal(1, scores.HardTurn);
        Assert.Equal(0.73, scores.HardEvents);
    }

    [Fact]
    public void EventsOverALongerDistance_WeighLess()
    {
        var scores = DrivingScorer.Score(TenKilometresInFifteenMinutes with { DistanceMeters = 40_000, EventCoverageMeters = 40_000, BrakeCount = 2 });
        Assert.Equal(0.95, scores.HardBrake);
    }

    [Fact]
    public void Legal_IsTheShareOfTimeWithinTheLimit_AndNeedsKnownLimits()
    {
        Assert.Equal(0.9, DrivingScorer.Score(TenKilometresInFifteenMinutes with { SpeedingSeconds = 90, SpeedingWeightedSeconds = 45 }).Legal);
        Assert.Equal(0.95, DrivingScorer.Score(TenKilometresInFifteenMinutes with { SpeedingSeconds = 90, SpeedingWeightedSeconds = 45 }).LegalV2);
        Assert.Equal(DrivingScores.Insufficient, DrivingScorer.Score(TenKilometresInFifteenMinutes with { LimitKnownSeconds = 100 }).Legal);
    }

    [Fact]
    public void PhoneUse_LowersFocusAndTheCallingScores()
    {
        var scores = DrivingScorer.Score(TenKilometresInFifteenMinutes with
        {
            HandlingMilliseconds = 90_000,
            HandheldCallMilliseconds = 180_000,
            HandlingWithoutCallMilliseconds = 45_000,
        });
        Assert.Equal(0.9, scores.Focus);
        Assert.Equal(0.8, scores.HandheldCalling);
        Assert.Equal(180, scores.HandheldCallingDurationSeconds);
        Assert.Equal(0.95, scores.HandlingWithoutCalling);
        Assert.Equal(0.76, scores.Attention);
    }

    [Fact]
    public void TooLittleDriving_IsInsufficientEverywhere()
    {
        var scores = DrivingScorer.Score(TenKilometresInFifteenMinutes with { DistanceMeters = 300 });
        Assert.Equal(new DrivingScores(), scores);
    }

    [Fact]
    public void ZoneAggregates_HaveNoV1SmoothOrAnticipative_AndTotalAveragesTheZones()
    {
        var city = TenKilometresInFifteenMinutes with { SpeedingSeconds = 180 };
        var motorway = TenKilometresInFifteenMinutes;
        var zones = DrivingScorer.ScoreZones(new ZoneFeatures(city.Add(motorway), motorway, city, DriveFeatures.Empty));
        Assert.Equal(DrivingScores.Insufficient, zones.City.Smooth);
        Assert.Equal(0.8, zones.City.Legal);
        Assert.Equal(1, zones.Motorway.Legal);
        Assert.Equal(DrivingScores.Insufficient, zones.NonCity.Legal);
        Assert.Equal(0.9, zones.Total.Legal);
        Assert.Equal(0.9, zones.All.Legal);
        Assert.Equal(1, zones.All.Smooth);
    }

    [Fact]
    public void CarBehavior_SplitsTheLastSevenDaysFromTheRest_AndNeedsFiftyKilometres()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var trip = new ZoneFeatures(TenKilometresInFifteenMinutes with { HandlingMilliseconds = 9_000 }, DriveFeatures.Empty, DriveFeatures.Empty, DriveFeatures.Empty);
        var transports = Enumerable.Range(0, 6).Select(i => new TransportFeatures("r" + i, now.AddDays(-1).AddHours(-i), trip))
            .Append(new TransportFeatures("old", now.AddDays(-20), trip))
            .Append(new TransportFeatures("too-old", now.AddDays(-70), trip))
            .ToList();
        var summary = DrivingAggregates.CarBehavior(transports, now);
        Assert.NotNull(summary.Last7Days);
        Assert.Null(summary.Past);
        Assert.Equal(60_000, summary.Last7DaysFeatures.DistanceMeters);
        Assert.Equal(10_000, summary.PastFeatures.DistanceMeters);
        Assert.Equal(36_000, summary.Last7DaysFeatures.PhoneHandlingMillisecondsPerHour);
    }
}

public sealed class DrivingScorerDocumentedExampleTests
{
    [Fact]
    public void TheWorkedExampleOfDocsScoring_GivesTheDocumentedScores()
    {
        var features = new DriveFeatures
        {
            DistanceMeters = 10_000,
            DurationSeconds = 900,
            EventCoverageSeconds = 900,
            EventCoverageMeters = 10_000,
            LimitKnownSeconds = 900,
            BrakeCount = 2,
            BrakeSeverity = (3.6 / 3.0) + (4.2 / 3.0),
            SpeedingSeconds = 60,
            SpeedingWeightedSeconds = 30,
            HandlingMilliseconds = 30_000,
        };
        var scores = DrivingScorer.Score(features);
        Assert.Equal((0.81, 0.76, 0.93, 0.97, 0.97, 0.76, 0.85),
            (scores.HardBrake, scores.Anticipative, scores.Legal, scores.LegalV2, scores.Focus, scores.Smooth, scores.Overall));
    }
}
