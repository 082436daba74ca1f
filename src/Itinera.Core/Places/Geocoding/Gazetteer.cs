namespace Itinera.Core.Places.Geocoding;

/// <summary>
/// An offline reverse geocoder over the GeoNames <c>cities15000</c> table (every place with at least 15,000
/// inhabitants, plus capitals): the nearest populated place to a position, with its country, first-level region and
/// IANA time zone. Built once from a folder holding <see cref="CitiesFileName"/>, <see cref="CountriesFileName"/> and
/// <see cref="RegionsFileName"/> (see docs/gazetteer.md); immutable and safe for concurrent use afterwards. Lookups use
/// a 0.5° grid and take microseconds. Data: GeoNames.org, CC BY 4.0.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>The GeoNames table of places, zipped as GeoNames distributes it.</summary>
    public const string CitiesFileName = "cities15000.zip";

    /// <summary>GeoNames <c>countryInfo.txt</c>: ISO code → country name.</summary>
    public const string CountriesFileName = "countryInfo.tsv";

    /// <summary>GeoNames <c>admin1CodesASCII.txt</c>: <c>CC.ADM1</c> code → region name.</summary>
    public const string RegionsFileName = "regionInfo.tsv";

    /// <summary>Default search radius of <see cref="Nearest(double, double, double)"/>: a position farther from every listed place has no address.</summary>
    public const double DefaultMaxDistanceMeters = 30_000;

    /// <summary>Search radius of <see cref="TimeZoneAt"/>.</summary>
    public const double TimeZoneMaxDistanceMeters = 300_000;

    private readonly PlaceGrid _grid;

    private Gazetteer(IReadOnlyList<GazetteerPlace> places)
    {
        _grid = new PlaceGrid(places);
    }

    /// <summary>Number of places.</summary>
    public int Count => _grid.Count;

    /// <summary>All places (in index order, not file order).</summary>
    public IReadOnlyList<GazetteerPlace> Places => _grid.Places;

    /// <summary>Loads the gazetteer files from <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">One of the three files is missing (the message names every missing file).</exception>
    /// <exception cref="InvalidDataException">A file is not in the expected GeoNames format.</exception>
    public static Gazetteer Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Gazetteer folder '{folder}' does not exist. See docs/gazetteer.md.");
        }

        var citiesPath = Path.Combine(folder, CitiesFileName);
        var countriesPath = Path.Combine(folder, CountriesFileName);
        var regionsPath = Path.Combine(folder, RegionsFileName);
        var missing = new[] { citiesPath, countriesPath, regionsPath }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"Gazetteer folder '{folder}' lacks {string.Join(", ", missing.Select(Path.GetFileName))}. "
                + $"It needs {CitiesFileName} (GeoNames cities15000.zip), {CountriesFileName} (GeoNames countryInfo.txt) and "
                + $"{RegionsFileName} (GeoNames admin1CodesASCII.txt); see docs/gazetteer.md.",
                missing[0]);
        }

        var countries = GeoNamesReader.ReadCountries(countriesPath);
        var regions = GeoNamesReader.ReadRegions(regionsPath);
        return new Gazetteer(GeoNamesReader.ReadPlaces(citiesPath, countries, regions));
    }

    /// <summary>
    /// Loads the gazetteer when <paramref name="folder"/> is set and exists; returns null when it is null, empty or
    /// missing (the server then runs without addresses). A folder that exists but lacks files or holds malformed files
    /// is a configuration error and throws as <see cref="Load"/> does.
    /// </summary>
    public static Gazetteer? TryLoad(string? folder) =>
        string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder) ? null : Load(folder);

    /// <summary>Builds a gazetteer from places already in memory (tests, custom sources).</summary>
    public static Gazetteer FromPlaces(IEnumerable<GazetteerPlace> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        var list = places.ToList();
        if (list.Exists(place => place is null || !IsValid(place.Latitude, place.Longitude)))
        {
            throw new ArgumentException("Every place needs a latitude in [-90, 90] and a finite longitude.", nameof(places));
        }

        return new Gazetteer(list);
    }

    /// <summary>
    /// The nearest place (great-circle distance) to the position, or null when none lies within
    /// <paramref name="maxDistanceMeters"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The latitude is not in [-90, 90], the longitude is not finite or the radius is negative.</exception>
    public GazetteerPlace? Nearest(double latitude, double longitude, double maxDistanceMeters = DefaultMaxDistanceMeters) =>
        Nearest(latitude, longitude, maxDistanceMeters, out _);

    /// <summary>As <see cref="Nearest(double, double, double)"/>, also giving the distance (NaN when nothing is found).</summary>
    public GazetteerPlace? Nearest(double latitude, double longitude, double maxDistanceMeters, out double distanceMeters)
    {
        if (latitude is < -90 or > 90 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be in [-90, 90].");
        }

        if (!double.IsFinite(longitude))
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be finite.");
        }

        if (maxDistanceMeters is < 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDistanceMeters), maxDistanceMeters, "The radius must not be negative.");
        }

        return _grid.Nearest(latitude, longitude, maxDistanceMeters, out distanceMeters);
    }

    /// <summary>
    /// The IANA time zone of the nearest place within <see cref="TimeZoneMaxDistanceMeters"/>, or null (open sea, polar
    /// regions). Meant for deriving a user's time zone from a position when the phone did not send one; near a zone
    /// border the nearest town may lie on the other side.
    /// </summary>
    public string? TimeZoneAt(double latitude, double longitude) =>
        Nearest(latitude, longitude, TimeZoneMaxDistanceMeters)?.TimeZoneId;

    private static bool IsValid(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && double.IsFinite(longitude);
}
