using Itinera.Core.Ingestion;
using Itinera.Core.Timeline.Detection;
using Itinera.Storage.Identity;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Processing;

public sealed class TimelineProcessorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(Database Database, RawDataStore Raw, UserResourceStore Resources, ProcessingWorkList Work, TimelineProcessor Processor, string UserId);

    private static async Task<Setup> SetUpAsync(string engine)
    {
        var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var raw = new RawDataStore(database, TimeProvider.System);
        var resources = new UserResourceStore(database);
        var work = new ProcessingWorkList(database, TimeProvider.System);
        var processor = new TimelineProcessor(raw, resources, identity, work, TimeProvider.System, null, TimelineOptions.Default);
        return new Setup(database, raw, resources, work, processor, user);
    }

    /// <summary>Two hours at home, a 20-minute drive, two hours at work: 1 Hz while moving, every minute while staying.</summary>
    private static UploadBatch Day(string id, long start)
    {
        var batch = new UploadBatch(id);
        var t = start;
        for (var i = 0; i < 120; i++, t += 60_000)
        {
            batch.Fixes.Add(new Fix(t, 50.85, 4.35, 10));
        }

        for (var i = 0; i < 1200; i++, t += 1000)
        {
            batch.Fixes.Add(new Fix(t, 50.85 + i * 0.0001, 4.35, 5, null, 11));
        }

        for (var i = 0; i < 120; i++, t += 60_000)
        {
            batch.Fixes.Add(new Fix(t, 50.97, 4.35, 10));
        }

        return batch;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Processing_MakesStaysAndTransports_AndAgainGivesTheSameEventsAndIds(string engine)
    {
        var s = await SetUpAsync(engine);
        await using var _ = s.Database;
        var start = DateTimeOffset.Parse("2026-03-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        await s.Raw.WriteAsync([new UploadWrite(s.UserId, Day("d1", start))], Ct);
        Assert.Equal(1, await s.Processor.ProcessPendingAsync("node-a", ct: Ct));
        Assert.Equal(0, await s.Work.CountAsync(Ct));
        var first = await s.Resources.ListEventsAsync(s.UserId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct);
        Assert.Equal([Core.Timeline.EventKind.Stationary, Core.Timeline.EventKind.Transport, Core.Timeline.EventKind.Stationary], first.Select(e => e.Kind));
        Assert.Equal(Core.Timeline.TransportModes.Car, first[1].Transport!.Mode);
        var trajectory = await s.Resources.FindTrajectoryAsync(s.UserId, first[1].EventId, Ct);
        Assert.NotNull(trajectory);
        Assert.Equal(first[1].Transport!.DistanceMeters, (long)Math.Round(trajectory.Waypoints.Sum(w => w.DistanceMeters)));

        // Late data of the same window makes the user dirty again; the result is the same, ids included.
        await s.Raw.WriteAsync([new UploadWrite(s.UserId, new UploadBatch("late") { Fixes = { new Fix(start + 30 * 60_000 + 1, 50.85, 4.35, 10) } })], Ct);
        Assert.Equal(1, await s.Processor.ProcessPendingAsync("node-a", ct: Ct));
        var second = await s.Resources.ListEventsAsync(s.UserId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct);
        Assert.Equal(first.Select(e => (e.EventId, e.Start, e.End)), second.Select(e => (e.EventId, e.Start, e.End)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AClaimedUser_IsNotClaimedByAnotherNodeUntilTheLeaseExpires(string engine)
    {
        var s = await SetUpAsync(engine);
        await using var _ = s.Database;
        await s.Raw.WriteAsync([new UploadWrite(s.UserId, Day("d1", 1_772_431_200_000))], Ct);
        var a = await s.Work.ClaimAsync("node-a", TimeSpan.FromMinutes(5), 10, ct: Ct);
        var b = await s.Work.ClaimAsync("node-b", TimeSpan.FromMinutes(5), 10, ct: Ct);
        Assert.Single(a);
        Assert.Empty(b);

        // Data arriving during processing keeps the user queued after the claim completes.
        await s.Raw.WriteAsync([new UploadWrite(s.UserId, Day("d2", 1_772_600_000_000))], Ct);
        await s.Work.CompleteAsync(a[0], "node-a", Ct);
        Assert.Single(await s.Work.ClaimAsync("node-b", TimeSpan.FromMinutes(5), 10, ct: Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnOngoingStay_IsFinalisedWhenThePhoneGoesQuiet(string engine)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, clock);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var raw = new RawDataStore(database, clock);
        var resources = new UserResourceStore(database);
        var work = new ProcessingWorkList(database, clock);
        var processor = new TimelineProcessor(raw, resources, identity, work, clock, null, TimelineOptions.Default);
        // The day's data ends a minute ago, at work: the stay there is going on.
        var dayStart = clock.GetUtcNow().ToUnixTimeMilliseconds() - (4 * 3600_000) - (20 * 60_000) + 60_000;
        await raw.WriteAsync([new UploadWrite(user, Day("d1", dayStart))], Ct);
        Assert.Equal(1, await processor.ProcessPendingAsync("node-a", ct: Ct));
        var live = await resources.ListEventsAsync(user, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct);
        Assert.Null(live[^1].End);

        // Nothing is due until the stay would end without more data; then it is finalised.
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await processor.ProcessPendingAsync("node-a", ct: Ct));
        Assert.Equal(0, await work.CountAsync(Ct));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await processor.ProcessPendingAsync("node-a", ct: Ct));
        var quiet = await resources.ListEventsAsync(user, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct);
        Assert.NotNull(quiet[^1].End);
        Assert.Equal(Core.Timeline.AnalysisType.Processed, quiet[^1].AnalysisType);
        Assert.Equal(live.Select(e => e.EventId), quiet.Select(e => e.EventId));
        Assert.Equal(0, await processor.ProcessPendingAsync("node-a", ct: Ct));
    }
}
