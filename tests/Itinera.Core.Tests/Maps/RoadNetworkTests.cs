using Itinera.Core.Geo;
using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class RoadNetworkTests
{
    // A plus-shaped crossing at (60, 25): an east-west primary road and a north-south one-way residential street.
    private const double Lat = 60;
    private const double Lon = 25;
    private static readonly double Step = 200 / GeoMath.MetersPerDegreeLatitude;
    private static readonly double StepLon = 200 / GeoMath.MetersPerDegreeLongitude(Lat);

    internal static RoadNetwork Crossing() => new(
    [
        new MapRoad(1, "primary", new SpeedLimit(50, SpeedLimitSource.Tagged), Oneway.No, "East-West", [10, 11, 12],
            [Lat, Lat, Lat], [Lon - StepLon, Lon, Lon + StepLon]),
        new MapRoad(2, "residential", new SpeedLimit(30, SpeedLimitSource.Tagged), Oneway.Forward, "North-South", [20, 11, 22],
            [Lat + Step, Lat, Lat - Step], [Lon, Lon, Lon]),
    ]);

    [Fact]
    public void Roads_AreJoinedAtSharedNodes()
    {
        var network = Crossing();
        Assert.Equal(5, network.NodeCount);
        Assert.Equal(4, network.SegmentCount);
    }

    [Fact]
    public void Nearest_FindsTheClosestRoadAndHowFarItIs()
    {
        var network = Crossing();
        var northOfCentre = network.Nearest(Lat + Step / 2, Lon + 10 / GeoMath.MetersPerDegreeLongitude(Lat));
        Assert.NotNull(northOfCentre);
        Assert.Equal(2, network.RoadOf(northOfCentre.Value.Segment).WayId);
        Assert.InRange(northOfCentre.Value.DistanceMeters, 9.5, 10.5);
    }

    [Fact]
    public void Nearest_IsNullBeyondTheRadius()
    {
        var network = Crossing();
        Assert.Null(network.Nearest(Lat + Step / 2, Lon + 100 / GeoMath.MetersPerDegreeLongitude(Lat), maxDistanceMeters: 30));
    }

    [Fact]
    public void Candidates_KeepOnePerRoadNearestFirst()
    {
        var network = Crossing();
        Span<RoadPosition> output = stackalloc RoadPosition[4];
        var count = network.Candidates(Lat + 5 / GeoMath.MetersPerDegreeLatitude, Lon + 8 / GeoMath.MetersPerDegreeLongitude(Lat), 40, output);
        Assert.Equal(2, count);
        Assert.True(output[0].DistanceMeters <= output[1].DistanceMeters);
        Assert.NotEqual(network.RoadOf(output[0].Segment).WayId, network.RoadOf(output[1].Segment).WayId);
    }

    [Fact]
    public void Candidates_AtEqualDistance_ComeInWayOrder_HoweverMuchMapIsLoaded()
    {
        // Two ways start at the corner (60, 25), way 3 going west and way 7 going south. North-east of the corner, the
        // corner node is the nearest point of both, so they are exactly as far; a third way far off moves the grid the
        // segments are found through, which must not change the order.
        var west = new MapRoad(3, "residential", new SpeedLimit(30, SpeedLimitSource.Tagged), Oneway.No, null, [2, 1], [Lat, Lat], [Lon, Lon - StepLon]);
        var south = new MapRoad(7, "residential", new SpeedLimit(30, SpeedLimitSource.Tagged), Oneway.No, null, [2, 3], [Lat, Lat - Step], [Lon, Lon]);
        var far = new MapRoad(9, "residential", new SpeedLimit(30, SpeedLimitSource.Tagged), Oneway.No, null, [4, 5], [Lat - 0.0123, Lat - 0.0121], [Lon - 0.0171, Lon - 0.0168]);
        var (lat, lon) = (Lat + 5 / GeoMath.MetersPerDegreeLatitude, Lon + 5 / GeoMath.MetersPerDegreeLongitude(Lat));
        var output = new RoadPosition[4];
        foreach (var network in new[] { new RoadNetwork([west, south]), new RoadNetwork([west, south, far]) })
        {
            Assert.Equal(2, network.Candidates(lat, lon, 40, output));
            Assert.Equal(output[0].DistanceMeters, output[1].DistanceMeters);
            Assert.Equal((3L, 7L), (network.RoadOf(output[0].Segment).WayId, network.RoadOf(output[1].Segment).WayId));
            Assert.Equal(3, network.RoadOf(network.Nearest(lat, lon)!.Value.Segment).WayId);
        }
    }
}
