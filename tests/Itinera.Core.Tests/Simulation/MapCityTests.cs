using Itinera.Core.Maps;
using Itinera.Core.Simulation;
using Itinera.Core.Tests.Geo;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Simulation;

/// <summary>The Helsinki map city and a few users simulated on it, built once for the map tests.</summary>
public sealed class MapCityFixture
{
    public const int Seed = 7;
    public const int Days = 3;

    public MapCityFixture()
    {
        City = SyntheticCity.FromMap(Path, Seed);
        Network = new RoadNetwork(OsmExtractReader.Read(Path).Roads);
        Run = MobilitySimulator.Simulate(new SimulationOptions { Seed = Seed, Users = PersonaCatalogue.SupportedBy(City).Count, Days = Days, City = City });
        foreach (var user in Run.Users)
        {
            var builder = new UserTruthBuilder(user);
            var days = user.GenerateDays().ToList();
            days.ForEach(builder.Add);
            UserDays.Add(days);
            Truths.Add(builder.Build());
        }
    }

    public static string Path { get; } = SharedDataFolder.Path("maps", "Helsinki.osm.pbf");

    public SyntheticCity City { get; }

    /// <summary>The map's own drivable roads, read independently of the city.</summary>
    public RoadNetwork Network { get; }

    public SimulationRun Run { get; }

    public List<List<SimulatedDay>> UserDays { get; } = [];

    public List<UserTruth> Truths { get; } = [];
}

public sealed class MapCityTests(MapCityFixture fixture) : IClassFixture<MapCityFixture>
{
    private SyntheticCity City => fixture.City;

    private static string? Tag(PointOfInterest poi, string key) =>
        poi.Tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal)).Value;

    [Fact]
    public void Every_car_can_drive_from_any_road_node_of_the_map_city_to_any_other()
    {
        var roads = City.Ways.Where(w => w.Kind == WayKind.Road).ToList();
        var forward = new Dictionary<long, List<long>>();
        var backward = new Dictionary<long, List<long>>();
        void Edge(long a, long b)
        {
            forward.TryAdd(a, []);
            forward.TryAdd(b, []);
            backward.TryAdd(a, []);
            backward.TryAdd(b, []);
            forward[a].Add(b);
            backward[b].Add(a);
        }

        foreach (var way in roads)
        {
            for (var k = 1; k < way.NodeIds.Count; k++)
            {
                Edge(way.NodeIds[k - 1], way.NodeIds[k]);
                if (!way.Oneway)
                {
                    Edge(way.NodeIds[k], way.NodeIds[k - 1]);
                }
            }
        }

        static int Reached(Dictionary<long, List<long>> graph, long start)
        {
            var seen = new HashSet<long> { start };
            var queue = new Queue<long>([start]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var next in graph[node].Where(seen.Add))
                {
                    queue.Enqueue(next);
                }
            }

            return seen.Count;
        }

        var first = roads[0].NodeIds[0];
        Assert.True(forward.Count > 1000, $"Only {forward.Count} road nodes.");
        Assert.Equal(forward.Count, Reached(forward, first));
        Assert.Equal(forward.Count, Reached(backward, first));
    }

    [Fact]
    public void Roads_keep_the_maps_geometry_class_and_speed_limits()
    {
        var roads = City.Ways.Where(w => w.Kind == WayKind.Road).ToList();
        var mannerheimintie = roads.Where(w => w.Name == "Mannerheimintie").ToList();

        Assert.NotEmpty(mannerheimintie);
        Assert.All(mannerheimintie, way => Assert.Equal(RoadClass.Primary, way.RoadClass));
        Assert.Contains(roads, w => w.RoadClass == RoadClass.Residential && w.MaxSpeedKmh == 30);
        Assert.Contains(roads, w => w.Oneway);

        // Every road node is a node of the map's own road network.
        var nodes = roads.SelectMany(w => w.NodeIds).Distinct().Select(id => City.Nodes[(int)id - 1]).ToList();
        Assert.All(nodes, node => Assert.NotNull(fixture.Network.Nearest(node.Latitude, node.Longitude, 1)));
    }

    [Fact]
    public void The_map_city_has_points_of_interest_of_every_category_personas_need()
    {
        foreach (var category in Enum.GetValues<PoiCategory>())
        {
            Assert.NotEmpty(City.PoisOf(category, CityArea.City));
        }

        Assert.True(City.PoisOf(PoiCategory.Home, CityArea.City).Count >= 300);
        Assert.All(City.PointsOfInterest, poi => Assert.False(string.IsNullOrWhiteSpace(poi.Name)));
        Assert.All(City.PointsOfInterest, poi => Assert.Equal(CityArea.City, poi.Area));
    }

    [Fact]
    public void Points_of_interest_are_the_maps_own_where_it_has_them()
    {
        var restaurants = City.PoisOf(PoiCategory.Restaurant, CityArea.City);
        var offices = City.PoisOf(PoiCategory.Office, CityArea.City);

        Assert.True(restaurants.Count >= 150, $"Only {restaurants.Count} restaurants.");
        Assert.All(restaurants, poi => Assert.Null(Tag(poi, "itinera:synthetic")));
        Assert.True(offices.Count >= 150, $"Only {offices.Count} offices.");
        Assert.All(City.PoisOf(PoiCategory.Hotel, CityArea.City), poi => Assert.Null(Tag(poi, "itinera:synthetic")));

        // Central Helsinki has no hospital or beach resort: those are synthetic, and say so.
        Assert.All(City.PoisOf(PoiCategory.Hospital, CityArea.City), poi => Assert.Equal("yes", Tag(poi, "itinera:synthetic")));
        Assert.All(City.PoisOf(PoiCategory.Beach, CityArea.City), poi => Assert.Equal("yes", Tag(poi, "itinera:synthetic")));
    }

    [Fact]
    public void Points_of_interest_stand_by_real_roads_and_synthetic_ones_just_off_them()
    {
        Assert.All(City.PointsOfInterest, poi => Assert.NotNull(fixture.Network.Nearest(poi.Latitude, poi.Longitude, 300)));
        var synthetic = City.PointsOfInterest.Where(p => Tag(p, "itinera:synthetic") == "yes")
            .Select(poi => fixture.Network.Nearest(poi.Latitude, poi.Longitude, 300)!.Value.DistanceMeters).ToList();
        Assert.NotEmpty(synthetic);
        Assert.All(synthetic, meters => Assert.True(meters <= 35, $"A synthetic POI is {meters:F0} m from the nearest road."));

        // Beside the road, not on it (a few stand by roads the city left out, such as cut-off dead ends).
        Assert.True(synthetic.Count(meters => meters >= 8) >= 0.9 * synthetic.Count);
    }

    [Fact]
    public void The_town_and_the_coast_are_the_city_itself()
    {
        Assert.False(City.HasOutlyingAreas);
        Assert.Equal("Helsinki.osm.pbf", City.MapName);
        Assert.Equal(City.PoisOf(PoiCategory.Hotel, CityArea.City), City.PoisOf(PoiCategory.Hotel, CityArea.Coast));
        Assert.Equal(City.PoisOf(PoiCategory.Museum, CityArea.City), City.PoisOf(PoiCategory.Museum, CityArea.Town));
        Assert.True(SyntheticCity.Generate(3).HasOutlyingAreas);
    }

    [Fact]
    public void Bus_lines_run_along_the_real_roads_with_stops_a_few_hundred_metres_apart()
    {
        var buses = City.Lines.Where(l => l.Kind == TransitKind.Bus).ToList();

        Assert.True(buses.Count >= 2, $"Only {buses.Count} bus lines.");
        foreach (var line in buses)
        {
            Assert.True(line.Stops.Count >= 6, $"{line.Name} has {line.Stops.Count} stops.");
            var gaps = line.Stops.Zip(line.Stops.Skip(1), (a, b) => b.DistanceAlongMeters - a.DistanceAlongMeters).ToList();
            Assert.All(gaps, gap => Assert.InRange(gap, 150, 550));
            Assert.All(line.PathNodeIds, id =>
            {
                var node = City.Nodes[(int)id - 1];
                Assert.NotNull(fixture.Network.Nearest(node.Latitude, node.Longitude, 1));
            });
        }
    }

    [Fact]
    public void Tram_lines_follow_the_maps_tram_tracks()
    {
        var trams = City.Lines.Where(l => l.Kind == TransitKind.Tram).ToList();

        Assert.NotEmpty(trams);
        Assert.All(trams, line => Assert.True(line.Stops.Count >= 4, $"{line.Name} has {line.Stops.Count} stops."));
        Assert.DoesNotContain(City.Lines, l => l.Kind == TransitKind.Train);
    }

    [Fact]
    public void Personas_the_map_cannot_host_are_left_out()
    {
        var personas = PersonaCatalogue.SupportedBy(City);

        Assert.DoesNotContain(PersonaCatalogue.TrainCommuter, personas);
        Assert.DoesNotContain(PersonaCatalogue.LongCarCommuter, personas);
        Assert.Contains(PersonaCatalogue.BusCommuter, personas);
        Assert.Contains(PersonaCatalogue.TramCommuter, personas);
        Assert.Contains(PersonaCatalogue.OfficeCarCommuter, personas);
        Assert.Equal(PersonaCatalogue.All, PersonaCatalogue.SupportedBy(SyntheticCity.Generate(3)));
        Assert.All(fixture.Run.Users, user => Assert.Contains(user.Persona, personas));
    }

    [Fact]
    public void Car_fixes_lie_on_the_real_roads_of_the_map()
    {
        var (near, total) = (0, 0);
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var fixes = days.SelectMany(d => d.Fixes).ToList();
            foreach (var trip in truth.Transports.Where(t => t.Mode == TransportModes.Car))
            {
                var (start, end) = (trip.Start.ToUnixTimeMilliseconds(), trip.End.ToUnixTimeMilliseconds());
                foreach (var fix in fixes.Where(f => f.TimestampMs > start && f.TimestampMs < end))
                {
                    total++;
                    near += fixture.Network.Nearest(fix.Latitude, fix.Longitude, 30) is null ? 0 : 1;
                }
            }
        }

        Assert.True(total > 200, $"Only {total} car fixes.");
        Assert.True(near >= 0.95 * total, $"{near} of {total} car fixes are within 30 m of a Helsinki road.");
    }

    [Fact]
    public void Every_place_visited_is_on_the_map_and_the_truth_matches_the_fixes()
    {
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            Assert.All(truth.Places, place =>
            {
                Assert.InRange(place.Latitude, 60.160, 60.183);
                Assert.InRange(place.Longitude, 24.930, 24.958);
            });
            Assert.NotEmpty(truth.Transports);

            // While the truth says the user stays somewhere, the fixes are near that place.
            var fixes = days.SelectMany(d => d.Fixes).ToList();
            foreach (var stay in truth.Stays.Where(s => s.End - s.Start > TimeSpan.FromHours(1)))
            {
                var middle = stay.Start + (stay.End - stay.Start) / 2;
                var fix = fixes.MinBy(f => Math.Abs(f.TimestampMs - middle.ToUnixTimeMilliseconds()))!;
                Assert.True(Geo.Meters(fix.Latitude, fix.Longitude, stay.Latitude, stay.Longitude) < 150 + 3 * fix.AccuracyMeters!.Value,
                    $"A fix in the middle of a stay at {stay.PlaceId} is far from it.");
            }
        }

        var modes = fixture.Truths.SelectMany(t => t.Transports).Select(t => t.Mode).ToHashSet();
        Assert.Contains(TransportModes.Car, modes);
        Assert.Contains(TransportModes.Walking, modes);
    }

    [Fact]
    public void The_map_city_and_its_users_are_the_same_for_the_same_map_and_seed()
    {
        var again = SyntheticCity.FromMap(MapCityFixture.Path, MapCityFixture.Seed);
        var other = SyntheticCity.FromMap(MapCityFixture.Path, MapCityFixture.Seed + 1);

        Assert.Equal(Osm(City), Osm(again));
        Assert.NotEqual(Osm(City), Osm(other));
        var run = MobilitySimulator.Simulate(new SimulationOptions { Seed = MapCityFixture.Seed, Users = 2, Days = MapCityFixture.Days, City = again });
        for (var u = 0; u < 2; u++)
        {
            var expected = fixture.UserDays[u].SelectMany(d => d.Fixes);
            var actual = run.Users[u].GenerateDays().SelectMany(d => d.Fixes);
            Assert.Equal(expected, actual);
        }
    }

    private static string Osm(SyntheticCity city)
    {
        using var writer = new StringWriter();
        OsmXmlWriter.Write(city, writer);
        return writer.ToString();
    }
}

/// <summary>A map without any points of interest: every category but homes is synthetic.</summary>
public sealed class SparseMapCityTests
{
    [Fact]
    public void A_map_without_points_of_interest_gets_synthetic_ones_next_to_its_roads_and_homes_from_its_buildings()
    {
        var path = SharedDataFolder.Path("maps", "test_helsinki_small.osm.pbf");
        var city = SyntheticCity.FromMap(path, 3);
        var network = new RoadNetwork(OsmExtractReader.Read(path).Roads);

        foreach (var category in Enum.GetValues<PoiCategory>())
        {
            Assert.NotEmpty(city.PoisOf(category, CityArea.City));
        }

        var homes = city.PoisOf(PoiCategory.Home, CityArea.City);
        Assert.True(homes.Count >= 1000, $"Only {homes.Count} homes from 1,157 residential buildings.");
        Assert.All(homes, poi => Assert.Null(poi.Tags.FirstOrDefault(t => t.Key == "itinera:synthetic").Value));
        var others = city.PointsOfInterest.Where(p => p.Category != PoiCategory.Home).ToList();
        Assert.True(others.Count(poi => poi.Tags.Any(t => t.Key == "itinera:synthetic")) >= others.Count - 5);
        Assert.All(others, poi => Assert.NotNull(network.Nearest(poi.Latitude, poi.Longitude, 300)));

        var run = MobilitySimulator.Simulate(new SimulationOptions { Seed = 3, Users = 3, Days = 1, City = city });
        Assert.All(run.Users, user => Assert.NotEmpty(user.GenerateDays().Single().Fixes));
    }
}
