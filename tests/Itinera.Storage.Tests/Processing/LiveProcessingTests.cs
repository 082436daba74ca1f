using System.Text.Json;
using Itinera.Core.Ingestion;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline.Detection;
using Itinera.Storage.Identity;
using Itinera.Storage.Maps;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;
using Itinera.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Itinera.Storage.Tests.Processing;

/// <summary>
/// Processed live, a user's last event is ongoing after every upload and queued for another look; the next upload
/// recomputes from there. The timeline must come out as when the same days are processed long after they happened.
/// </summary>
public sealed class LiveProcessingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Side(FakeTimeProvider Clock, TimelineProcessor Processor, string User);

    private static async Task<Side> SideAsync(Database database, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var identity = new IdentityStore(database, clock);
        var raw = new RawDataStore(database, clock);
        var resources = new UserResourceStore(database);
        var maps = new MapStore(database, clock);
        var processor = new TimelineProcessor(raw, resources, identity, new ProcessingWorkList(database, clock), clock, null, TimelineOptions.Default,
            new DrivingStage(maps, raw, resources), maps);
        return new Side(clock, processor, await TestDatabase.NewSdkUserAsync(identity, Ct));
    }

    private static UploadBatch Batch(SimulatedDay day)
    {
        var batch = new UploadBatch($"d{day.DayIndex}") { TimeZoneId = "Europe/Brussels" };
        batch.Fixes.AddRange(day.Fixes);
        batch.Activities.AddRange(day.Activities);
        batch.Motion.AddRange(day.MotionBatches);
        batch.PhoneEvents.AddRange(day.PhoneEvents);
        return batch;
    }

    /// <summary>The user's events without their ids (derived from the user id).</summary>
    private static async Task<string> EventsAsync(UserResourceStore resources, string user) =>
        JsonSerializer.Serialize((await resources.ListEventsAsync(user, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct)).Select(e => e with { EventId = "" }));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Days_processed_as_they_arrive_give_the_timeline_of_days_processed_later(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var days = MobilitySimulator.Simulate(new SimulationOptions { Users = 1, Days = 7, Seed = 2 }).Users[0].GenerateDays().ToList();
        var live = await SideAsync(database, days[0].Start);
        var later = await SideAsync(database, days[^1].End.AddDays(30));
        var raw = new RawDataStore(database, TimeProvider.System);
        var resources = new UserResourceStore(database);

        var ongoing = 0;
        foreach (var day in days)
        {
            // Live: uploaded a minute after its last fix, so the last event is still going on.
            live.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(day.Fixes.Max(f => f.TimestampMs)).AddMinutes(1));
            await raw.WriteAsync([new UploadWrite(live.User, Batch(day)), new UploadWrite(later.User, Batch(day))], Ct);
            await live.Processor.ProcessPendingAsync("n", live.User, ct: Ct);
            await later.Processor.ProcessPendingAsync("n", later.User, ct: Ct);
            var events = await resources.ListEventsAsync(live.User, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct);
            ongoing += events[^1].End is null ? 1 : 0;
        }

        // The phone goes quiet: the last event is finalised ten minutes after its last fix.
        live.Clock.Advance(TimelineProcessor.OngoingWithin);
        Assert.Equal(1, await live.Processor.ProcessPendingAsync("n", live.User, ct: Ct));

        Assert.Equal(days.Count, ongoing);
        Assert.Equal(await EventsAsync(resources, later.User), await EventsAsync(resources, live.User));
        Assert.Equal(await resources.ListSegmentsAsync(later.User, Ct), await resources.ListSegmentsAsync(live.User, Ct));
        Assert.Equal(JsonSerializer.Serialize(await resources.FindCarBehaviorAsync(later.User, Ct)), JsonSerializer.Serialize(await resources.FindCarBehaviorAsync(live.User, Ct)));
    }
}
