using Itinera.Core.Places;
using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Resources;

/// <summary>Replacing a user's places writes only those that changed; what is stored is the new set either way.</summary>
public sealed class LocationClusterReplacementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static LocationCluster Place(string id, double latitude, DateTimeOffset lastVisit, string significance) =>
        new(id, latitude, 4.35, 40, lastVisit, "UTC", false, significance, new Address("Belgium", "Brussels", null), null);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_stored_places_are_the_last_set_given(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var user = await TestDatabase.NewSdkUserAsync(new IdentityStore(database, TimeProvider.System), Ct);
        var store = new UserResourceStore(database);
        var home = Place("home", 50.85, T0, Significances.Home);
        var work = Place("work", 50.86, T0, Significances.Work);
        var gym = Place("gym", 50.87, T0, Significances.NonRegular);
        await store.ReplaceLocationClustersAsync(user, [home, work, gym], Ct);

        // A day later: home visited again, work unchanged, the gym gone, a new shop.
        var shop = Place("shop", 50.88, T0.AddDays(1), Significances.New);
        var homeLater = home with { LastVisit = T0.AddDays(1) };
        await store.ReplaceLocationClustersAsync(user, [homeLater, work, shop], Ct);

        Assert.Equal([homeLater, shop, work], await store.ListLocationClustersAsync(user, Ct));
        await store.ReplaceLocationClustersAsync(user, [], Ct);
        Assert.Empty(await store.ListLocationClustersAsync(user, Ct));
    }
}
