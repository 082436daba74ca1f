using Itinera.Core.Simulation;

namespace Itinera.Core.Tests.Simulation;

public sealed class SyntheticCityTests
{
    private static readonly SyntheticCity City = SyntheticCity.Generate(42);

    [Fact]
    public void The_city_has_every_road_class()
    {
        var classes = City.Ways.Where(w => w.Kind == WayKind.Road).Select(w => w.RoadClass!.Value).Distinct().ToHashSet();

        Assert.All(RoadClasses.All, roadClass => Assert.Contains(roadClass, classes));
    }

    [Theory]
    [InlineData(RoadClass.Motorway, 120)]
    [InlineData(RoadClass.Secondary, 50)]
    [InlineData(RoadClass.Tertiary, 50)]
    [InlineData(RoadClass.Residential, 30)]
    [InlineData(RoadClass.Service, 20)]
    public void Roads_carry_the_speed_limit_of_their_class(RoadClass roadClass, int maxSpeedKmh)
    {
        var ways = City.Ways.Where(w => w.RoadClass == roadClass).ToList();

        Assert.NotEmpty(ways);
        Assert.All(ways, way => Assert.Equal(maxSpeedKmh, way.MaxSpeedKmh));
    }

    [Fact]
    public void Primary_roads_are_limited_to_70_in_the_ring_and_90_between_towns()
    {
        var limits = City.Ways.Where(w => w.RoadClass == RoadClass.Primary).Select(w => w.MaxSpeedKmh).Distinct().Order().ToList();

        Assert.Contains(70, limits);
        Assert.Contains(90, limits);
    }

    [Fact]
    public void The_city_has_rail_tram_and_subway_tracks_and_lines_of_every_kind()
    {
        Assert.Contains(City.Ways, w => w.Kind == WayKind.Rail);
        Assert.Contains(City.Ways, w => w.Kind == WayKind.Tram);
        Assert.Contains(City.Ways, w => w.Kind == WayKind.Subway);
        foreach (var kind in Enum.GetValues<TransitKind>())
        {
            var lines = City.Lines.Where(l => l.Kind == kind).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.True(line.Stops.Count >= 4, $"{line.Name} has {line.Stops.Count} stops."));
        }
    }

    [Fact]
    public void Some_residential_streets_are_one_way()
    {
        Assert.Contains(City.Ways, w => w.RoadClass == RoadClass.Residential && w.Oneway);
        Assert.DoesNotContain(City.Ways, w => w.RoadClass is RoadClass.Primary or RoadClass.Secondary && w.Oneway);
    }

    [Fact]
    public void The_city_has_points_of_interest_of_every_category()
    {
        foreach (var category in Enum.GetValues<PoiCategory>())
        {
            Assert.Contains(City.PointsOfInterest, poi => poi.Category == category);
        }

        Assert.True(City.PoisOf(PoiCategory.Home, CityArea.City).Count >= 300);
        Assert.All(City.PointsOfInterest, poi => Assert.False(string.IsNullOrWhiteSpace(poi.Name)));
    }

    [Fact]
    public void Points_of_interest_carry_their_osm_tag()
    {
        string? Tag(PointOfInterest poi, string key) => poi.Tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal)).Value;

        Assert.All(City.PoisOf(PoiCategory.Restaurant, CityArea.City), poi =>
        {
            Assert.Equal("restaurant", Tag(poi, "amenity"));
            Assert.NotNull(Tag(poi, "cuisine"));
        });
        Assert.All(City.PoisOf(PoiCategory.FitnessCentre, CityArea.City), poi => Assert.Equal("fitness_centre", Tag(poi, "leisure")));
        Assert.All(City.PoisOf(PoiCategory.Museum, CityArea.City), poi => Assert.Equal("museum", Tag(poi, "tourism")));
        Assert.All(City.PoisOf(PoiCategory.Office, CityArea.City), poi => Assert.Equal("company", Tag(poi, "office")));
        Assert.All(City.PoisOf(PoiCategory.Supermarket, CityArea.City), poi => Assert.Equal("supermarket", Tag(poi, "shop")));
        Assert.All(City.PoisOf(PoiCategory.Home, CityArea.City), poi => Assert.Equal("residential", Tag(poi, "building")));
    }

    [Fact]
    public void The_town_is_25_to_35_km_from_the_centre_and_the_coast_about_100_km()
    {
        var town = Geo.Meters(City.CentreLatitude, City.CentreLongitude, City.TownLatitude, City.TownLongitude);
        var coast = Geo.Meters(City.CentreLatitude, City.CentreLongitude, City.CoastLatitude, City.CoastLongitude);

        Assert.InRange(town, 25_000, 35_000);
        Assert.InRange(coast, 90_000, 115_000);
    }

    [Fact]
    public void Node_ids_are_dense_from_one_and_other_ids_are_positive_and_unique()
    {
        Assert.Equal(Enumerable.Range(1, City.Nodes.Count).Select(i => (long)i), City.Nodes.Select(n => n.Id));
        var ids = City.Nodes.Select(n => n.Id)
            .Concat(City.PointsOfInterest.Select(p => p.Id))
            .Concat(City.Lines.SelectMany(l => l.Stops).Select(s => s.Id))
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(City.Ways, way => Assert.True(way.Id > 0));
        Assert.All(City.Lines, line => Assert.True(line.RelationId > 0));
    }

    [Fact]
    public void The_centre_is_configurable()
    {
        var paris = SyntheticCity.Generate(42, 48.8566, 2.3522);

        Assert.InRange(paris.Nodes.Average(n => n.Latitude), 48.7, 49.5);
        Assert.Equal(City.Nodes.Count, paris.Nodes.Count);
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed()
    {
        var again = SyntheticCity.Generate(42);
        var other = SyntheticCity.Generate(43);

        Assert.Equal(City.Nodes, again.Nodes);
        Assert.Equal(City.PointsOfInterest.Select(p => (p.Id, p.Name, p.Latitude, p.Longitude)), again.PointsOfInterest.Select(p => (p.Id, p.Name, p.Latitude, p.Longitude)));
        Assert.NotEqual(City.Nodes.Select(n => n.Latitude), other.Nodes.Select(n => n.Latitude));
    }
}
