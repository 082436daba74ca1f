using Itinera.Core.Geo;
using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class MapMatcherTests
{
    [Fact]
    public void ADriveAlongOneRoad_IsMatchedToThatRoadEvenWhereAnotherIsNearer()
    {
        var network = RoadNetworkTests.Crossing();
        var metersLon = GeoMath.MetersPerDegreeLongitude(60);
        // Eastwards along the primary road, 6 m north of it; near the crossing the residential street is as close.
        var points = Enumerable.Range(-15, 31).Select(i => new GeoPoint(60 + 6 / GeoMath.MetersPerDegreeLatitude, 25 + i * 12 / metersLon)).ToList();
        var matched = new MapMatcher(network).Match(points);
        Assert.All(matched, m => Assert.Equal(1, network.RoadOf(m.Segment).WayId));
    }

    [Fact]
    public void FixesFarFromAnyRoad_AreUnmatchedAndTheRestStillMatch()
    {
        var network = RoadNetworkTests.Crossing();
        var metersLon = GeoMath.MetersPerDegreeLongitude(60);
        var points = new List<GeoPoint>
        {
            new(60, 25 - 100 / metersLon),
            new(60 + 500 / GeoMath.MetersPerDegreeLatitude, 25),
            new(60, 25 + 100 / metersLon),
        };
        var matched = new MapMatcher(network).Match(points);
        Assert.True(matched[0].IsMatched);
        Assert.False(matched[1].IsMatched);
        Assert.True(matched[2].IsMatched);
    }

    [Fact]
    public void RandomDrivesOnHelsinki_AreMostlyMatchedToTheRoadDriven()
    {
        var extract = OsmExtractReader.Read(Itinera.Core.Tests.Geo.SharedDataFolder.Path("maps", "Helsinki.osm.pbf"));
        var network = new RoadNetwork(extract.Roads);
        var drives = SyntheticDrives.Generate(network, drives: 20, pointsPerDrive: 200, noiseMeters: 5, seed: 7);
        var matcher = new MapMatcher(network);
        var correct = 0;
        var total = 0;
        foreach (var drive in drives)
        {
            var matched = matcher.Match(drive.Observed);
            for (var i = 0; i < matched.Length; i++)
            {
                total++;
                correct += matched[i].IsMatched && network.RoadOf(matched[i].Segment).WayId == drive.TrueWayIds[i] ? 1 : 0;
            }
        }

        Assert.Equal(4000, total);
        Assert.True(correct > 0.75 * total, $"{correct} of {total} fixes on the right road");
    }
}
