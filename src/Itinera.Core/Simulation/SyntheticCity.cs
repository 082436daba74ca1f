namespace Itinera.Core.Simulation;

/// <summary>
/// A synthetic region generated from a seed: a city a few kilometres across (a jittered street grid with a
/// primary ring, avenues, tertiary and residential streets, some one-way, service roads to car parks), a town
/// 25–35 km away and a seaside resort about 100 km away, linked by a motorway and a rural road; a railway
/// through all three, an underground metro line, two tram lines and five bus routes with their stops; and about
/// 1,200 points of interest (homes, offices, restaurants, cafés, bars, shops, gyms, parks, museums, hotels).
/// </summary>
/// <remarks>
/// Invariants: node ids are 1..<c>Nodes.Count</c> (node id − 1 is the node's index); POI and stop ids follow
/// them; way and relation ids start at 1; every way references existing nodes; the road network is strongly
/// connected for cars, and connected for pedestrians and cyclists without motorways. Generation is deterministic:
/// the same seed and centre always give the same city. Instances are immutable and thread-safe.
/// </remarks>
public sealed class SyntheticCity
{
    /// <summary>Default centre latitude (Brussels), degrees.</summary>
    public const double DefaultCentreLatitude = 50.85;

    /// <summary>Default centre longitude (Brussels), degrees.</summary>
    public const double DefaultCentreLongitude = 4.35;

    /// <summary>Radius around the city centre where tall buildings degrade GPS ("urban canyon"), metres.</summary>
    internal const double UrbanCanyonRadiusMeters = 1300;

    private readonly Dictionary<(PoiCategory, CityArea), PointOfInterest[]> _byCategory;

    internal SyntheticCity(
        int seed, double centreLatitude, double centreLongitude, CityNode[] nodes, CityWay[] ways,
        List<PointOfInterest> pointsOfInterest, List<TransitLine> lines, RoadGraph roads)
    {
        Seed = seed;
        CentreLatitude = centreLatitude;
        CentreLongitude = centreLongitude;
        Nodes = nodes;
        Ways = ways;
        PointsOfInterest = pointsOfInterest;
        Lines = lines;
        Roads = roads;
        _byCategory = pointsOfInterest
            .GroupBy(poi => (poi.Category, poi.Area))
            .ToDictionary(group => group.Key, group => group.OrderBy(poi => poi.Id).ToArray());
        Routes = new RouteCache(this);
    }

    /// <summary>The seed the city was generated from.</summary>
    public int Seed { get; }

    public double CentreLatitude { get; }

    public double CentreLongitude { get; }

    /// <summary>Road and rail nodes (untagged OSM nodes), by id.</summary>
    public IReadOnlyList<CityNode> Nodes { get; }

    /// <summary>Roads, rails, tram tracks and the metro line, by id.</summary>
    public IReadOnlyList<CityWay> Ways { get; }

    /// <summary>Points of interest by id (ids follow the node ids).</summary>
    public IReadOnlyList<PointOfInterest> PointsOfInterest { get; }

    /// <summary>Bus, tram, metro and train lines, by relation id.</summary>
    public IReadOnlyList<TransitLine> Lines { get; }

    /// <summary>Name of the town 25–35 km from the centre.</summary>
    public string TownName { get; init; } = string.Empty;

    /// <summary>Name of the seaside resort about 100 km from the centre.</summary>
    public string CoastName { get; init; } = string.Empty;

    public double TownLatitude { get; init; }

    public double TownLongitude { get; init; }

    public double CoastLatitude { get; init; }

    public double CoastLongitude { get; init; }

    /// <summary>
    /// True for a generated city (with its town and coast); false for a city built from a map with
    /// <see cref="FromMap"/>, where the town and the coast are the city itself: asking for the POIs of
    /// <see cref="CityArea.Town"/> or <see cref="CityArea.Coast"/> gives those of <see cref="CityArea.City"/>.
    /// </summary>
    public bool HasOutlyingAreas { get; init; } = true;

    /// <summary>The OSM extract a map city was built from (its file name), or null for a generated city.</summary>
    public string? MapName { get; init; }

    internal RoadGraph Roads { get; }

    internal RouteCache Routes { get; }

    /// <summary>Generates the city for a seed around a centre (default Brussels, 50.85° N 4.35° E).</summary>
    public static SyntheticCity Generate(int seed, double centreLatitude = DefaultCentreLatitude, double centreLongitude = DefaultCentreLongitude)
    {
        if (centreLatitude is < -80 or > 80 || centreLongitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(centreLatitude), "The centre must be a latitude in [-80, 80] and a longitude in [-180, 180].");
        }

        return new CityBuilder(seed, centreLatitude, centreLongitude).Build(seed);
    }

    /// <summary>
    /// Builds the city on a real OSM extract (<c>.osm.pbf</c> or <c>.osm</c>): its drivable roads (the largest
    /// part every car can leave and reach), its points of interest and residential buildings, synthetic POIs
    /// next to real roads for the categories the map lacks, bus lines along its major roads and tram and metro
    /// lines along its tracks. Everything is in <see cref="CityArea.City"/> (see <see cref="HasOutlyingAreas"/>).
    /// The same file and seed always give the same city.
    /// </summary>
    /// <exception cref="InvalidDataException">When the extract has too few connected roads to simulate on.</exception>
    public static SyntheticCity FromMap(string path, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return MapCityBuilder.Build(path, seed);
    }

    /// <summary>The POIs of a category in an area, by ascending id.</summary>
    public IReadOnlyList<PointOfInterest> PoisOf(PoiCategory category, CityArea area) =>
        _byCategory.TryGetValue((category, AreaOf(area)), out var pois) ? pois : [];

    /// <summary>The area whose POIs stand for <paramref name="area"/>: itself, or the city when there are no outlying areas.</summary>
    internal CityArea AreaOf(CityArea area) => HasOutlyingAreas ? area : CityArea.City;

    /// <summary>The <paramref name="count"/> POIs of a category in an area nearest to a point (ties by id).</summary>
    internal List<PointOfInterest> Nearest(PoiCategory category, CityArea area, double latitude, double longitude, int count) =>
        [.. PoisOf(category, area)
            .OrderBy(poi => Geodesy.DistanceMeters(latitude, longitude, poi.Latitude, poi.Longitude))
            .ThenBy(poi => poi.Id)
            .Take(count)];

    /// <summary>True in the dense centre of the city, where GPS accuracy is worse.</summary>
    internal bool IsUrbanCanyon(double latitude, double longitude) =>
        Geodesy.DistanceMeters(latitude, longitude, CentreLatitude, CentreLongitude) < UrbanCanyonRadiusMeters;
}
