using Itinera.Core.Driving;
using Itinera.Core.Driving.Scoring;
using Itinera.Core.Timeline;
using Itinera.Storage.Maps;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Processing;

public sealed class DrivingStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StoredEvent CarTrip(string id, DateTimeOffset start, double kilometres)
    {
        var features = new DriveFeatures
        {
            DistanceMeters = kilometres * 1000,
            DurationSeconds = kilometres * 60,
            EventCoverageSeconds = kilometres * 60,
            EventCoverageMeters = kilometres * 1000,
            LimitKnownSeconds = kilometres * 60,
            BrakeCount = 1,
            BrakeSeverity = 1.2,
        };
        return new StoredEvent(
            new TimelineEvent(id, EventKind.Transport, start, start.AddMinutes(kilometres), "UTC", AnalysisType.Processed, null,
                new TransportDetails(TransportModes.Car, (long)(kilometres * 1000), null)),
            DrivingFeatures: new ZoneFeatures(features, DriveFeatures.Empty, features, DriveFeatures.Empty));
    }

    private static DrivingStage StageOver(Database database, UserResourceStore resources) =>
        new(new MapStore(database, TimeProvider.System), new RawDataStore(database, TimeProvider.System), resources);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Aggregates_FollowTheCarTrips_AndAPeriodThatLostItsTripsLosesItsScores(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var resources = new UserResourceStore(database);
        var stage = StageOver(database, resources);
        const string User = "cccccccccccccccccccccccc";
        var monday = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        await resources.SaveEventsAsync(User, [.. Enumerable.Range(0, 6).Select(d => CarTrip("t" + d, monday.AddDays(d), 20))], Ct);

        var window = await stage.RefreshAggregatesAsync(User, monday.ToUnixTimeMilliseconds(), Ct);

        Assert.Equal(6, window.Count);
        var week = await resources.FindDrivingScoreAggregateAsync(User, ScorePeriod.Week, DateOnly.FromDateTime(monday.UtcDateTime), Ct);
        Assert.Equal(0.95, week!.HardBrake);
        Assert.NotNull((await resources.FindCarBehaviorAsync(User, Ct))!.Last7Days);
        var saturday = DateOnly.FromDateTime(monday.AddDays(5).UtcDateTime);
        Assert.NotNull(await resources.FindDrivingScoreAggregateAsync(User, ScorePeriod.Day, saturday, Ct));

        // Reprocessing from Saturday finds no car trip there any more.
        await resources.ReplaceEventsFromAsync(User, monday.AddDays(5).ToUnixTimeMilliseconds(), [], Ct);
        await stage.RefreshAggregatesAsync(User, monday.AddDays(5).ToUnixTimeMilliseconds(), Ct);

        Assert.Null(await resources.FindDrivingScoreAggregateAsync(User, ScorePeriod.Day, saturday, Ct));
        Assert.NotNull(await resources.FindDrivingScoreAggregateAsync(User, ScorePeriod.Day, DateOnly.FromDateTime(monday.UtcDateTime), Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AUserWhoseCarTripsAllVanish_KeepsNoDrivingAggregates(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var resources = new UserResourceStore(database);
        var stage = StageOver(database, resources);
        const string User = "dddddddddddddddddddddddd";
        var monday = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        await resources.SaveEventsAsync(User, [.. Enumerable.Range(0, 6).Select(d => CarTrip("t" + d, monday.AddDays(d), 20))], Ct);
        await stage.RefreshAggregatesAsync(User, monday.ToUnixTimeMilliseconds(), Ct);
        Assert.NotNull(await resources.FindCarBehaviorAsync(User, Ct));

        await resources.ReplaceEventsFromAsync(User, monday.ToUnixTimeMilliseconds(), [], Ct);
        var window = await stage.RefreshAggregatesAsync(User, monday.ToUnixTimeMilliseconds(), Ct);

        Assert.Empty(window);
        Assert.Null(await resources.FindCarBehaviorAsync(User, Ct));
        Assert.Null(await resources.FindDrivingScoreAggregateAsync(User, ScorePeriod.All, null, Ct));
        Assert.Null(await resources.FindDrivingScoreAggregateAsync(User, ScorePeriod.Week, DateOnly.FromDateTime(monday.UtcDateTime), Ct));
    }
}
