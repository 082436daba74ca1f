using Itinera.Core.Geo;
using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class MapTilesTests
{
    /// <summary>A straight track from (60.0, 24.0) to (62.0, 28.0), a point every 20 m or so.</summary>
    private static List<GeoPoint> Diagonal()
    {
        const int Points = 16_000;
        return [.. Enumerable.Range(0, Points).Select(i => new GeoPoint(60.0 + 2.0 * i / (Points - 1), 24.0 + 4.0 * i / (Points - 1)))];
    }

    [Fact]
    public void ADiagonalTrack_LoadsABandOfTiles_NotItsBox()
    {
        var track = Diagonal();
        var box = MapTiles.KeysCovering(60.0, 24.0, 62.0, 28.0);
        var along = MapTiles.KeysAlong(track);

        Assert.Subset(box.ToHashSet(), along.ToHashSet());
        Assert.True(along.Count * 5 < box.Count, $"{along.Count} tiles along, {box.Count} in the box");
        Assert.Equal(along.Order(), along);
        // Every tile within the corridor's reach of a point (those in the box) is there.
        var boxSet = box.ToHashSet();
        foreach (var p in track.Where((_, i) => i % 97 == 0))
        {
            var reachLat = MapTiles.CorridorMeters / GeoMath.MetersPerDegreeLatitude;
            var reachLon = MapTiles.CorridorMeters / GeoMath.MetersPerDegreeLongitude(p.Latitude);
            foreach (var dLat in new[] { -reachLat, 0, reachLat })
            {
                foreach (var dLon in new[] { -reachLon, 0, reachLon })
                {
                    var key = MapTiles.KeyOf(p.Latitude + dLat, p.Longitude + dLon);
                    Assert.True(!boxSet.Contains(key) || along.Contains(key));
                }
            }
        }
    }

    [Fact]
    public void AGapInTheTrack_WidensTheBandAsFarAsARouteAcrossItCouldStray()
    {
        // 60 km without a fix, diagonally: a route the matcher would accept between the two fixes may wander up to about
        // 60 km off the line, so every tile of the gap's box is needed.
        GeoPoint[] track = [new(60.0, 24.0), new(60.4, 24.8)];
        Assert.Equal(MapTiles.KeysCovering(60.0, 24.0, 60.4, 24.8), MapTiles.KeysAlong(track));
        Assert.True(MapMatcher.StrayMeters(GeoMath.ApproxDistanceMeters(track[0], track[1])) > 60_000);
    }

    [Fact]
    public void NoPoints_NoTiles_OnePoint_ItsTile()
    {
        Assert.Empty(MapTiles.KeysAlong([]));
        Assert.Equal([MapTiles.KeyOf(60.05, 24.05)], MapTiles.KeysAlong([new GeoPoint(60.05, 24.05)]));
    }
}
