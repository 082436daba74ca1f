using Itinera.Core.Insights;
using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Resources;

/// <summary>A window's events and moments: everything overlapping it, including what began long before it or is still going on.</summary>
public sealed class WindowReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static async Task<(UserResourceStore Store, string UserId, Database Database)> SetUpAsync(string engine)
    {
        var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        return (new UserResourceStore(database), user, database);
    }

    private static StoredEvent Stay(string id, double fromHour, double? toHour) =>
        new(new TimelineEvent(id, EventKind.Stationary, T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC",
            toHour is null ? AnalysisType.Preliminary : AnalysisType.Processed, new StationaryDetails(50.85, 4.35, Significances.Home, null, null), null));

    private static Moment M(string id, double fromHour, double? toHour) =>
        new(id, "home", T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC", AnalysisType.Processed, null, null);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AWindowsEvents_IncludeTheOneThatBeganBeforeIt_AndTheOngoingOne(string engine)
    {
        var (store, user, database) = await SetUpAsync(engine);
        await using var _ = database;
        // A week-long stay, a day of stays, then one still going on.
        await store.SaveEventsAsync(user, [Stay("a", -200, -190), Stay("b", -190, 30), Stay("c", 30, 40), Stay("d", 40, 50), Stay("e", 50, null)], Ct);

        Assert.Equal(["b"], (await store.ListEventsAsync(user, T0, T0.AddDays(1), Ct)).Select(e => e.EventId));
        Assert.Equal(["b", "c", "d"], (await store.ListEventsAsync(user, T0.AddHours(29), T0.AddHours(41), Ct)).Select(e => e.EventId));
        Assert.Equal(["c"], (await store.ListEventsAsync(user, T0.AddHours(30), T0.AddHours(40), Ct)).Select(e => e.EventId));
        Assert.Equal(["e"], (await store.ListEventsAsync(user, T0.AddDays(10), T0.AddDays(11), Ct)).Select(e => e.EventId));
        Assert.Empty(await store.ListEventsAsync(user, T0.AddDays(-30), T0.AddDays(-20), Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AWindowsMoments_IncludeOverlappingOnesThatBeganBeforeIt_AndActiveOnes(string engine)
    {
        var (store, user, database) = await SetUpAsync(engine);
        await using var _ = database;
        await store.SaveMomentsAsync(user, [M("long", -100, 30), M("old", -10, -5), M("inside", 2, 3), M("overlapping", 1, 26), M("active", 20, null), M("later", 30, 31)], Ct);

        Assert.Equal(["long", "overlapping", "inside", "active"], (await store.ListMomentsAsync(user, T0, T0.AddDays(1), Ct)).Select(m => m.MomentId));
        Assert.Equal(["long", "active"], (await store.ListMomentsAsync(user, T0.AddHours(27), T0.AddHours(29), Ct)).Select(m => m.MomentId));
    }
}
