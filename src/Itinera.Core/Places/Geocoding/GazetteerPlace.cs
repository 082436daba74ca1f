namespace Itinera.Core.Places.Geocoding;

/// <summary>A populated place from the GeoNames <c>cities15000</c> table.</summary>
/// <param name="GeoNameId">GeoNames id (column 1).</param>
/// <param name="Name">The GeoNames name in UTF-8, usually the local name in Latin script (column 2).</param>
/// <param name="AsciiName">The name in plain ASCII (column 3).</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code (column 9).</param>
/// <param name="CountryName">English country name from <c>countryInfo.tsv</c>; null when the code is not listed.</param>
/// <param name="Admin1Name">First-level administrative division (state, province, region) from <c>regionInfo.tsv</c>; null when unknown.</param>
/// <param name="Population">Population as given by GeoNames (column 15).</param>
/// <param name="FeatureCode">GeoNames feature code: PPLC (capital), PPLA…PPLA5 (seat of an administrative division), PPL, PPLX (section of a place)…</param>
/// <param name="TimeZoneId">IANA time zone id (column 18); null when GeoNames gives none.</param>
/// <param name="Latitude">Degrees (WGS 84).</param>
/// <param name="Longitude">Degrees (WGS 84).</param>
/// <param name="CityType">"city", "town" or "village"; see <see cref="CityTypes.Classify"/>.</param>
public sealed record GazetteerPlace(
    int GeoNameId,
    string Name,
    string AsciiName,
    string CountryCode,
    string? CountryName,
    string? Admin1Name,
    long Population,
    string FeatureCode,
    string? TimeZoneId,
    double Latitude,
    double Longitude,
    string CityType);

/// <summary>
/// The coarse settlement type of a <see cref="GazetteerPlace"/>, derived only from its GeoNames feature code and
/// population: a national capital (PPLC) or any place with at least 100,000 inhabitants is a <see cref="City"/>; any
/// other place with at least 15,000 inhabitants is a <see cref="Town"/>; anything smaller is a <see cref="Village"/>
/// (in <c>cities15000</c> only four small seats of government, feature code PPLG).
/// </summary>
public static class CityTypes
{
    /// <summary>National capital, or population ≥ 100,000.</summary>
    public const string City = "city";

    /// <summary>Population ≥ 15,000 (and not a city).</summary>
    public const string Town = "town";

    /// <summary>Population below 15,000 (and not a national capital).</summary>
    public const string Village = "village";

    /// <summary>Population from which a place is a <see cref="City"/>.</summary>
    public const long CityMinPopulation = 100_000;

    /// <summary>Population from which a place is a <see cref="Town"/>.</summary>
    public const long TownMinPopulation = 15_000;

    /// <summary>Applies the rule described on <see cref="CityTypes"/>.</summary>
    public static string Classify(string featureCode, long population)
    {
        ArgumentNullException.ThrowIfNull(featureCode);
        if (population >= CityMinPopulation || string.Equals(featureCode, "PPLC", StringComparison.Ordinal))
        {
            return City;
        }

        return population >= TownMinPopulation ? Town : Village;
    }
}
