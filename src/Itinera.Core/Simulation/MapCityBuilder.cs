using Itinera.Core.Maps;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace Itinera.Core.Simulation;

/// <summary>
/// Builds a <see cref="SyntheticCity"/> on a real OSM extract. Roads come from <see cref="OsmExtractReader"/>
/// (drivable ways with their limits and directions), cut down to the largest part that every car can leave and
/// reach; residential buildings and tram and metro tracks come from a second pass over the file. Categories the
/// map lacks are filled with synthetic POIs next to real roads, and bus lines are laid along the major roads.
/// Deterministic for a file and a seed: map elements are taken in file order and every synthetic draw comes from
/// one generator in a fixed order.
/// </summary>
internal sealed class MapCityBuilder
{
    /// <summary>Below this many residential buildings, synthetic homes are added along residential streets.</summary>
    private const int MinimumHomes = 300;

    /// <summary>Homes kept at most, so that nearest-home look-ups stay cheap on large extracts.</summary>
    private const int MaximumHomes = 3000;

    /// <summary>POIs farther than this from any usable road (islands, the sea, a cut extract) are left out.</summary>
    private const double MaximumPoiDistanceMeters = 300;

    private const double MinimumBusLineMeters = 1200;
    private const double MinimumTrackLineMeters = 1000;
    private const int BusTopSpeedKmh = 50;
    private const int TramTopSpeedKmh = 40;
    private const int SubwayTopSpeedKmh = 80;

    private static readonly HashSet<string> ResidentialBuildings = new(StringComparer.Ordinal)
    {
        "residential", "apartments", "house", "detached", "semidetached_house", "terrace", "dormitory", "bungalow",
    };

    /// <summary>The fewest POIs of a category a city needs for every persona; the map's own are topped up to this.</summary>
    private static readonly (PoiCategory Category, int Count)[] Minimums =
    [
        (PoiCategory.Office, 20), (PoiCategory.University, 1), (PoiCategory.Hospital, 1), (PoiCategory.Restaurant, 8),
        (PoiCategory.Cafe, 4), (PoiCategory.Bar, 4), (PoiCategory.FastFood, 2), (PoiCategory.Supermarket, 3),
        (PoiCategory.Clothes, 3), (PoiCategory.Bakery, 2), (PoiCategory.FitnessCentre, 2), (PoiCategory.SportsCentre, 1),
        (PoiCategory.Park, 2), (PoiCategory.Museum, 2), (PoiCategory.Hotel, 2), (PoiCategory.Beach, 1),
    ];

    private readonly SimulationRandom _random;
    private readonly List<double> _latitudes = [];
    private readonly List<double> _longitudes = [];
    private readonly Dictionary<long, int> _nodeOfOsmId = [];
    private readonly List<CityWay> _ways = [];
    private readonly List<PendingPoi> _pois = [];
    private double _centreLatitude;
    private double _centreLongitude;
    private double _metersPerDegreeLongitude;

    private MapCityBuilder(int seed)
    {
        _random = new SimulationRandom(seed, 0x0A9C17);
    }

    public static SyntheticCity Build(string path, int seed)
    {
        var extract = OsmExtractReader.Read(path);
        var features = ReadFeatures(path);
        return new MapCityBuilder(seed).Build(seed, extract, features, Path.GetFileName(path));
    }

    private SyntheticCity Build(int seed, MapExtract extract, Features features, string mapName)
    {
        AddRoads(extract.Roads);
        if (_ways.Count == 0)
        {
            throw new InvalidDataException($"The map {mapName} has no connected drivable roads to simulate on.");
        }

        _centreLatitude = (_latitudes.Min() + _latitudes.Max()) / 2;
        _centreLongitude = (_longitudes.Min() + _longitudes.Max()) / 2;
        _metersPerDegreeLongitude = Geodesy.MetersPerDegreeLongitude(_centreLatitude);
        var (halfWidth, halfHeight) = (
            (_longitudes.Max() - _longitudes.Min()) / 2 * _metersPerDegreeLongitude,
            (_latitudes.Max() - _latitudes.Min()) / 2 * Geodesy.MetersPerDegreeLatitude);
        var tracks = new List<(TransitKind Kind, List<int> Nodes)>();
        foreach (var kind in (TransitKind[])[TransitKind.Tram, TransitKind.Subway])
        {
            tracks.AddRange(TrackPaths(features.Tracks.Where(t => t.Kind == kind).ToList()).Select(path => (kind, path)));
        }

        var latitudes = _latitudes.ToArray();
        var longitudes = _longitudes.ToArray();
        var roads = new RoadGraph(latitudes, longitudes, _ways);
        var segments = new StreetSegments(this);

        AddPois(extract.Pois, features.Homes, segments);
        var nextId = (long)latitudes.Length + 1;
        var pois = new List<PointOfInterest>(_pois.Count);
        var ordinals = new Dictionary<PoiCategory, int>();
        foreach (var pending in _pois)
        {
            ordinals[pending.Category] = ordinals.GetValueOrDefault(pending.Category) + 1;
            var (name, tags) = pending.Synthetic
                ? SyntheticTags(pending, ordinals[pending.Category])
                : MapTags(pending, ordinals[pending.Category]);
            pois.Add(new PointOfInterest(nextId++, pending.Category, name, pending.Latitude, pending.Longitude, CityArea.City, tags)
            {
                AccessNode = pending.AccessNode,
                OtherAccessNode = pending.OtherAccessNode,
                EntranceLatitude = pending.EntranceLatitude,
                EntranceLongitude = pending.EntranceLongitude,
            });
        }

        var lines = new List<TransitLine>();
        var names = new StopNames(this);
        var bus = 0;
        foreach (var path in BusPaths(roads, halfWidth, halfHeight))
        {
            bus++;
            var lineRef = (100 + bus).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var speeds = new double[path.Count - 1];
            for (var s = 0; s < speeds.Length; s++)
            {
                speeds[s] = Math.Min(BusTopSpeedKmh, roads.EdgeSpeedKmh(roads.FindEdge(path[s], path[s + 1])));
            }

            lines.Add(Line(lines.Count + 1, TransitKind.Bus, lineRef, $"Bus {lineRef}", path, speeds, RoadWaysAlong(path), BusTopSpeedKmh, roads, names, ref nextId));
        }

        var counts = new Dictionary<TransitKind, int>();
        foreach (var (kind, path) in tracks)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            var lineRef = (kind == TransitKind.Tram ? "T" : "M") + counts[kind].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = kind == TransitKind.Tram ? $"Tram {lineRef}" : $"Metro {lineRef}";
            var topSpeed = kind == TransitKind.Tram ? TramTopSpeedKmh : SubwayTopSpeedKmh;
            var wayId = AddWay(kind == TransitKind.Tram ? WayKind.Tram : WayKind.Subway, null, topSpeed, name, false, path);
            var speeds = Enumerable.Repeat((double)topSpeed, path.Count - 1).ToArray();
            lines.Add(Line(lines.Count + 1, kind, lineRef, name, path, speeds, [wayId], topSpeed, roads, names, ref nextId));
        }

        var nodes = new CityNode[latitudes.Length];
        for (var n = 0; n < nodes.Length; n++)
        {
            nodes[n] = new CityNode(n + 1, latitudes[n], longitudes[n]);
        }

        // No town or coast on a map: they are the city itself (see SyntheticCity.HasOutlyingAreas).
        return new SyntheticCity(seed, _centreLatitude, _centreLongitude, nodes, [.. _ways], pois, lines, roads)
        {
            HasOutlyingAreas = false,
            MapName = mapName,
            TownLatitude = _centreLatitude,
            TownLongitude = _centreLongitude,
            CoastLatitude = _centreLatitude,
            CoastLongitude = _centreLongitude,
        };
    }

    private static RoadClass ClassOf(string highway) => highway switch
    {
        "motorway" or "motorway_link" => RoadClass.Motorway,
        "trunk" or "trunk_link" or "primary" or "primary_link" => RoadClass.Primary,
        "secondary" or "secondary_link" => RoadClass.Secondary,
        "tertiary" or "tertiary_link" or "unclassified" or "road" => RoadClass.Tertiary,
        "residential" or "living_street" => RoadClass.Residential,
        _ => RoadClass.Service,
    };

    /// <summary>Adds the drivable roads that lie in the largest strongly connected component for cars, split where they leave it.</summary>
    private void AddRoads(IReadOnlyList<MapRoad> mapRoads)
    {
        var indexOf = new Dictionary<long, int>();
        var osmIds = new List<long>();
        var positions = new List<(double Latitude, double Longitude)>();
        var roads = new List<(MapRoad Road, int[] Nodes)>();
        foreach (var road in mapRoads)
        {
            // Buses only: cars may not use them.
            if (road.Highway == "busway")
            {
                continue;
            }

            var nodes = new int[road.NodeIds.Length];
            for (var k = 0; k < nodes.Length; k++)
            {
                if (!indexOf.TryGetValue(road.NodeIds[k], out var index))
                {
                    index = osmIds.Count;
                    indexOf[road.NodeIds[k]] = index;
                    osmIds.Add(road.NodeIds[k]);
                    positions.Add((road.Latitudes[k], road.Longitudes[k]));
                }

                nodes[k] = index;
            }

            roads.Add((road, nodes));
        }

        var forward = new List<int>[osmIds.Count];
        for (var n = 0; n < forward.Length; n++)
        {
            forward[n] = [];
        }

        foreach (var (road, nodes) in roads)
        {
            for (var k = 1; k < nodes.Length; k++)
            {
                if (nodes[k - 1] == nodes[k])
                {
                    continue;
                }

                if (road.Oneway != Oneway.Backward)
                {
                    forward[nodes[k - 1]].Add(nodes[k]);
                }

                if (road.Oneway != Oneway.Forward)
                {
                    forward[nodes[k]].Add(nodes[k - 1]);
                }
            }
        }

        // Every segment between two nodes of the component belongs to it, so the kept ways stay strongly connected.
        var kept = LargestStronglyConnected(forward);
        foreach (var (road, nodes) in roads)
        {
            var roadClass = ClassOf(road.Highway);
            var speed = Math.Max(5, road.SpeedLimitKmh ?? roadClass.DefaultMaxSpeedKmh());
            var run = new List<int>();
            void Flush()
            {
                if (run.Count >= 2)
                {
                    if (road.Oneway == Oneway.Backward)
                    {
                        run.Reverse();
                    }

                    AddWay(WayKind.Road, roadClass, speed, road.Name ?? string.Empty, road.Oneway != Oneway.No, run);
                }

                run = [];
            }

            foreach (var node in nodes)
            {
                if (!kept[node])
                {
                    Flush();
                    continue;
                }

                var index = NodeOf(osmIds[node], positions[node].Latitude, positions[node].Longitude);
                if (run.Count == 0 || run[^1] != index)
                {
                    run.Add(index);
                }
            }

            Flush();
        }
    }

    private static bool[] LargestStronglyConnected(List<int>[] forward)
    {
        // Kosaraju's algorithm with explicit stacks, so that long roads cannot overflow the call stack.
        var count = forward.Length;
        var backward = new List<int>[count];
        for (var n = 0; n < count; n++)
        {
            backward[n] = [];
        }

        for (var n = 0; n < count; n++)
        {
            foreach (var m in forward[n])
            {
                backward[m].Add(n);
            }
        }

        var visited = new bool[count];
        var finished = new List<int>(count);
        var stack = new Stack<(int Node, int Next)>();
        for (var start = 0; start < count; start++)
        {
            if (visited[start])
            {
                continue;
            }

            visited[start] = true;
            stack.Push((start, 0));
            while (stack.TryPop(out var top))
            {
                if (top.Next < forward[top.Node].Count)
                {
                    stack.Push((top.Node, top.Next + 1));
                    var next = forward[top.Node][top.Next];
                    if (!visited[next])
                    {
                        visited[next] = true;
                        stack.Push((next, 0));
                    }
                }
                else
                {
                    finished.Add(top.Node);
                }
            }
        }

        var component = new int[count];
        Array.Fill(component, -1);
        var sizes = new List<int>();
        var pending = new Stack<int>();
        for (var k = finished.Count - 1; k >= 0; k--)
        {
            var start = finished[k];
            if (component[start] >= 0)
            {
                continue;
            }

            var id = sizes.Count;
            sizes.Add(0);
            component[start] = id;
            pending.Push(start);
            while (pending.TryPop(out var node))
            {
                sizes[id]++;
                foreach (var previous in backward[node])
                {
                    if (component[previous] < 0)
                    {
                        component[previous] = id;
                        pending.Push(previous);
                    }
                }
            }
        }

        var largest = sizes.Count == 0 ? -1 : sizes.IndexOf(sizes.Max());
        return [.. component.Select(c => c == largest && sizes[c] >= 2)];
    }

    private int NodeOf(long osmId, double latitude, double longitude)
    {
        if (!_nodeOfOsmId.TryGetValue(osmId, out var index))
        {
            index = _latitudes.Count;
            _nodeOfOsmId[osmId] = index;
            _latitudes.Add(latitude);
            _longitudes.Add(longitude);
        }

        return index;
    }

    private long AddWay(WayKind kind, RoadClass? roadClass, int speedKmh, string name, bool oneway, List<int> nodes)
    {
        var id = _ways.Count + 1L;
        _ways.Add(new CityWay(id, kind, roadClass, speedKmh, name, oneway, [.. nodes.Select(n => n + 1L)]));
        return id;
    }

    /// <summary>
    /// Up to two long paths through the tracks of one kind: the longest shortest path of the largest connected
    /// network (found by two sweeps), then the same from the track farthest from the first line.
    /// </summary>
    private List<List<int>> TrackPaths(List<Track> tracks)
    {
        var indexOf = new Dictionary<long, int>();
        var osmIds = new List<long>();
        var positions = new List<(double Latitude, double Longitude)>();
        var adjacency = new List<List<(int Node, double Meters)>>();
        foreach (var track in tracks)
        {
            var previous = -1;
            for (var k = 0; k < track.NodeIds.Length; k++)
            {
                if (track.Positions[k] is not { } position)
                {
                    previous = -1;
                    continue;
                }

                if (!indexOf.TryGetValue(track.NodeIds[k], out var index))
                {
                    index = osmIds.Count;
                    indexOf[track.NodeIds[k]] = index;
                    osmIds.Add(track.NodeIds[k]);
                    positions.Add(position);
                    adjacency.Add([]);
                }

                if (previous >= 0 && previous != index)
                {
                    var meters = Geodesy.DistanceMeters(positions[previous].Latitude, positions[previous].Longitude, position.Latitude, position.Longitude);
                    adjacency[previous].Add((index, meters));
                    adjacency[index].Add((previous, meters));
                }

                previous = index;
            }
        }

        var result = new List<List<int>>();
        if (osmIds.Count < 2)
        {
            return result;
        }

        // The largest connected network, by breadth-first search from each unreached node in order.
        var network = new int[osmIds.Count];
        Array.Fill(network, -1);
        var sizes = new List<int>();
        for (var start = 0; start < osmIds.Count; start++)
        {
            if (network[start] >= 0)
            {
                continue;
            }

            var id = sizes.Count;
            sizes.Add(0);
            var queue = new Queue<int>();
            network[start] = id;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var node))
            {
                sizes[id]++;
                foreach (var (next, _) in adjacency[node])
                {
                    if (network[next] < 0)
                    {
                        network[next] = id;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        var largest = sizes.IndexOf(sizes.Max());
        var first = Array.IndexOf(network, largest);
        int Farthest(double[] distances)
        {
            var best = first;
            for (var n = 0; n < distances.Length; n++)
            {
                if (network[n] == largest && distances[n] > distances[best])
                {
                    best = n;
                }
            }

            return best;
        }

        var a = Farthest(Dijkstra(adjacency, [first]).Distances);
        var (fromA, previousFromA) = Dijkstra(adjacency, [a]);
        var b = Farthest(fromA);
        var line = PathTo(previousFromA, b);
        if (fromA[b] >= MinimumTrackLineMeters)
        {
            result.Add(line);
            var fromLine = Dijkstra(adjacency, line).Distances;
            var c = Farthest(fromLine);
            if (fromLine[c] >= MinimumTrackLineMeters / 2)
            {
                var (fromC, previousFromC) = Dijkstra(adjacency, [c]);
                var d = Farthest(fromC);
                if (fromC[d] >= MinimumTrackLineMeters)
                {
                    result.Add(PathTo(previousFromC, d));
                }
            }
        }

        return [.. result.Select(path => path.Select(n => NodeOf(osmIds[n], positions[n].Latitude, positions[n].Longitude)).ToList())];
    }

    private static (double[] Distances, int[] Previous) Dijkstra(List<List<(int Node, double Meters)>> adjacency, List<int> sources)
    {
        var distances = new double[adjacency.Count];
        var previous = new int[adjacency.Count];
        Array.Fill(distances, double.PositiveInfinity);
        Array.Fill(previous, -1);
        var queue = new PriorityQueue<int, double>();
        foreach (var source in sources)
        {
            distances[source] = 0;
            queue.Enqueue(source, 0);
        }

        while (queue.TryDequeue(out var node, out var distance))
        {
            if (distance > distances[node])
            {
                continue;
            }

            foreach (var (next, meters) in adjacency[node])
            {
                if (distance + meters < distances[next])
                {
                    distances[next] = distance + meters;
                    previous[next] = node;
                    queue.Enqueue(next, distance + meters);
                }
            }
        }

        // Unreached nodes count as at distance zero, so that "farthest" stays within the network searched.
        for (var n = 0; n < distances.Length; n++)
        {
            if (double.IsPositiveInfinity(distances[n]))
            {
                distances[n] = 0;
            }
        }

        return (distances, previous);
    }

    private static List<int> PathTo(int[] previous, int target)
    {
        var path = new List<int>();
        for (var node = target; node >= 0; node = previous[node])
        {
            path.Add(node);
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// Bus routes across the map along its major roads: the fastest car path between the major-road junctions
    /// nearest to opposite points of the map's edge, north–south, east–west and along both diagonals.
    /// </summary>
    private List<List<int>> BusPaths(RoadGraph roads, double halfWidthMeters, double halfHeightMeters)
    {
        var major = new SortedSet<int>();
        foreach (var classes in (RoadClass[][])[[RoadClass.Primary, RoadClass.Secondary], [RoadClass.Primary, RoadClass.Secondary, RoadClass.Tertiary]])
        {
            foreach (var way in _ways.Where(w => w.RoadClass is { } c && classes.Contains(c)))
            {
                foreach (var id in way.NodeIds)
                {
                    major.Add((int)id - 1);
                }
            }

            if (major.Count >= 20)
            {
                break;
            }
        }

        if (major.Count < 2)
        {
            return [];
        }

        int NearestMajor(double bearingDegrees)
        {
            var radians = bearingDegrees * Math.PI / 180;
            var (x, y) = (0.9 * halfWidthMeters * Math.Sin(radians), 0.9 * halfHeightMeters * Math.Cos(radians));
            return major.MinBy(n => Math.Pow(X(n) - x, 2) + Math.Pow(Y(n) - y, 2));
        }

        var paths = new List<List<int>>();
        var ends = new HashSet<(int, int)>();
        foreach (var bearing in (double[])[0, 90, 45, 135])
        {
            var (from, to) = (NearestMajor(bearing), NearestMajor(bearing + 180));
            if (from == to || !ends.Add((Math.Min(from, to), Math.Max(from, to))))
            {
                continue;
            }

            if (roads.ShortestPath([(from, 0)], [(to, 0)], RouteProfile.Car) is { Length: >= 2 } path
                && Cumulative(path)[^1] >= MinimumBusLineMeters)
            {
                paths.Add([.. path]);
            }
        }

        return paths;
    }

    private List<long> RoadWaysAlong(List<int> path)
    {
        var wayOf = new Dictionary<(long, long), long>();
        foreach (var way in _ways.Where(w => w.Kind == WayKind.Road))
        {
            for (var k = 1; k < way.NodeIds.Count; k++)
            {
                var (a, b) = (way.NodeIds[k - 1], way.NodeIds[k]);
                wayOf.TryAdd((Math.Min(a, b), Math.Max(a, b)), way.Id);
            }
        }

        var result = new List<long>();
        for (var s = 1; s < path.Count; s++)
        {
            var (a, b) = (path[s - 1] + 1L, path[s] + 1L);
            if (wayOf.TryGetValue((Math.Min(a, b), Math.Max(a, b)), out var id) && (result.Count == 0 || result[^1] != id))
            {
                result.Add(id);
            }
        }

        return result;
    }

    private double[] Cumulative(IReadOnlyList<int> path)
    {
        var cumulative = new double[path.Count];
        for (var s = 1; s < path.Count; s++)
        {
            cumulative[s] = cumulative[s - 1] + Geodesy.DistanceMeters(
                _latitudes[path[s - 1]], _longitudes[path[s - 1]], _latitudes[path[s]], _longitudes[path[s]]);
        }

        return cumulative;
    }

    private TransitLine Line(
        long relationId, TransitKind kind, string lineRef, string name, List<int> path, double[] speedsKmh, List<long> wayIds,
        int topSpeedKmh, RoadGraph roads, StopNames names, ref long nextId)
    {
        var cumulative = Cumulative(path);
        var total = cumulative[^1];

        // About 400 m between bus and tram stops (closer on short lines, so that each has about eight), 800 m between metro stations.
        var spacing = kind == TransitKind.Subway ? Math.Clamp(total / 4, 500, 800) : Math.Clamp(total / 8, 250, 400);
        var stops = new List<TransitStop>();
        foreach (var index in CityBuilder.StationsEvery(cumulative, spacing))
        {
            var node = path[index];
            var offsetMeters = kind == TransitKind.Subway ? 15 : 7;
            var (latitude, longitude) = ToLatLon(X(node) + offsetMeters * 0.6, Y(node) + offsetMeters * 0.8);
            var access = kind == TransitKind.Bus ? node : roads.NearestNode(_latitudes[node], _longitudes[node], excludeMotorway: true);
            var stopName = names.Near(access) ?? $"{name} stop {stops.Count + 1}";
            stops.Add(new TransitStop(nextId++, stopName, latitude, longitude, index, cumulative[index]) { AccessNode = access });
        }

        return new TransitLine(relationId, kind, lineRef, name, [.. path.Select(n => n + 1L)], stops, wayIds, topSpeedKmh)
        {
            SegmentSpeedsKmh = speedsKmh,
            CumulativeMeters = cumulative,
            PathNodes = [.. path],
        };
    }

    private void AddPois(IReadOnlyList<MapPoi> mapPois, List<Home> homes, StreetSegments segments)
    {
        // Homes: the map's residential buildings, topped up along residential streets when it has too few.
        foreach (var home in homes.Take(MaximumHomes))
        {
            Attach(PoiCategory.Home, home.Latitude, home.Longitude, home.Name, home.Street, home.HouseNumber, false, segments);
        }

        var residential = segments.Choose(RoadClass.Residential);
        while (_pois.Count < MinimumHomes)
        {
            AddSynthetic(PoiCategory.Home, residential, segments);
        }

        foreach (var poi in mapPois)
        {
            if (CategoryOf(poi.CategoryHierarchy) is { } category)
            {
                Attach(category, poi.Latitude, poi.Longitude, poi.Name, null, null, false, segments);
            }
        }

        var streets = segments.Choose(RoadClass.Secondary, RoadClass.Tertiary, RoadClass.Residential);
        foreach (var (category, minimum) in Minimums)
        {
            for (var have = _pois.Count(p => p.Category == category); have < minimum; have++)
            {
                AddSynthetic(category, streets, segments);
            }
        }
    }

    /// <summary>The simulator's category of a map POI (<see cref="PoiCategories"/> hierarchy), or null when no persona goes there.</summary>
    internal static PoiCategory? CategoryOf(IReadOnlyList<string> hierarchy) => (hierarchy[0], hierarchy[^1]) switch
    {
        ("office", _) => PoiCategory.Office,
        ("amenity", "university" or "college") => PoiCategory.University,
        ("amenity", "hospital") => PoiCategory.Hospital,
        ("amenity", "restaurant") => PoiCategory.Restaurant,
        ("amenity", "cafe") => PoiCategory.Cafe,
        ("amenity", "bar" or "pub") => PoiCategory.Bar,
        ("amenity", "fast_food") => PoiCategory.FastFood,
        ("shop", "supermarket") => PoiCategory.Supermarket,
        ("shop", "clothes" or "shoes" or "boutique") => PoiCategory.Clothes,
        ("shop", "bakery") => PoiCategory.Bakery,
        ("leisure", "fitness_centre") => PoiCategory.FitnessCentre,
        ("leisure", "sports_centre") => PoiCategory.SportsCentre,
        ("leisure", "park") => PoiCategory.Park,
        ("leisure", "beach_resort") => PoiCategory.Beach,
        ("tourism", "museum") => PoiCategory.Museum,
        ("tourism", "hotel") => PoiCategory.Hotel,
        _ => null,
    };

    /// <summary>Adds a map POI whose entrance is the nearest point of the nearest street (unless it is too far from any).</summary>
    private void Attach(PoiCategory category, double latitude, double longitude, string? name, string? street, string? houseNumber, bool synthetic, StreetSegments segments)
    {
        var (x, y) = (XOf(longitude), YOf(latitude));
        var (segment, t, meters) = segments.Nearest(x, y);
        if (segment < 0 || meters > MaximumPoiDistanceMeters)
        {
            return;
        }

        AddOnSegment(category, latitude, longitude, name, street, houseNumber, synthetic, segments, segment, t);
    }

    private void AddOnSegment(
        PoiCategory category, double latitude, double longitude, string? name, string? street, string? houseNumber, bool synthetic,
        StreetSegments segments, int segment, double t)
    {
        var (a, b, way) = segments[segment];
        var (entranceLatitude, entranceLongitude) = ToLatLon(X(a) + (X(b) - X(a)) * t, Y(a) + (Y(b) - Y(a)) * t);
        _pois.Add(new PendingPoi(category, latitude, longitude, name, street ?? _ways[way].Name, houseNumber, synthetic)
        {
            AccessNode = t < 0.5 ? a : b,
            OtherAccessNode = t < 0.5 ? b : a,
            EntranceLatitude = entranceLatitude,
            EntranceLongitude = entranceLongitude,
        });
    }

    /// <summary>
    /// A synthetic POI 15–30 m beside a random point of a street segment chosen by length, redrawn (up to a few
    /// times) when that spot is within 10 m of another street, as happens between close parallel roads.
    /// </summary>
    private void AddSynthetic(PoiCategory category, (int[] Segments, double[] Cumulative) choice, StreetSegments segments)
    {
        for (var attempt = 0; ; attempt++)
        {
            var at = _random.Uniform(0, choice.Cumulative[^1]);
            var k = Array.BinarySearch(choice.Cumulative, at);
            var segment = choice.Segments[Math.Clamp(k < 0 ? ~k : k, 0, choice.Segments.Length - 1)];
            var t = _random.Uniform(0.2, 0.8);
            var side = _random.Chance(0.5) ? 1 : -1;
            var offset = _random.Uniform(15, 30);
            var (a, b, _) = segments[segment];
            var (dx, dy) = (X(b) - X(a), Y(b) - Y(a));
            var length = Math.Max(1e-6, Math.Sqrt(dx * dx + dy * dy));
            var (x, y) = (X(a) + dx * t - dy / length * offset * side, Y(a) + dy * t + dx / length * offset * side);
            if (segments.Nearest(x, y).Meters < 10 && attempt < 20)
            {
                continue;
            }

            var (latitude, longitude) = ToLatLon(x, y);
            var houseNumber = _random.Next(1, 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
            AddOnSegment(category, latitude, longitude, null, null, houseNumber, true, segments, segment, t);
            return;
        }
    }

    private static (string Name, IReadOnlyList<KeyValuePair<string, string>> Tags) SyntheticTags(PendingPoi poi, int ordinal)
    {
        var street = poi.Street.Length > 0 ? poi.Street : "Unnamed street";
        var (name, tags) = CityBuilder.PoiTags(poi.Category, street, int.Parse(poi.HouseNumber!, System.Globalization.CultureInfo.InvariantCulture), ordinal);

        // Marks what the map did not have, so an exported city tells real from invented places.
        tags.Add(new KeyValuePair<string, string>("itinera:synthetic", "yes"));
        return (name, tags);
    }

    private static (string Name, IReadOnlyList<KeyValuePair<string, string>> Tags) MapTags(PendingPoi poi, int ordinal)
    {
        var tags = new List<KeyValuePair<string, string>>();
        var (key, value) = poi.Category switch
        {
            PoiCategory.Home => ("building", "residential"),
            PoiCategory.Office => ("office", "company"),
            PoiCategory.University => ("amenity", "university"),
            PoiCategory.Hospital => ("amenity", "hospital"),
            PoiCategory.Restaurant => ("amenity", "restaurant"),
            PoiCategory.Cafe => ("amenity", "cafe"),
            PoiCategory.Bar => ("amenity", "bar"),
            PoiCategory.FastFood => ("amenity", "fast_food"),
            PoiCategory.Supermarket => ("shop", "supermarket"),
            PoiCategory.Clothes => ("shop", "clothes"),
            PoiCategory.Bakery => ("shop", "bakery"),
            PoiCategory.FitnessCentre => ("leisure", "fitness_centre"),
            PoiCategory.SportsCentre => ("leisure", "sports_centre"),
            PoiCategory.Park => ("leisure", "park"),
            PoiCategory.Museum => ("tourism", "museum"),
            PoiCategory.Hotel => ("tourism", "hotel"),
            _ => ("leisure", "beach_resort"),
        };
        tags.Add(new KeyValuePair<string, string>(key, value));
        var ordinalText = ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var street = poi.Street.Length > 0 ? poi.Street : null;
        var name = poi.Name is { Length: > 0 } given ? given
            : poi.Category == PoiCategory.Home && poi.HouseNumber is not null && street is not null ? $"{street} {poi.HouseNumber}"
            : street is not null ? $"{street}, {CategoryWord(poi.Category).ToLowerInvariant()} {ordinalText}"
            : $"{CategoryWord(poi.Category)} {ordinalText}";
        if (poi.Category != PoiCategory.Home || poi.Name is not null)
        {
            tags.Add(new KeyValuePair<string, string>("name", name));
        }

        if (street is not null)
        {
            tags.Add(new KeyValuePair<string, string>("addr:street", street));
        }

        if (poi.HouseNumber is not null)
        {
            tags.Add(new KeyValuePair<string, string>("addr:housenumber", poi.HouseNumber));
        }

        return (name, tags);
    }

    private static string CategoryWord(PoiCategory category) => category switch
    {
        PoiCategory.FitnessCentre => "Gym",
        PoiCategory.SportsCentre => "Sports centre",
        PoiCategory.FastFood => "Snack bar",
        _ => category.ToString(),
    };

    private double X(int node) => XOf(_longitudes[node]);

    private double Y(int node) => YOf(_latitudes[node]);

    private double XOf(double longitude) => (longitude - _centreLongitude) * _metersPerDegreeLongitude;

    private double YOf(double latitude) => (latitude - _centreLatitude) * Geodesy.MetersPerDegreeLatitude;

    private (double Latitude, double Longitude) ToLatLon(double x, double y) =>
        (_centreLatitude + y / Geodesy.MetersPerDegreeLatitude, _centreLongitude + x / _metersPerDegreeLongitude);

    /// <summary>Residential buildings (homes) and tram and metro tracks, which <see cref="OsmExtractReader"/> does not keep.</summary>
    private static Features ReadFeatures(string path)
    {
        using var stream = File.OpenRead(path);
        using OsmStreamSource source = OsmExtractReader.IsPbf(path) ? new PBFOsmStreamSource(stream) : new XmlOsmStreamSource(stream);
        var nodes = new Dictionary<long, (double Latitude, double Longitude)>();
        var homes = new List<Home>();
        var tracks = new List<(TransitKind Kind, long[] NodeIds)>();
        foreach (var element in source)
        {
            switch (element)
            {
                case Node { Id: { } id, Latitude: { } latitude, Longitude: { } longitude } node:
                    nodes[id] = (latitude, longitude);
                    if (IsHome(node.Tags))
                    {
                        homes.Add(new Home(latitude, longitude, Value(node.Tags, "name"), Value(node.Tags, "addr:street"), Value(node.Tags, "addr:housenumber")));
                    }

                    break;
                case Way { Id: not null, Nodes.Length: >= 2 } way when way.Tags is { } tags:
                    if (IsHome(tags) && Centroid(way.Nodes, nodes) is { } centre)
                    {
                        homes.Add(new Home(centre.Latitude, centre.Longitude, Value(tags, "name"), Value(tags, "addr:street"), Value(tags, "addr:housenumber")));
                    }
                    else if (Value(tags, "service") is null && Value(tags, "railway") is "tram" or "subway")
                    {
                        tracks.Add((Value(tags, "railway") == "tram" ? TransitKind.Tram : TransitKind.Subway, way.Nodes));
                    }

                    break;
            }
        }

        return new Features(homes, [.. tracks.Select(t => new Track(t.Kind, t.NodeIds,
            [.. t.NodeIds.Select(id => nodes.TryGetValue(id, out var p) ? p : ((double Latitude, double Longitude)?)null)]))]);
    }

    private static bool IsHome(TagsCollectionBase? tags) =>
        Value(tags, "building") is { } building && ResidentialBuildings.Contains(building) && Value(tags, "shop") is null && Value(tags, "amenity") is null;

    private static (double Latitude, double Longitude)? Centroid(long[] nodeIds, Dictionary<long, (double Latitude, double Longitude)> nodes)
    {
        double latitude = 0, longitude = 0;
        var count = 0;
        foreach (var id in nodeIds)
        {
            if (nodes.TryGetValue(id, out var p))
            {
                latitude += p.Latitude;
                longitude += p.Longitude;
                count++;
            }
        }

        return count == 0 ? null : (latitude / count, longitude / count);
    }

    private static string? Value(TagsCollectionBase? tags, string key) =>
        tags is not null && tags.TryGetValue(key, out var value) ? value : null;

    private sealed record Home(double Latitude, double Longitude, string? Name, string? Street, string? HouseNumber);

    private sealed record Track(TransitKind Kind, long[] NodeIds, (double Latitude, double Longitude)?[] Positions);

    private sealed record Features(List<Home> Homes, List<Track> Tracks);

    private sealed record PendingPoi(PoiCategory Category, double Latitude, double Longitude, string? Name, string Street, string? HouseNumber, bool Synthetic)
    {
        public int AccessNode { get; init; }

        public int OtherAccessNode { get; init; }

        public double EntranceLatitude { get; init; }

        public double EntranceLongitude { get; init; }
    }

    /// <summary>The non-motorway road segments POIs can stand on, with a coarse grid for nearest-segment look-ups.</summary>
    private sealed class StreetSegments
    {
        private const double CellMeters = 250;

        private readonly MapCityBuilder _builder;
        private readonly List<(int A, int B, int Way)> _segments = [];
        private readonly Dictionary<(int, int), List<int>> _cells = [];

        public StreetSegments(MapCityBuilder builder)
        {
            _builder = builder;
            for (var w = 0; w < builder._ways.Count; w++)
            {
                var way = builder._ways[w];
                if (way.Kind != WayKind.Road || way.RoadClass == RoadClass.Motorway)
                {
                    continue;
                }

                for (var k = 1; k < way.NodeIds.Count; k++)
                {
                    var (a, b) = ((int)way.NodeIds[k - 1] - 1, (int)way.NodeIds[k] - 1);
                    var index = _segments.Count;
                    _segments.Add((a, b, w));
                    var (x0, x1) = (Math.Min(builder.X(a), builder.X(b)), Math.Max(builder.X(a), builder.X(b)));
                    var (y0, y1) = (Math.Min(builder.Y(a), builder.Y(b)), Math.Max(builder.Y(a), builder.Y(b)));
                    for (var cx = Cell(x0); cx <= Cell(x1); cx++)
                    {
                        for (var cy = Cell(y0); cy <= Cell(y1); cy++)
                        {
                            if (!_cells.TryGetValue((cx, cy), out var list))
                            {
                                _cells[(cx, cy)] = list = [];
                            }

                            list.Add(index);
                        }
                    }
                }
            }
        }

        public (int A, int B, int Way) this[int segment] => _segments[segment];

        /// <summary>The nearest segment to a point within <see cref="MaximumPoiDistanceMeters"/> (−1 if none), the fraction along it and the distance.</summary>
        public (int Segment, double Fraction, double Meters) Nearest(double x, double y)
        {
            var (best, bestT, bestMeters) = (-1, 0.0, double.PositiveInfinity);
            var reach = (int)Math.Ceiling(MaximumPoiDistanceMeters / CellMeters);
            for (var cx = Cell(x) - reach; cx <= Cell(x) + reach; cx++)
            {
                for (var cy = Cell(y) - reach; cy <= Cell(y) + reach; cy++)
                {
                    if (!_cells.TryGetValue((cx, cy), out var list))
                    {
                        continue;
                    }

                    foreach (var s in list)
                    {
                        var (a, b, _) = _segments[s];
                        var (ax, ay, bx, by) = (_builder.X(a), _builder.Y(a), _builder.X(b), _builder.Y(b));
                        var (dx, dy) = (bx - ax, by - ay);
                        var squared = dx * dx + dy * dy;
                        var t = squared < 1e-9 ? 0 : Math.Clamp(((x - ax) * dx + (y - ay) * dy) / squared, 0, 1);
                        var meters = Math.Sqrt(Math.Pow(ax + dx * t - x, 2) + Math.Pow(ay + dy * t - y, 2));

                        // Ties go to the lower segment index, whatever order the cells are visited in.
                        if (meters < bestMeters || (meters == bestMeters && s < best))
                        {
                            (best, bestT, bestMeters) = (s, t, meters);
                        }
                    }
                }
            }

            return (best, bestT, bestMeters);
        }

        /// <summary>The segments of the first road classes present (else every segment), with cumulative lengths for choosing by length.</summary>
        public (int[] Segments, double[] Cumulative) Choose(params RoadClass[] classes)
        {
            var chosen = Enumerable.Range(0, _segments.Count)
                .Where(s => _builder._ways[_segments[s].Way].RoadClass is { } c && classes.Contains(c)).ToArray();
            if (chosen.Length == 0)
            {
                chosen = [.. Enumerable.Range(0, _segments.Count)];
            }

            var cumulative = new double[chosen.Length];
            var total = 0.0;
            for (var k = 0; k < chosen.Length; k++)
            {
                var (a, b, _) = _segments[chosen[k]];
                total += Geodesy.DistanceMeters(_builder._latitudes[a], _builder._longitudes[a], _builder._latitudes[b], _builder._longitudes[b]);
                cumulative[k] = total;
            }

            return (chosen, cumulative);
        }

        private static int Cell(double meters) => (int)Math.Floor(meters / CellMeters);
    }

    /// <summary>Names for stops: the first street name at a road node.</summary>
    private sealed class StopNames
    {
        private readonly Dictionary<int, string> _names = [];

        public StopNames(MapCityBuilder builder)
        {
            foreach (var way in builder._ways.Where(w => w.Kind == WayKind.Road && w.Name.Length > 0))
            {
                foreach (var id in way.NodeIds)
                {
                    _names.TryAdd((int)id - 1, way.Name);
                }
            }
        }

        public string? Near(int node) => _names.GetValueOrDefault(node);
    }
}
