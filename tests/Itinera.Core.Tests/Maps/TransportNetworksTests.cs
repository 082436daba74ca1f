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

    [Fact]
    public void Transit_CountsTheStopsALegPassesAndTheOnesItHaltsAt()
    {
        // Along the crossing's east-west road at 10 m/s: bus stops 100 m and 300 m east of the start, halts of 20 s at
        // the first stop and at 200 m (a junction, no stop).
        var metersLon = GeoMath.MetersPerDegreeLongitude(60);
        var stops = new TransitStopIndex(
        [
            new MapTransitStop("n1", 60, 25 + 100 / metersLon, TransitStopKind.Bus),
            new MapTransitStop("n2", 60, 25 + 300 / metersLon, TransitStopKind.Bus),
            new MapTransitStop("n3", 60 + 500 / GeoMath.MetersPerDegreeLatitude, 25, TransitStopKind.Tram),
        ]);
        var networks = new TransportNetworks(RoadNetworkTests.Crossing(), null) { Stops = stops };
        var positions = new List<double>();
        var x = 0.0;
        for (var t = 0; t < 80; t++)
        {
            positions.Add(x);
            var halted = (t >= 10 && t < 30) || (t >= 40 && t < 60);
            x += halted ? 0 : 10;
        }

        var fixes = positions.Select((m, t) => new Fix(t * 1000L, 60, 25 + m / metersLon)).ToArray();
        var transit = networks.Transit(fixes, 0, fixes.Length - 1, i => positions[i] - positions[i - 1]);

        Assert.Equal((2, 1, 0, 0), (transit.BusStopsPassed, transit.BusStopsServed, transit.TramStopsPassed, transit.TramStopsServed));
        Assert.Equal((2, 1), (transit.Pauses, transit.PausesAtStops));
        Assert.True(double.IsNaN(transit.TramTrackShare), "no railways, so no tram tracks known");
    }

    [Fact]
    public void TransitStopIndex_FindsTheNearestStopOfTheKindAskedWithinTheRadius()
    {
        var metersLon = GeoMath.MetersPerDegreeLongitude(50);
        var index = new TransitStopIndex(
        [
            new MapTransitStop("bus-far", 50, 4 + 25 / metersLon, TransitStopKind.Bus),
            new MapTransitStop("bus-near", 50, 4 + 10 / metersLon, TransitStopKind.Bus),
            new MapTransitStop("tram", 50, 4 + 5 / metersLon, TransitStopKind.Tram),
        ]);

        Assert.Equal("bus-near", index[index.Nearest(50, 4, TransitStopKind.Bus, 30)].StopId);
        Assert.Equal("tram", index[index.Nearest(50, 4, TransitStopKind.Tram, 30)].StopId);
        Assert.Equal(-1, index.Nearest(50, 4, TransitStopKind.Bus, 8));
        Assert.Equal(-1, index.Nearest(50, 4, TransitStopKind.Subway, 1000));
    }
}
