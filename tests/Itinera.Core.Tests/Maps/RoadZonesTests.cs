using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class RoadZonesTests
{
    [Theory]
    [InlineData("motorway", 120, "motorway")]
    [InlineData("trunk", 100, "motorway")]
    [InlineData("trunk", 60, "city")]
    [InlineData("residential", 50, "city")]
    [InlineData("primary", 50, "city")]
    [InlineData("primary", 80, "non_city")]
    [InlineData("secondary", null, "non_city")]
    public void Of_PutsRoadsInZonesByClassAndLimit(string highway, int? limit, string expected) =>
        Assert.Equal(expected, RoadZones.Of(highway, limit));
}
