using System.Text.Json;
using Dapper;
using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Resources;

/// <summary>The day buckets the insight step reads hold the events as they stand, whatever wrote them.</summary>
public sealed class InsightDayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static StoredEvent Stay(string id, double fromHour, double? toHour) =>
        new(new TimelineEvent(id, EventKind.Stationary, T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC",
            toHour is null ? AnalysisType.Preliminary : AnalysisType.Processed,
            new StationaryDetails(50.85, 4.35, Significances.Home, new PlaceCandidate("Cafe", ["cafe"]), new Address("Belgium", "Brussels", "city")), null));

    private static StoredEvent Drive(string id, double fromHour, double toHour) =>
        new(new TimelineEvent(id, EventKind.Transport, T0.AddHours(fromHour), T0.AddHours(toHour), "UTC", AnalysisType.Processed, null,
            new TransportDetails(TransportModes.Car, 9000, null)));

    /// <summary>The events as the insight rules see them: everything but the id (and driving features).</summary>
    private static string AsInsightsSee(IEnumerable<TimelineEvent> events) =>
        JsonSerializer.Serialize(events.Select(e => e with { EventId = string.Empty, Transport = e.Transport is { } t ? t with { BehaviorFeatures = null } : null }));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Insight_events_are_the_stored_events_overlapping_the_window_after_saves_replacements_and_a_missing_history(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var store = new UserResourceStore(database);

        async Task AssertSameAsync(DateTimeOffset from, DateTimeOffset to) =>
            Assert.Equal(AsInsightsSee(await store.ListEventsAsync(user, from, to, Ct)), AsInsightsSee(await store.ListInsightEventsAsync(user, from, to, Ct)));

        // A stay across three days, then a day of events; one saved again later, moved to another day.
        await store.SaveEventsAsync(user, [Stay("long", -50, 10), Drive("d1", 10, 11), Stay("s1", 11, 30), Drive("d2", 30, 31)], Ct);
        await store.SaveEventsAsync(user, [Drive("d2", 40, 41)], Ct);
        await AssertSameAsync(T0.AddHours(-100), T0.AddHours(100));
        await AssertSameAsync(T0, T0.AddHours(20));
        await AssertSameAsync(T0.AddHours(35), T0.AddHours(100));

        // The timeline rewritten from the middle of a day, ending with an ongoing stay.
        await store.ReplaceEventsFromAsync(user, T0.AddHours(30).ToUnixTimeMilliseconds(), [Drive("d3", 30, 32), Stay("s2", 32, null)], Ct);
        await AssertSameAsync(T0.AddHours(-100), T0.AddHours(100));
        await AssertSameAsync(T0.AddHours(31), T0.AddHours(33));

        // Events written before the buckets existed (here: the buckets removed) are bucketed on the next update.
        await using (var c = await database.OpenConnectionAsync(Ct))
        {
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM insight_days WHERE user_id = @user", new { user }, cancellationToken: Ct));
        }

        await store.ReplaceEventsFromAsync(user, T0.AddHours(32).ToUnixTimeMilliseconds(), [Stay("s3", 32, 60)], Ct);
        await AssertSameAsync(T0.AddHours(-100), T0.AddHours(100));
        Assert.Equal(5, (await store.ListInsightEventsAsync(user, T0.AddHours(-100), T0.AddHours(100), Ct)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_shape_of_stay_and_transport_reads_back_from_the_packed_buckets(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var store = new UserResourceStore(database);
        StoredEvent StayWith(string id, double fromHour, double toHour, PlaceCandidate? place, Address? address, string zone = "Europe/Brussels") =>
            new(new TimelineEvent(id, EventKind.Stationary, T0.AddHours(fromHour), T0.AddHours(toHour), zone, AnalysisType.Processed,
                new StationaryDetails(50.123456789, -4.987654321, Significances.Work, place, address), null));

        await store.SaveEventsAsync(user,
        [
            StayWith("bare", 0, 5, null, null),
            StayWith("unnamed", 5, 6, new PlaceCandidate(null, []), new Address(null, null, null), "UTC"),
            StayWith("named", 7, 9, new PlaceCandidate("Café \"Ü\"", ["amenity", "cafe", "ünïcode"]), new Address("België", null, "town")),
            new(new TimelineEvent("walk", EventKind.Transport, T0.AddHours(6), T0.AddHours(7), "UTC", AnalysisType.Processed, null,
                new TransportDetails(TransportModes.Walking, 0, null))),
            new(new TimelineEvent("bare-leg", EventKind.Transport, T0.AddHours(9), T0.AddHours(10), "UTC", AnalysisType.Processed, null, null)),
            Drive("long", 10, 100),
            Stay("open", 100, null),
        ], Ct);

        Assert.Equal(AsInsightsSee(await store.ListEventsAsync(user, T0.AddDays(-1), T0.AddDays(10), Ct)),
            AsInsightsSee(await store.ListInsightEventsAsync(user, T0.AddDays(-1), T0.AddDays(10), Ct)));
        Assert.Equal(AsInsightsSee(await store.ListEventsAsync(user, T0.AddHours(6.5), T0.AddHours(50), Ct)),
            AsInsightsSee(await store.ListInsightEventsAsync(user, T0.AddHours(6.5), T0.AddHours(50), Ct)));
    }
}
