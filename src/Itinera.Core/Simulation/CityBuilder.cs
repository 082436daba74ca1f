namespace Itinera.Core.Simulation;

/// <summary>
/// Generates a <see cref="SyntheticCity"/> from a seed. Works in local metres (x east, y north) around the centre
/// and converts to latitude/longitude once per node. Every random draw comes from one generator in a fixed order,
/// so the same seed always yields the same city.
/// </summary>
internal sealed class CityBuilder
{
    private const int CityIntervals = 24;
    private const double CitySpacingMeters = 250;
    private const double NodeJitterMeters = 25;
    private const int TownIntervals = 8;
    private const double TownSpacingMeters = 250;
    private const int CoastIntervalsX = 6;
    private const int CoastIntervalsY = 4;

    private readonly SimulationRandom _random;
    private readonly double _centreLatitude;
    private readonly double _centreLongitude;
    private readonly double _metersPerDegreeLongitude;
    private readonly List<double> _x = [];
    private readonly List<double> _y = [];
    private readonly List<CityWay> _ways = [];
    private readonly List<PendingPoi> _pois = [];
    private readonly List<PendingLine> _lines = [];
    private readonly string[] _namesakes;
    private int _nameCursor;

    public CityBuilder(int seed, double centreLatitude, double centreLongitude)
    {
        _random = new SimulationRandom(seed, 0x0C17);
        _centreLatitude = centreLatitude;
        _centreLongitude = centreLongitude;
        _metersPerDegreeLongitude = Geodesy.MetersPerDegreeLongitude(centreLatitude);
        _namesakes = [.. CityNames.Namesakes];
        Shuffle(_namesakes);
    }

    public SyntheticCity Build(int seed)
    {
        // The main city: a jittered grid with a primary ring and arterial, secondary avenues every 1.5 km,
        // tertiary roads in between and residential streets, one-way near the centre.
        var city = AddGrid(CityArea.City, 0, 0, CityIntervals, CityIntervals, CitySpacingMeters, CityLineClass, CityOneway);

        // The town and the coast, placed by seed.
        var townBearing = _random.Uniform(40, 80) * Math.PI / 180;
        var townDistance = _random.Uniform(25_000, 35_000);
        var (townX, townY) = (townDistance * Math.Sin(townBearing), townDistance * Math.Cos(townBearing));
        var town = AddGrid(CityArea.Town, townX, townY, TownIntervals, TownIntervals, TownSpacingMeters, TownLineClass, static (_, _) => false);
        var coastBearing = townBearing + _random.Uniform(5, 20) * Math.PI / 180;
        var coastDistance = _random.Uniform(95_000, 110_000);
        var (coastX, coastY) = (coastDistance * Math.Sin(coastBearing), coastDistance * Math.Cos(coastBearing));
        var coast = AddGrid(CityArea.Coast, coastX, coastY, CoastIntervalsX, CoastIntervalsY, TownSpacingMeters, CoastLineClass, static (_, _) => false);
        var townName = CityNames.TownNames[_random.Next(CityNames.TownNames.Length)];
        var coastName = CityNames.CoastNames[_random.Next(CityNames.CoastNames.Length)];

        // Motorway and rural road city → town → coast.
        var cityExit = NearestPerimeterNode(city, townX, townY, 0);
        var townEntry = NearestPerimeterNode(town, 0, 0, 0);
        AddCountryRoad(cityExit, townEntry, RoadClass.Motorway, 120, "E40", 1500, 500);
        var townExit = NearestPerimeterNode(town, coastX, coastY, 0);
        var coastEntry = NearestPerimeterNode(coast, townX, townY, 0);
        AddCountryRoad(townExit, coastEntry, RoadClass.Motorway, 120, "E40", 2000, 1500);
        var ruralCityExit = NearestPerimeterNode(city, townX, townY, 1200);
        var ruralTownEntry = NearestPerimeterNode(town, 0, 0, 600);
        AddCountryRoad(ruralCityExit, ruralTownEntry, RoadClass.Primary, 90, "N2", 1500, 900);
        var ruralTownExit = NearestPerimeterNode(town, coastX, coastY, 600);
        var ruralCoastEntry = NearestPerimeterNode(coast, townX, townY, 500);
        AddCountryRoad(ruralTownExit, ruralCoastEntry, RoadClass.Primary, 90, "N2", 2500, 2500);

        AddCityTransit(city);
        AddRailway(townX, townY, coastX, coastY, townName, coastName);
        AddPois(city, town, coast);

        return Materialize(seed, townName, coastName, (townX, townY), (coastX, coastY));
    }

    private static (RoadClass Class, int SpeedKmh) CityLineClass(bool row, int k) => k switch
    {
        0 or CityIntervals => (RoadClass.Primary, 70),
        CityIntervals / 2 => (RoadClass.Primary, 50),
        _ when k % 6 == 3 => (RoadClass.Secondary, 50),
        _ when k % 2 == 1 => (RoadClass.Tertiary, 50),
        _ => (RoadClass.Residential, 30),
    };

    private static bool CityOneway(bool row, int k) =>
        row && CityLineClass(row, k).Class == RoadClass.Residential && Math.Abs(k - CityIntervals / 2) <= 6;

    private static (RoadClass Class, int SpeedKmh) TownLineClass(bool row, int k) => k switch
    {
        TownIntervals / 2 => (RoadClass.Secondary, 50),
        0 or TownIntervals => (RoadClass.Tertiary, 50),
        _ => (RoadClass.Residential, 30),
    };

    private static (RoadClass Class, int SpeedKmh) CoastLineClass(bool row, int k) =>
        row && k == 0 ? (RoadClass.Tertiary, 50) : (RoadClass.Residential, 30);

    private Grid AddGrid(
        CityArea area, double centreX, double centreY, int intervalsX, int intervalsY, double spacing,
        Func<bool, int, (RoadClass Class, int SpeedKmh)> lineClass, Func<bool, int, bool> oneway)
    {
        var grid = new Grid(area, centreX - intervalsX * spacing / 2, centreY - intervalsY * spacing / 2, spacing, intervalsX, intervalsY);
        for (var j = 0; j <= intervalsY; j++)
        {
            for (var i = 0; i <= intervalsX; i++)
            {
                var jitter = i == 0 || j == 0 || i == intervalsX || j == intervalsY ? NodeJitterMeters / 2 : NodeJitterMeters;
                grid.Nodes[i, j] = AddNode(
                    grid.OriginX + i * spacing + _random.Uniform(-jitter, jitter),
                    grid.OriginY + j * spacing + _random.Uniform(-jitter, jitter));
            }
        }

        for (var j = 0; j <= intervalsY; j++)
        {
            var (roadClass, speed) = lineClass(true, j);
            var name = NextStreetName(roadClass);
            grid.RowNames[j] = name;
            var nodes = Enumerable.Range(0, intervalsX + 1).Select(i => grid.Nodes[i, j]).ToList();
            var isOneway = oneway(true, j);
            if (isOneway && (j / 2) % 2 == 1)
            {
                nodes.Reverse();
            }

            AddWay(WayKind.Road, roadClass, speed, name, isOneway, nodes);
        }

        for (var i = 0; i <= intervalsX; i++)
        {
            var (roadClass, speed) = lineClass(false, i);
            var name = NextStreetName(roadClass);
            grid.ColumnNames[i] = name;
            var nodes = Enumerable.Range(0, intervalsY + 1).Select(j => grid.Nodes[i, j]).ToList();
            AddWay(WayKind.Road, roadClass, speed, name, oneway(false, i), nodes);
        }

        return grid;
    }

    private string NextStreetName(RoadClass roadClass)
    {
        var namesake = _namesakes[_nameCursor % _namesakes.Length];
        var suffix = _nameCursor >= _namesakes.Length ? " II" : string.Empty;
        _nameCursor++;
        return $"{CityNames.StreetType(roadClass)} des {namesake}{suffix}";
    }

    /// <summary>The perimeter node of a grid nearest to a target point, at least <paramref name="avoidMeters"/> from the nearest one.</summary>
    private int NearestPerimeterNode(Grid grid, double targetX, double targetY, double avoidMeters)
    {
        var perimeter = new List<int>();
        for (var j = 0; j <= grid.IntervalsY; j++)
        {
            for (var i = 0; i <= grid.IntervalsX; i++)
            {
                if (i == 0 || j == 0 || i == grid.IntervalsX || j == grid.IntervalsY)
                {
                    perimeter.Add(grid.Nodes[i, j]);
                }
            }
        }

        var ordered = perimeter.OrderBy(n => Distance(_x[n], _y[n], targetX, targetY)).ThenBy(n => n).ToList();
        var nearest = ordered[0];
        return ordered.First(n => Distance(_x[n], _y[n], _x[nearest], _y[nearest]) >= avoidMeters);
    }

    private void AddCountryRoad(int from, int to, RoadClass roadClass, int speedKmh, string name, double stepMeters, double wiggleMeters)
    {
        var (x0, y0, x1, y1) = (_x[from], _y[from], _x[to], _y[to]);
        var length = Distance(x0, y0, x1, y1);
        var steps = Math.Max(1, (int)Math.Ceiling(length / stepMeters));
        var (nx, ny) = (-(y1 - y0) / length, (x1 - x0) / length);
        var amplitude = wiggleMeters * _random.Uniform(0.5, 1.0) * (_random.Chance(0.5) ? 1 : -1);
        var nodes = new List<int> { from };
        for (var s = 1; s < steps; s++)
        {
            var t = (double)s / steps;
            var offset = amplitude * Math.Sin(Math.PI * t * 2);
            nodes.Add(AddNode(x0 + (x1 - x0) * t + nx * offset, y0 + (y1 - y0) * t + ny * offset));
        }

        nodes.Add(to);
        AddWay(WayKind.Road, roadClass, speedKmh, name, false, nodes);
    }

    private void AddCityTransit(Grid city)
    {
        var n = CityIntervals;

        // Trams run on the street along two secondary avenues; their tracks share the road nodes.
        AddStreetLine(city, TransitKind.Tram, "T1", Row(city, 9, 0, n), 50);
        AddStreetLine(city, TransitKind.Tram, "T2", Column(city, 15, 0, n), 50);

        // Buses along the other secondary avenues and an L-shaped route over the arterial.
        AddStreetLine(city, TransitKind.Bus, "12", Row(city, 3, 0, n), 50);
        AddStreetLine(city, TransitKind.Bus, "27", Column(city, 3, 0, n), 50);
        AddStreetLine(city, TransitKind.Bus, "38", Row(city, 21, 0, n), 50);
        AddStreetLine(city, TransitKind.Bus, "41", Column(city, 21, 0, n), 50);
        AddStreetLine(city, TransitKind.Bus, "59", [.. Row(city, 15, 0, n / 2), .. Column(city, n / 2, 14, 3)], 50);

        // One underground metro line crossing the city diagonally.
        var metro = AddTrackPolyline(
            [(-2700, 2300), (-900, 700), (200, -100), (1200, -1300), (2500, -2600)], 200, static (_, _) => 80);
        var stations = StationsEvery(metro.Cumulative, 800);
        _lines.Add(new PendingLine(TransitKind.Subway, "M1", "Metro M1", metro.Nodes, metro.SpeedsKmh,
            stations, [.. stations.Select(index => $"Metro {_namesakes[(index * 7 + 3) % _namesakes.Length]}")],
            WayKind.Subway, 80));
    }

    private void AddRailway(double townX, double townY, double coastX, double coastY, string townName, string coastName)
    {
        var stationsAt = new List<(double X, double Y)>
        {
            (-2600, -400),
            (150, -180),
            (1900, 1200),
            (townX - 200, townY - 150),
            (coastX, coastY + 150),
        };
        var controls = new List<(double X, double Y)> { stationsAt[0], (-1200, -300), stationsAt[1], (1000, 500), stationsAt[2] };
        controls.Add(((stationsAt[2].X + stationsAt[3].X) / 2 + 700, (stationsAt[2].Y + stationsAt[3].Y) / 2 - 700));
        controls.Add(stationsAt[3]);
        controls.Add(((stationsAt[3].X + stationsAt[4].X) / 2 - 2000, (stationsAt[3].Y + stationsAt[4].Y) / 2 + 2000));
        controls.Add(stationsAt[4]);
        var track = AddTrackPolyline(controls, 500, (x, y) =>
            Distance(x, y, 0, 0) < 3400 || Distance(x, y, townX, townY) < 1800 || Distance(x, y, coastX, coastY) < 1500 ? 80 : 140);
        var stations = stationsAt
            .Select(station => Enumerable.Range(0, track.Nodes.Count)
                .OrderBy(i => Distance(_x[track.Nodes[i]], _y[track.Nodes[i]], station.X, station.Y)).First())
            .ToList();
        string[] names = ["Gare de l'Ouest", "Gare Centrale", "Gare du Nord-Est", $"{townName} Station", $"{coastName} Station"];
        _lines.Add(new PendingLine(TransitKind.Train, "IC1", $"IC1 Centrale - {coastName}", track.Nodes, track.SpeedsKmh,
            stations, names, WayKind.Rail, 140));
    }

    private void AddStreetLine(Grid grid, TransitKind kind, string lineRef, List<(int Node, int CrossStreetIndex, bool Row)> path, int topSpeedKmh)
    {
        var nodes = path.Select(p => p.Node).ToList();
        var stops = new List<int>();
        for (var i = 0; i < nodes.Count; i += 2)
        {
            stops.Add(i);
        }

        if (stops[^1] != nodes.Count - 1)
        {
            stops.Add(nodes.Count - 1);
        }

        var names = stops.Select(i =>
        {
            var cross = path[i].Row ? grid.ColumnNames[path[i].CrossStreetIndex] : grid.RowNames[path[i].CrossStreetIndex];
            return cross[(cross.IndexOf(" des ", StringComparison.Ordinal) + 5)..];
        }).ToArray();
        var name = kind == TransitKind.Tram ? $"Tram {lineRef}" : $"Bus {lineRef}";
        _lines.Add(new PendingLine(kind, lineRef, name, nodes, null, stops, names,
            kind == TransitKind.Tram ? WayKind.Tram : WayKind.Road, topSpeedKmh));
    }

    private static List<(int Node, int CrossStreetIndex, bool Row)> Row(Grid grid, int j, int fromI, int toI)
    {
        var step = toI >= fromI ? 1 : -1;
        var result = new List<(int, int, bool)>();
        for (var i = fromI; i != toI + step; i += step)
        {
            result.Add((grid.Nodes[i, j], i, true));
        }

        return result;
    }

    private static List<(int Node, int CrossStreetIndex, bool Row)> Column(Grid grid, int i, int fromJ, int toJ)
    {
        var step = toJ >= fromJ ? 1 : -1;
        var result = new List<(int, int, bool)>();
        for (var j = fromJ; j != toJ + step; j += step)
        {
            result.Add((grid.Nodes[i, j], j, false));
        }

        return result;
    }

    private (List<int> Nodes, List<double> Cumulative, List<int> SpeedsKmh) AddTrackPolyline(
        List<(double X, double Y)> controls, double stepMeters, Func<double, double, int> speedAt)
    {
        var nodes = new List<int> { AddNode(controls[0].X, controls[0].Y) };
        var cumulative = new List<double> { 0 };
        var speeds = new List<int>();
        for (var c = 1; c < controls.Count; c++)
        {
            var (x0, y0) = controls[c - 1];
            var (x1, y1) = controls[c];
            var steps = Math.Max(1, (int)Math.Ceiling(Distance(x0, y0, x1, y1) / stepMeters));
            for (var s = 1; s <= steps; s++)
            {
                var t = (double)s / steps;
                var node = AddNode(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                var previous = nodes[^1];
                cumulative.Add(cumulative[^1] + Distance(_x[previous], _y[previous], _x[node], _y[node]));
                speeds.Add(speedAt((_x[previous] + _x[node]) / 2, (_y[previous] + _y[node]) / 2));
                nodes.Add(node);
            }
        }

        return (nodes, cumulative, speeds);
    }

    /// <summary>Indices of the path nodes nearest to evenly spaced points about <paramref name="spacingMeters"/> apart, ends included.</summary>
    internal static List<int> StationsEvery(IReadOnlyList<double> cumulative, double spacingMeters)
    {
        var total = cumulative[^1];
        var count = Math.Max(1, (int)Math.Round(total / spacingMeters));
        var stations = new List<int>();
        for (var k = 0; k <= count; k++)
        {
            var target = total * k / count;
            var index = Enumerable.Range(0, cumulative.Count).OrderBy(i => Math.Abs(cumulative[i] - target)).First();
            if (stations.Count == 0 || stations[^1] != index)
            {
                stations.Add(index);
            }
        }

        return stations;
    }

    private void AddPois(Grid city, Grid town, Grid coast)
    {
        var cityRadius = CityIntervals * CitySpacingMeters / 2;

        // Homes everywhere; shops, restaurants and culture concentrated towards the centre.
        AddPois(city, PoiCategory.Home, 600, () => Uniform(cityRadius));
        AddPois(city, PoiCategory.Office, 27, () => Central(1000, cityRadius));
        AddPois(city, PoiCategory.Office, 18, () => (_random.Uniform(1000, 2800), _random.Uniform(-2800, -1000)));
        AddPois(city, PoiCategory.University, 2, () => Central(1800, cityRadius));
        AddPois(city, PoiCategory.Hospital, 2, () => Central(2000, cityRadius));
        AddPois(city, PoiCategory.Restaurant, 45, () => Central(1200, cityRadius));
        AddPois(city, PoiCategory.Cafe, 22, () => Central(1000, cityRadius));
        AddPois(city, PoiCategory.Bar, 22, () => Central(900, cityRadius));
        AddPois(city, PoiCategory.FastFood, 14, () => Central(1500, cityRadius));
        AddPois(city, PoiCategory.Supermarket, 10, () => Central(2000, cityRadius));
        AddPois(city, PoiCategory.Clothes, 18, () => Central(700, cityRadius));
        AddPois(city, PoiCategory.Bakery, 14, () => Central(2000, cityRadius));
        AddPois(city, PoiCategory.FitnessCentre, 7, () => Central(1800, cityRadius));
        AddPois(city, PoiCategory.SportsCentre, 3, () => Uniform(cityRadius * 0.8));
        AddPois(city, PoiCategory.Park, 5, () => Uniform(cityRadius * 0.85));
        AddPois(city, PoiCategory.Museum, 7, () => Central(800, cityRadius));

        var townRadius = TownIntervals * TownSpacingMeters / 2;
        var (tx, ty) = (town.OriginX + townRadius, town.OriginY + townRadius);
        (double, double) InTown(double sigma) => Offset(tx, ty, Central(sigma, townRadius));
        AddPois(town, PoiCategory.Home, 150, () => Offset(tx, ty, Uniform(townRadius)));
        AddPois(town, PoiCategory.Office, 25, () => InTown(500));
        AddPois(town, PoiCategory.Restaurant, 8, () => InTown(500));
        AddPois(town, PoiCategory.Cafe, 4, () => InTown(500));
        AddPois(town, PoiCategory.Bar, 3, () => InTown(500));
        AddPois(town, PoiCategory.FastFood, 2, () => InTown(600));
        AddPois(town, PoiCategory.Supermarket, 2, () => InTown(800));
        AddPois(town, PoiCategory.Clothes, 3, () => InTown(400));
        AddPois(town, PoiCategory.Bakery, 2, () => InTown(600));
        AddPois(town, PoiCategory.FitnessCentre, 1, () => InTown(600));
        AddPois(town, PoiCategory.Park, 1, () => InTown(700));
        AddPois(town, PoiCategory.Museum, 2, () => InTown(400));

        var (cx, cy) = (coast.OriginX + CoastIntervalsX * TownSpacingMeters / 2, coast.OriginY + CoastIntervalsY * TownSpacingMeters / 2);
        (double, double) AtCoast() => (cx + _random.Uniform(-700, 700), cy + _random.Uniform(-450, 450));
        AddPois(coast, PoiCategory.Hotel, 5, AtCoast);
        AddPois(coast, PoiCategory.Restaurant, 8, AtCoast);
        AddPois(coast, PoiCategory.Cafe, 4, AtCoast);
        AddPois(coast, PoiCategory.Bar, 4, AtCoast);
        AddPois(coast, PoiCategory.FastFood, 2, AtCoast);
        AddPois(coast, PoiCategory.Beach, 2, () => (cx + _random.Uniform(-600, 600), coast.OriginY + 20));
        AddPois(coast, PoiCategory.Supermarket, 1, AtCoast);
        AddPois(coast, PoiCategory.Museum, 1, AtCoast);
        AddPois(coast, PoiCategory.Park, 1, AtCoast);
    }

    private void AddPois(Grid grid, PoiCategory category, int count, Func<(double X, double Y)> position)
    {
        var spur = category is PoiCategory.Supermarket or PoiCategory.University or PoiCategory.Hospital
            or PoiCategory.SportsCentre or PoiCategory.Hotel;
        for (var k = 0; k < count; k++)
        {
            var (x, y) = position();
            var withSpur = spur || (category == PoiCategory.Office && _random.Chance(0.5));
            PlaceOnBlockSide(grid, category, x, y, withSpur);
        }
    }

    private void PlaceOnBlockSide(Grid grid, PoiCategory category, double x, double y, bool withSpur)
    {
        var (ci, cj) = grid.CellOf(x, y);
        var u = Math.Clamp((x - grid.OriginX - ci * grid.Spacing) / grid.Spacing, 0, 1);
        var v = Math.Clamp((y - grid.OriginY - cj * grid.Spacing) / grid.Spacing, 0, 1);
        int a;
        int b;
        double t;
        string street;
        var sides = new[] { v, 1 - v, u, 1 - u };
        var side = Array.IndexOf(sides, sides.Min());
        switch (side)
        {
            case 0:
                (a, b, t, street) = (grid.Nodes[ci, cj], grid.Nodes[ci + 1, cj], u, grid.RowNames[cj]);
                break;
            case 1:
                (a, b, t, street) = (grid.Nodes[ci, cj + 1], grid.Nodes[ci + 1, cj + 1], u, grid.RowNames[cj + 1]);
                break;
            case 2:
                (a, b, t, street) = (grid.Nodes[ci, cj], grid.Nodes[ci, cj + 1], v, grid.ColumnNames[ci]);
                break;
            default:
                (a, b, t, street) = (grid.Nodes[ci + 1, cj], grid.Nodes[ci + 1, cj + 1], v, grid.ColumnNames[ci + 1]);
                break;
        }

        t = Math.Clamp(t, 0.15, 0.85);
        var sx = _x[a] + (_x[b] - _x[a]) * t;
        var sy = _y[a] + (_y[b] - _y[a]) * t;
        var corners = grid.CellCorners(ci, cj);
        var (mx, my) = (corners.Average(n => _x[n]), corners.Average(n => _y[n]));
        var toCentre = Distance(sx, sy, mx, my);
        var depth = withSpur ? _random.Uniform(60, 95) : _random.Uniform(15, 35);
        var px = sx + (mx - sx) / toCentre * depth;
        var py = sy + (my - sy) / toCentre * depth;
        var access = t < 0.5 ? a : b;
        var other = t < 0.5 ? b : a;
        var (entranceX, entranceY) = (sx, sy);
        if (withSpur)
        {
            var spurNode = AddNode(px + (sx - px) / depth * 6, py + (sy - py) / depth * 6);
            AddWay(WayKind.Road, RoadClass.Service, 20, $"Allee {street[(street.IndexOf(" des ", StringComparison.Ordinal) + 5)..]}", false, [access, spurNode]);
            access = spurNode;
            other = -1;
            (entranceX, entranceY) = (_x[spurNode], _y[spurNode]);
        }

        _pois.Add(new PendingPoi(category, grid.Area, px, py, access, street, _random.Next(1, 200))
        {
            EntranceX = entranceX,
            EntranceY = entranceY,
            OtherAccessNode = other,
        });
    }

    private (double X, double Y) Uniform(double radius) => (_random.Uniform(-radius, radius), _random.Uniform(-radius, radius));

    private (double X, double Y) Central(double sigma, double radius) =>
        (Math.Clamp(_random.Gaussian(0, sigma), -radius, radius), Math.Clamp(_random.Gaussian(0, sigma), -radius, radius));

    private static (double X, double Y) Offset(double x, double y, (double X, double Y) delta) => (x + delta.X, y + delta.Y);

    private int AddNode(double x, double y)
    {
        _x.Add(x);
        _y.Add(y);
        return _x.Count - 1;
    }

    private long AddWay(WayKind kind, RoadClass? roadClass, int speedKmh, string name, bool oneway, List<int> nodes)
    {
        var id = _ways.Count + 1L;
        _ways.Add(new CityWay(id, kind, roadClass, speedKmh, name, oneway, [.. nodes.Select(n => n + 1L)]));
        return id;
    }

    private SyntheticCity Materialize(int seed, string townName, string coastName, (double X, double Y) town, (double X, double Y) coast)
    {
        var nodeCount = _x.Count;
        var latitudes = new double[nodeCount];
        var longitudes = new double[nodeCount];
        for (var n = 0; n < nodeCount; n++)
        {
            (latitudes[n], longitudes[n]) = ToLatLon(_x[n], _y[n]);
        }

        var roads = new RoadGraph(latitudes, longitudes, _ways);
        var nextId = (long)nodeCount + 1;
        var pois = new List<PointOfInterest>(_pois.Count);
        var counters = new Dictionary<PoiCategory, int>();
        foreach (var pending in _pois)
        {
            counters[pending.Category] = counters.GetValueOrDefault(pending.Category) + 1;
            var (latitude, longitude) = ToLatLon(pending.X, pending.Y);
            var (entranceLatitude, entranceLongitude) = ToLatLon(pending.EntranceX, pending.EntranceY);
            var (name, tags) = PoiTags(pending.Category, pending.Street, pending.HouseNumber, counters[pending.Category]);
            pois.Add(new PointOfInterest(nextId++, pending.Category, name, latitude, longitude, pending.Area, tags)
            {
                AccessNode = pending.AccessNode,
                OtherAccessNode = pending.OtherAccessNode,
                EntranceLatitude = entranceLatitude,
                EntranceLongitude = entranceLongitude,
            });
        }

        var lines = new List<TransitLine>(_lines.Count);
        var relationId = 1L;
        foreach (var pending in _lines)
        {
            var wayIds = new List<long>();
            var nodeIds = pending.Nodes.Select(n => n + 1L).ToArray();
            double[] speeds;
            if (pending.WayKind is WayKind.Subway or WayKind.Rail)
            {
                speeds = [.. pending.SpeedsKmh!.Select(s => (double)s)];
                var start = 0;
                for (var s = 1; s <= speeds.Length; s++)
                {
                    if (s == speeds.Length || speeds[s] != speeds[start])
                    {
                        var tag = pending.WayKind == WayKind.Subway ? pending.Name : $"Ligne {pending.Ref}";
                        wayIds.Add(AddWay(pending.WayKind, null, (int)speeds[start], tag, false, pending.Nodes.GetRange(start, s - start + 1)));
                        start = s;
                    }
                }
            }
            else
            {
                speeds = new double[pending.Nodes.Count - 1];
                for (var s = 0; s < speeds.Length; s++)
                {
                    var edge = roads.FindEdge(pending.Nodes[s], pending.Nodes[s + 1]);
                    speeds[s] = Math.Min(pending.TopSpeedKmh, roads.EdgeSpeedKmh(edge));
                }

                if (pending.WayKind == WayKind.Tram)
                {
                    wayIds.Add(AddWay(WayKind.Tram, null, pending.TopSpeedKmh, pending.Name, false, pending.Nodes));
                }
                else
                {
                    wayIds.AddRange(RoadWaysAlong(pending.Nodes));
                }
            }

            var cumulative = new double[pending.Nodes.Count];
            for (var s = 1; s < cumulative.Length; s++)
            {
                cumulative[s] = cumulative[s - 1] + Geodesy.DistanceMeters(
                    latitudes[pending.Nodes[s - 1]], longitudes[pending.Nodes[s - 1]], latitudes[pending.Nodes[s]], longitudes[pending.Nodes[s]]);
            }

            var stops = new List<TransitStop>();
            for (var k = 0; k < pending.Stops.Count; k++)
            {
                var index = pending.Stops[k];
                var node = pending.Nodes[index];
                var offsetMeters = pending.WayKind is WayKind.Rail or WayKind.Subway ? 15 : 7;
                var (latitude, longitude) = ToLatLon(_x[node] + offsetMeters * 0.6, _y[node] + offsetMeters * 0.8);
                var access = pending.WayKind is WayKind.Rail or WayKind.Subway
                    ? roads.NearestNode(latitudes[node], longitudes[node], excludeMotorway: true)
                    : node;
                stops.Add(new TransitStop(nextId++, pending.StopNames[k], latitude, longitude, index, cumulative[index]) { AccessNode = access });
            }

            lines.Add(new TransitLine(relationId++, pending.Kind, pending.Ref, pending.Name, nodeIds, stops, wayIds, pending.TopSpeedKmh)
            {
                SegmentSpeedsKmh = speeds,
                CumulativeMeters = cumulative,
                PathNodes = [.. pending.Nodes],
            });
        }

        var nodes = new CityNode[nodeCount];
        for (var n = 0; n < nodeCount; n++)
        {
            nodes[n] = new CityNode(n + 1, latitudes[n], longitudes[n]);
        }

        var (townLatitude, townLongitude) = ToLatLon(town.X, town.Y);
        var (coastLatitude, coastLongitude) = ToLatLon(coast.X, coast.Y);
        return new SyntheticCity(seed, _centreLatitude, _centreLongitude, nodes, [.. _ways], pois, lines, roads)
        {
            TownName = townName,
            CoastName = coastName,
            TownLatitude = townLatitude,
            TownLongitude = townLongitude,
            CoastLatitude = coastLatitude,
            CoastLongitude = coastLongitude,
        };
    }

    private List<long> RoadWaysAlong(List<int> nodes)
    {
        var result = new List<long>();
        for (var s = 1; s < nodes.Count; s++)
        {
            var (a, b) = (nodes[s - 1] + 1L, nodes[s] + 1L);
            foreach (var way in _ways)
            {
                if (way.Kind != WayKind.Road)
                {
                    continue;
                }

                var ids = way.NodeIds;
                var contains = false;
                for (var k = 1; k < ids.Count && !contains; k++)
                {
                    contains = (ids[k - 1] == a && ids[k] == b) || (ids[k - 1] == b && ids[k] == a);
                }

                if (contains)
                {
                    if (result.Count == 0 || result[^1] != way.Id)
                    {
                        result.Add(way.Id);
                    }

                    break;
                }
            }
        }

        return result;
    }

    /// <summary>The generated name and OSM tags of the <paramref name="ordinal"/>-th POI of a category on a street.</summary>
    internal static (string Name, List<KeyValuePair<string, string>> Tags) PoiTags(PoiCategory category, string street, int houseNumber, int ordinal)
    {
        var poi = (Category: category, Street: street, HouseNumber: houseNumber);
        var word = CityNames.Words[(ordinal * 7 + (int)poi.Category * 3) % CityNames.Words.Length];
        var tags = new List<KeyValuePair<string, string>>();
        void Tag(string key, string value) => tags.Add(new KeyValuePair<string, string>(key, value));
        string name;
        switch (poi.Category)
        {
            case PoiCategory.Home:
                name = $"{poi.Street} {poi.HouseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                Tag("building", "residential");
                Tag("addr:street", poi.Street);
                Tag("addr:housenumber", poi.HouseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (name, tags);
            case PoiCategory.Office:
                name = $"{word} {CityNames.OfficeSuffixes[ordinal % CityNames.OfficeSuffixes.Length]}";
                Tag("office", "company");
                break;
            case PoiCategory.University:
                name = $"Universite {word}";
                Tag("amenity", "university");
                break;
            case PoiCategory.Hospital:
                name = $"Hopital {word}";
                Tag("amenity", "hospital");
                break;
            case PoiCategory.Restaurant:
                name = $"{CityNames.RestaurantPrefixes[ordinal % CityNames.RestaurantPrefixes.Length]} {word}";
                Tag("amenity", "restaurant");
                Tag("cuisine", CityNames.Cuisines[ordinal % CityNames.Cuisines.Length]);
                break;
            case PoiCategory.Cafe:
                name = $"Cafe {word}";
                Tag("amenity", "cafe");
                break;
            case PoiCategory.Bar:
                name = $"Bar {word}";
                Tag("amenity", "bar");
                break;
            case PoiCategory.FastFood:
                name = $"{word} Burger";
                Tag("amenity", "fast_food");
                break;
            case PoiCategory.Supermarket:
                var brand = CityNames.SupermarketBrands[ordinal % CityNames.SupermarketBrands.Length];
                name = $"{brand} {word}";
                Tag("shop", "supermarket");
                Tag("brand", brand);
                break;
            case PoiCategory.Clothes:
                name = $"Maison {word}";
                Tag("shop", "clothes");
                break;
            case PoiCategory.Bakery:
                name = $"Boulangerie {word}";
                Tag("shop", "bakery");
                break;
            case PoiCategory.FitnessCentre:
                name = $"{word} Fitness";
                Tag("leisure", "fitness_centre");
                break;
            case PoiCategory.SportsCentre:
                name = $"Sportcentrum {word}";
                Tag("leisure", "sports_centre");
                break;
            case PoiCategory.Park:
                name = $"Parc {word}";
                Tag("leisure", "park");
                break;
            case PoiCategory.Museum:
                name = $"Museum of {CityNames.MuseumSubjects[ordinal % CityNames.MuseumSubjects.Length]} {word}";
                Tag("tourism", "museum");
                break;
            case PoiCategory.Hotel:
                name = $"Hotel {word}";
                Tag("tourism", "hotel");
                break;
            case PoiCategory.Beach:
                name = $"Plage {word}";
                Tag("leisure", "beach_resort");
                break;
            default:
                throw new InvalidOperationException($"Unknown POI category {poi.Category}.");
        }

        Tag("name", name);
        Tag("addr:street", poi.Street);
        return (name, tags);
    }

    private (double Latitude, double Longitude) ToLatLon(double x, double y) =>
        (_centreLatitude + y / Geodesy.MetersPerDegreeLatitude, _centreLongitude + x / _metersPerDegreeLongitude);

    private static double Distance(double x0, double y0, double x1, double y1) =>
        Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));

    private void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed class Grid(CityArea area, double originX, double originY, double spacing, int intervalsX, int intervalsY)
    {
        public CityArea Area { get; } = area;

        public double OriginX { get; } = originX;

        public double OriginY { get; } = originY;

        public double Spacing { get; } = spacing;

        public int IntervalsX { get; } = intervalsX;

        public int IntervalsY { get; } = intervalsY;

        public int[,] Nodes { get; } = new int[intervalsX + 1, intervalsY + 1];

        public string[] RowNames { get; } = new string[intervalsY + 1];

        public string[] ColumnNames { get; } = new string[intervalsX + 1];

        public (int I, int J) CellOf(double x, double y) => (
            Math.Clamp((int)Math.Floor((x - OriginX) / Spacing), 0, IntervalsX - 1),
            Math.Clamp((int)Math.Floor((y - OriginY) / Spacing), 0, IntervalsY - 1));

        public int[] CellCorners(int i, int j) => [Nodes[i, j], Nodes[i + 1, j], Nodes[i, j + 1], Nodes[i + 1, j + 1]];
    }

    private sealed record PendingPoi(PoiCategory Category, CityArea Area, double X, double Y, int AccessNode, string Street, int HouseNumber)
    {
        public double EntranceX { get; init; } = X;

        public double EntranceY { get; init; } = Y;

        public int OtherAccessNode { get; init; } = -1;
    }

    private sealed record PendingLine(
        TransitKind Kind,
        string Ref,
        string Name,
        List<int> Nodes,
        List<int>? SpeedsKmh,
        List<int> Stops,
        string[] StopNames,
        WayKind WayKind,
        int TopSpeedKmh);
}
