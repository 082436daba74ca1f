using Itinera.Core.Geo;
using Itinera.Core.Maps;
using Itinera.Storage.Maps;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Maps;

/// <summary>
/// A long trip is matched on the tiles along it, not on every tile of its box, with the same result.
/// </summary>
public sealed class TripCorridorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Nodes on a 0.005° lattice over 60–62° N, 24–26° E: east-west roads every 0.04°, north-south ones every 0.08°
    // (both about 4.5 km apart), cut into ways of 0.1°.
    private const double Cell = 0.005;
    private const int Span = 400;

    private static long NodeId(int i, int j) => 1 + (i * 1000L) + j;

    private static MapExtract Grid()
    {
        var roads = new List<MapRoad>();
        void Add(long wayId, string highway, int limitKmh, IEnumerable<(int I, int J)> nodes)
        {
            var list = nodes.ToList();
            roads.Add(new MapRoad(wayId, highway, new SpeedLimit(limitKmh, SpeedLimitSource.Tagged), Oneway.No, null,
                [.. list.Select(n => NodeId(n.I, n.J))], [.. list.Select(n => 60 + n.I * Cell)], [.. list.Select(n => 24 + n.J * Cell)]));
        }

        for (var i = 0; i <= Span; i += 8)
        {
            for (var j = 0; j < Span; j += 20)
            {
                var primary = i % 24 == 0;
                Add(1_000_000 + i * 100 + j / 20, primary ? "primary" : "residential", primary ? 80 : 40, Enumerable.Range(j, 21).Select(x => (i, x)));
            }
        }

        for (var j = 0; j <= Span; j += 16)
        {
            for (var i = 0; i < Span; i += 20)
            {
                Add(2_000_000 + j * 100 + i / 20, "secondary", 60, Enumerable.Range(i, 21).Select(y => (y, j)));
            }
        }

        return new MapExtract(roads, [], 60, 24, 62, 26, "FI");
    }

    /// <summary>
    /// A staircase drive from the grid's south-west corner to its north-east one, 0.08° east then 0.08° north 25 times
    /// (334 km), a fix every 25 m with 5 m of GPS noise, and 3 km without fixes (a tunnel) on the way.
    /// </summary>
    private static List<GeoPoint> DiagonalDrive()
    {
        var corners = new List<GeoPoint> { new(60, 24) };
        for (var step = 1; step <= 25; step++)
        {
            corners.Add(new GeoPoint(60 + (step - 1) * 16 * Cell, 24 + step * 16 * Cell));
            corners.Add(new GeoPoint(60 + step * 16 * Cell, 24 + step * 16 * Cell));
        }

        var random = new Random(3);
        double Noise() => 5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var drive = new List<GeoPoint>();
        var travelled = 0.0;
        for (var c = 1; c < corners.Count; c++)
        {
            var (a, b) = (corners[c - 1], corners[c]);
            var length = GeoMath.DistanceMeters(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
            for (var at = 0.0; at < length; at += 25, travelled += 25)
            {
                if (travelled is > 70_000 and < 73_000)
                {
                    continue;
                }

                var f = at / length;
                var lat = a.Latitude + (b.Latitude - a.Latitude) * f;
                drive.Add(new GeoPoint(
                    lat + Noise() / GeoMath.MetersPerDegreeLatitude,
                    a.Longitude + (b.Longitude - a.Longitude) * f + Noise() / GeoMath.MetersPerDegreeLongitude(lat)));
            }
        }

        return drive;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ADiagonalLongTrip_LoadsFarFewerTilesThanItsBox_AndMatchesTheSame(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var maps = new MapStore(database, TimeProvider.System);
        await maps.ImportAsync(Grid(), "grid.osm", Ct);
        var drive = DiagonalDrive();
        var (minLat, minLon) = (drive.Min(p => p.Latitude), drive.Min(p => p.Longitude));
        var (maxLat, maxLon) = (drive.Max(p => p.Latitude), drive.Max(p => p.Longitude));

        var boxTiles = MapTiles.KeysCovering(minLat, minLon, maxLat, maxLon);
        var corridorTiles = MapTiles.KeysAlong(drive);
        Assert.True(corridorTiles.Count * 5 < boxTiles.Count, $"{corridorTiles.Count} tiles along the trip, {boxTiles.Count} in its box");

        var box = (await maps.NetworksAroundAsync(minLat, minLon, maxLat, maxLon, Ct))!.Roads!;
        var corridor = (await maps.NetworkAlongAsync(drive, Ct))!;
        Assert.True(corridor.Roads.Count * 4 < box.Roads.Count, $"{corridor.Roads.Count} roads along the trip, {box.Roads.Count} in its box");

        var onBox = new MapMatcher(box).Match(drive);
        var onCorridor = new MapMatcher(corridor).Match(drive);
        (long WayId, double Fraction, double DistanceMeters)? Road(RoadNetwork network, MatchedPoint m) =>
            m.IsMatched ? (network.RoadOf(m.Segment).WayId, m.Fraction, m.DistanceMeters) : null;
        Assert.Equal(onBox.Select(m => Road(box, m)), onCorridor.Select(m => Road(corridor, m)));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{drive.Count} fixes: {corridorTiles.Count} tiles and {corridor.Roads.Count} roads along the trip, {boxTiles.Count} tiles and {box.Roads.Count} roads in its box");
        Assert.True(onCorridor.Count(m => m.IsMatched) > 0.99 * drive.Count);
    }
}
