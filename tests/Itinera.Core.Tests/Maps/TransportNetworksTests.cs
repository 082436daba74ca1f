using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class TransportNetworksTests
{
    [Fact]
    public void Shares_CountTheFixesAlongRoadsAndAlongRails()
    {
        // The crossing's east-west road, and a railway 400 m north of it (beyond the north-south street's end).
        var rails = new RoadNetwork([new MapRoad(9, "railway:rail", new SpeedLimit(null, SpeedLimitSource.None), Oneway.No, null, [90, 91],
            [60 + 400 / GeoMath.MetersPerDegreeLatitude, 60 + 400 / GeoMath.MetersPerDegreeLatitude], [24.99, 25.01])]);
        var networks = new TransportNetworks(RoadNetworkTests.Crossing(), rails);
        var metersLon = GeoMath.MetersPerDegreeLongitude(60);
        var onRoad = Enumerable.Range(0, 10).Select(i => new Fix(i * 1000L, 60, 25 + ((i * 10) - 50) / metersLon)).ToArray();
        var onRail = Enumerable.Range(0, 10).Select(i => new Fix(i * 1000L, 60 + 400 / GeoMath.MetersPerDegreeLatitude, 25 + ((i * 10) - 50) / metersLon)).ToArray();

        Assert.Equal((1.0, 0.0), networks.Shares(onRoad, 0, 9));
        Assert.Equal((0.0, 1.0), networks.Shares(onRail, 0, 9));
        Assert.True(double.IsNaN(new TransportNetworks(null, rails).Shares(onRoad, 0, 9).RoadShare));
    }
}
