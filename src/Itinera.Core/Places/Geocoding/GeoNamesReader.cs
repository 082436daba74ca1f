using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Itinera.Core.Places.Geocoding;

/// <summary>Parses the GeoNames dump files a <see cref="Gazetteer"/> is built from.</summary>
internal static class GeoNamesReader
{
    /// <summary>Columns of the GeoNames "geoname" table (cities15000.txt), zero-based.</summary>
    private const int ColumnCount = 19;
    private const int IdColumn = 0;
    private const int NameColumn = 1;
    private const int AsciiNameColumn = 2;
    private const int LatitudeColumn = 4;
    private const int LongitudeColumn = 5;
    private const int FeatureCodeColumn = 7;
    private const int CountryCodeColumn = 8;
    private const int Admin1Column = 10;
    private const int PopulationColumn = 14;
    private const int TimeZoneColumn = 17;
    private const int MaxRegionKeyLength = 64;

    /// <summary>Reads <c>countryInfo.tsv</c>: ISO alpha-2 code (column 1) → country name (column 5); '#' lines are comments.</summary>
    public static Dictionary<string, string> ReadCountries(string path)
    {
        var countries = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadTable(path, minColumns: 5, (columns, line) =>
        {
            var name = line[columns[4]].Trim();
            if (name.Length > 0)
            {
                countries[line[columns[0]].Trim().ToString()] = name.ToString();
            }
        });
        return countries;
    }

    /// <summary>
    /// Reads <c>regionInfo.tsv</c> (GeoNames admin1CodesASCII.txt): <c>CC.ADM1</c> code → name (columns 1 and 2);
    /// '#' lines are comments.
    /// </summary>
    public static Dictionary<string, string> ReadRegions(string path)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadTable(path, minColumns: 2, (columns, line) =>
        {
            var name = line[columns[1]].Trim();
            if (name.Length > 0)
            {
                regions[line[columns[0]].Trim().ToString()] = name.ToString();
            }
        });
        return regions;
    }

    /// <summary>Reads the places of the GeoNames table inside <paramref name="zipPath"/>.</summary>
    public static List<GazetteerPlace> ReadPlaces(
        string zipPath,
        Dictionary<string, string> countries,
        Dictionary<string, string> regions)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var entry = FindEntry(archive, zipPath);
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var poolLookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var countryLookup = countries.GetAlternateLookup<ReadOnlySpan<char>>();
        var regionLookup = regions.GetAlternateLookup<ReadOnlySpan<char>>();

        var places = new List<GazetteerPlace>(capacity: 40_000);
        Span<Range> columns = stackalloc Range[ColumnCount + 1];
        Span<char> regionKey = stackalloc char[MaxRegionKeyLength];
        var lineNumber = 0;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            var line = text.AsSpan();
            if (line.IsWhiteSpace() || line[0] == '#')
            {
                continue;
            }

            if (line.Split(columns, '\t') < ColumnCount)
            {
                throw Invalid(zipPath, entry.FullName, lineNumber, $"expected {ColumnCount} tab-separated columns");
            }

            if (!int.TryParse(line[columns[IdColumn]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                || !double.TryParse(line[columns[LatitudeColumn]], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(line[columns[LongitudeColumn]], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                || latitude is < -90 or > 90 or double.NaN
                || longitude is < -180 or > 180 or double.NaN)
            {
                throw Invalid(zipPath, entry.FullName, lineNumber, "bad geonameid, latitude or longitude");
            }

            var populationText = line[columns[PopulationColumn]];
            long population = 0;
            if (!populationText.IsEmpty
                && !long.TryParse(populationText, NumberStyles.Integer, CultureInfo.InvariantCulture, out population))
            {
                throw Invalid(zipPath, entry.FullName, lineNumber, "bad population");
            }

            var countryCode = line[columns[CountryCodeColumn]];
            var admin1 = line[columns[Admin1Column]];
            string? admin1Name = null;
            if (!countryCode.IsEmpty && !admin1.IsEmpty && countryCode.Length + 1 + admin1.Length <= MaxRegionKeyLength)
            {
                countryCode.CopyTo(regionKey);
                regionKey[countryCode.Length] = '.';
                admin1.CopyTo(regionKey[(countryCode.Length + 1)..]);
                regionLookup.TryGetValue(regionKey[..(countryCode.Length + 1 + admin1.Length)], out admin1Name);
            }

            countryLookup.TryGetValue(countryCode, out var countryName);
            var featureCode = Intern(poolLookup, line[columns[FeatureCodeColumn]]);
            var timeZone = line[columns[TimeZoneColumn]];
            places.Add(new GazetteerPlace(
                id,
                line[columns[NameColumn]].ToString(),
                line[columns[AsciiNameColumn]].ToString(),
                Intern(poolLookup, countryCode),
                countryName,
                admin1Name,
                population,
                featureCode,
                timeZone.IsEmpty ? null : Intern(poolLookup, timeZone),
                latitude,
                longitude,
                CityTypes.Classify(featureCode, population)));
        }

        return places;
    }

    private static ZipArchiveEntry FindEntry(ZipArchive archive, string zipPath)
    {
        var expected = Path.ChangeExtension(Path.GetFileName(zipPath), ".txt");
        ZipArchiveEntry? onlyText = null;
        var textEntries = 0;
        foreach (var entry in archive.Entries)
        {
            if (string.Equals(entry.Name, expected, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }

            if (entry.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            {
                onlyText = entry;
                textEntries++;
            }
        }

        return textEntries == 1
            ? onlyText!
            : throw new InvalidDataException($"{zipPath} does not contain {expected} (the GeoNames table).");
    }

    private static string Intern(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> pool, ReadOnlySpan<char> value)
    {
        if (!pool.TryGetValue(value, out var interned))
        {
            interned = value.ToString();
            pool[value] = interned;
        }

        return interned;
    }

    private delegate void RowAction(ReadOnlySpan<Range> columns, ReadOnlySpan<char> line);

    private static void ReadTable(string path, int minColumns, RowAction row)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        Span<Range> columns = stackalloc Range[minColumns + 1];
        var lineNumber = 0;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            var line = text.AsSpan();
            if (line.IsWhiteSpace() || line[0] == '#')
            {
                continue;
            }

            var count = line.Split(columns, '\t');
            if (count < minColumns)
            {
                throw Invalid(path, null, lineNumber, $"expected at least {minColumns} tab-separated columns");
            }

            row(columns[..count], line);
        }
    }

    private static InvalidDataException Invalid(string path, string? entry, int lineNumber, string problem) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"{path}{(entry is null ? "" : "!" + entry)} line {lineNumber}: {problem}."));
}
