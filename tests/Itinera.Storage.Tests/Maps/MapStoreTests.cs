using Itinera.Core.Maps;
using Itinera.Core.Places;
using Itinera.Core.Timeline;
using Itinera.Storage.Maps;
using Itinera.Storage.Processing;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Maps;

public sealed class MapStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MapExtract Extract(double latitude, double longitude) => new(
        [
            new MapRoad(1, "primary", new SpeedLimit(50, SpeedLimitSource.Tagged), Oneway.No, "Main", [1, 2, 3],
                [latitude, latitude + 0.001, latitude + 0.2], [longitude, longitude, longitude]),
            new MapRoad(2, "residential", new SpeedLimit(30, SpeedLimitSource.CountryDefault), Oneway.Forward, null, [2, 4],
                [latitude + 0.001, latitude + 0.001], [longitude, longitude + 0.002]),
        ],
        [new MapPoi("n9", latitude + 0.0005, longitude + 0.0005, "Cafe", ["amenity", "food", "cafe"])],
        latitude, longitude, latitude + 0.2, longitude + 0.002, "FI");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnImportedExtract_GivesBackItsRoadNetworkAndPoisAroundATrip(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var maps = new MapStore(database, TimeProvider.System);
        Assert.Null((await maps.NetworksAroundAsync(60.1, 25, 60.11, 25.01, Ct))?.Roads);

        var result = await maps.ImportAsync(Extract(60.1, 25.0), "test.osm", Ct);
        Assert.Equal((2, 1, "FI"), (result.Roads, result.Pois, result.CountryCode));
        Assert.True(result.Tiles >= 2, "the long road crosses into the next tile");

        var network = (await maps.NetworksAroundAsync(60.1, 25.0, 60.101, 25.001, Ct))?.Roads;
        Assert.NotNull(network);
        Assert.Equal([1L, 2L], network.Roads.Select(r => r.WayId));
        var nearest = network.Nearest(60.1005, 25.0);
        Assert.Equal(50, network.RoadOf(nearest!.Value.Segment).SpeedLimitKmh);
        Assert.Equal(Oneway.Forward, network.Roads[1].Oneway);

        var pois = await maps.PoisWithinAsync(60.09, 24.99, 60.11, 25.01, Ct);
        Assert.Equal(["amenity", "food", "cafe"], Assert.Single(pois).CategoryHierarchy);

        // Stops come back as mode context around a trip, never as places.
        var withStops = Extract(60.1, 25.0) with { TransitStops = [new MapTransitStop("n5", 60.1005, 25.0001, TransitStopKind.Bus, "Main St")] };
        Assert.Equal(1, (await maps.ImportAsync(withStops, "test.osm", Ct)).TransitStops);
        var networks = await maps.NetworksAroundAsync(60.1, 25.0, 60.101, 25.001, Ct);
        Assert.Equal(new MapTransitStop("n5", 60.1005, 25.0001, TransitStopKind.Bus, "Main St"), networks!.Stops![0]);
        Assert.Single(await maps.PoisWithinAsync(60.09, 24.99, 60.11, 25.01, Ct));

        // Importing again replaces rather than duplicates, and the version moves on.
        var again = await maps.ImportAsync(Extract(60.1, 25.0), "test.osm", Ct);
        Assert.True(again.ImportId > result.ImportId);
        Assert.Equal(2, (await maps.LoadRoadsAsync(MapTiles.KeysCovering(60.1, 25.0, 60.3, 25.01), Ct)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportingAMap_MarksUsersWithTripsThereForReprocessing(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var resources = new UserResourceStore(database);
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        foreach (var (user, lat) in new[] { ("aaaaaaaaaaaaaaaaaaaaaaaa", 60.1), ("bbbbbbbbbbbbbbbbbbbbbbbb", 10.0) })
        {
            await resources.SaveEventsAsync(user,
            [
                new StoredEvent(new TimelineEvent("t-" + user, EventKind.Transport, start, start.AddMinutes(20), "UTC", AnalysisType.Processed, null,
                    new TransportDetails(TransportModes.Car, 10_000, null))),
            ], Ct);
            await resources.SaveLastLocationAsync(user, new LocationFix(start.AddMinutes(20), lat, 25.0, 10, null, null), Ct);
        }

        var result = await new MapStore(database, TimeProvider.System).ImportAsync(Extract(60.1, 25.0), "test.osm", Ct);

        Assert.Equal(1, result.UsersMarkedForReprocessing);
        var claims = await new ProcessingWorkList(database, TimeProvider.System).ClaimAsync("test", TimeSpan.FromMinutes(1), 10, null, Ct);
        var claim = Assert.Single(claims);
        Assert.Equal(("aaaaaaaaaaaaaaaaaaaaaaaa", start.ToUnixTimeMilliseconds()), (claim.UserId, claim.DirtyFromMs));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ImportingAMap_MarksEachAffectedUserOnce_FromTheirFirstTransportOfNineWeeks(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var resources = new UserResourceStore(database);
        var queue = new ProcessingWorkList(database, TimeProvider.System);
        var last = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var extract = Extract(60.1, 25.0); // 60.1–60.3 N, 25.0–25.002 E; users within half a degree are affected

        async Task User(string id, double latitude, double longitude, params double[] transportDaysBeforeLast)
        {
            var events = new List<StoredEvent>
            {
                // A stay, never a reason to reprocess by itself.
                new(new TimelineEvent("s-" + id, EventKind.Stationary, last.AddDays(-1), last.AddDays(-1).AddHours(1), "UTC", AnalysisType.Processed,
                    new StationaryDetails(latitude, longitude, "home", null, null), null)),
            };
            foreach (var days in transportDaysBeforeLast)
            {
                var start = last.AddDays(-days);
                events.Add(new StoredEvent(new TimelineEvent($"t-{id}-{days}", EventKind.Transport, start, start.AddMinutes(20), "UTC", AnalysisType.Processed, null,
                    new TransportDetails(TransportModes.Car, 10_000, null))));
            }

            await resources.SaveEventsAsync(id, events, Ct);
            await resources.SaveLastLocationAsync(id, new LocationFix(last, latitude, longitude, 10, null, null), Ct);
        }

        await User("aaaaaaaaaaaaaaaaaaaaaaaa", 60.2, 25.001, 70, 10, 2);       // the older trip is beyond nine weeks
        await User("bbbbbbbbbbbbbbbbbbbbbbbb", 60.79, 24.51, 62.5);            // near the margin's corner, inside
        await User("cccccccccccccccccccccccc", 60.81, 25.0, 1);                // just beyond the margin (north)
        await User("dddddddddddddddddddddddd", 60.2, 24.49, 1);                // just beyond the margin (west)
        await User("eeeeeeeeeeeeeeeeeeeeeeee", 60.2, 25.0, 64);                // inside, but only a trip older than nine weeks
        await User("ffffffffffffffffffffffff", 60.2, 25.0);                    // inside, stays only
        await User("111111111111111111111111", 59.61, 25.0, 5);                // inside (south) and already queued
        var queuedFrom = last.AddDays(-30).ToUnixTimeMilliseconds();
        await queue.ScheduleAsync("111111111111111111111111", queuedFrom, last.AddDays(1).ToUnixTimeMilliseconds(), Ct);

        var result = await new MapStore(database, TimeProvider.System).ImportAsync(extract, "test.osm", Ct);

        Assert.Equal(3, result.UsersMarkedForReprocessing);
        var claims = await queue.ClaimAsync("test", TimeSpan.FromMinutes(1), 100, null, Ct);
        var lastMs = last.ToUnixTimeMilliseconds();
        Assert.Equal(
            [
                ("111111111111111111111111", queuedFrom, lastMs),
                ("aaaaaaaaaaaaaaaaaaaaaaaa", last.AddDays(-10).ToUnixTimeMilliseconds(), lastMs),
                ("bbbbbbbbbbbbbbbbbbbbbbbb", last.AddDays(-62.5).ToUnixTimeMilliseconds(), lastMs),
            ],
            claims.Select(c => (c.UserId, c.DirtyFromMs, c.DirtyToMs)).OrderBy(c => c.UserId, StringComparer.Ordinal));
    }
}
