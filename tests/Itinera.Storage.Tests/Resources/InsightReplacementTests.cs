using Itinera.Core.Insights;
using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Resources;

/// <summary>The insight step replaces what new data can have changed and keeps the rest.</summary>
public sealed class InsightReplacementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static async Task<(UserResourceStore Store, string UserId)> SetUpAsync(string engine)
    {
        var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        return (new UserResourceStore(database), user);
    }

    private static Moment M(string id, double fromHour, double? toHour) =>
        new(id, "home", T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC", AnalysisType.Processed, null, null);

    private static Anomaly A(string id, int day) =>
        new(id, AnomalyMeasure.Duration, true, T0.AddDays(day), T0.AddDays(day + 1), "UTC", "working_duration", 5, 0.99, 1, 2, "day", null, null, null, null, null, null);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Replacing_moments_from_an_instant_keeps_those_that_ended_before_and_ends_the_formerly_active_one(string engine)
    {
        var (store, user) = await SetUpAsync(engine);
        await store.SaveMomentsAsync(user, [M("old", 0, 8), M("active", 18, null), M("later", 20, 21)], Ct);

        await store.ReplaceMomentsFromAsync(user, T0.AddHours(17).ToUnixTimeMilliseconds(), [M("active", 18, 23)], Ct);

        var moments = await store.ListMomentsAsync(user, T0, T0.AddDays(1), Ct);
        Assert.Equal(["old", "active"], moments.Select(m => m.MomentId));
        Assert.Equal(T0.AddHours(23), moments[1].End);
        Assert.Empty(await store.ListActiveMomentsAsync(user, Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Replacing_anomalies_from_a_day_keeps_earlier_days(string engine)
    {
        var (store, user) = await SetUpAsync(engine);
        await store.SaveAnomaliesAsync(user, [A("a1", 1), A("a2", 2), A("a3", 3)], Ct);

        await store.ReplaceAnomaliesFromAsync(user, T0.AddDays(2).ToUnixTimeMilliseconds(), [A("a3", 3)], Ct);

        Assert.Equal(["a1", "a3"], (await store.ListAnomaliesAsync(user, T0, T0.AddDays(10), Ct)).Select(a => a.AnomalyId));
    }
}
