using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Resources;

/// <summary>Where a timeline update starts: the earliest event still going on at the new data's start.</summary>
public sealed class EventGoingOnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static StoredEvent Stay(string id, double fromHour, double? toHour) =>
        new(new TimelineEvent(id, EventKind.Stationary, T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC",
            toHour is null ? AnalysisType.Preliminary : AnalysisType.Processed, new StationaryDetails(50.85, 4.35, Significances.Home, null, null), null));

    private static long Ms(double hour) => T0.AddHours(hour).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_event_going_on_is_the_earliest_one_overlapping_the_instant_ended_or_ongoing(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var store = new UserResourceStore(database);
        Assert.Null(await store.FindStartOfEventAtAsync(user, Ms(5), Ct));

        await store.SaveEventsAsync(user, [Stay("a", -200, 2), Stay("b", 2, 10), Stay("c", 10, null)], Ct);
        Assert.Equal(Ms(-200), await store.FindStartOfEventAtAsync(user, Ms(1), Ct));
        Assert.Equal(Ms(-200), await store.FindStartOfEventAtAsync(user, Ms(2), Ct));
        Assert.Equal(Ms(2), await store.FindStartOfEventAtAsync(user, Ms(5), Ct));
        Assert.Equal(Ms(10), await store.FindStartOfEventAtAsync(user, Ms(50), Ct));
        Assert.Null(await store.FindStartOfEventAtAsync(user, Ms(-300), Ct));
    }
}
