using System.Globalization;

namespace Itinera.Core.Maps;

/// <summary>Where a road's speed limit came from.</summary>
public enum SpeedLimitSource
{
    /// <summary>No limit is known (or the road has none, <c>maxspeed=none</c>).</summary>
    None,
    /// <summary>A numeric <c>maxspeed</c> tag (km/h, mph or knots converted to km/h).</summary>
    Tagged,
    /// <summary>An implicit value such as <c>FI:urban</c> resolved by the country's legal defaults.</summary>
    Implicit,
    /// <summary>No tag: the country's default for the road's highway class.</summary>
    CountryDefault,
}

/// <summary>A speed limit in km/h with its provenance.</summary>
public readonly record struct SpeedLimit(int? Kmh, SpeedLimitSource Source);

/// <summary>
/// Parses OSM <c>maxspeed</c> values and supplies legal defaults where a road has no tag. The tables follow the
/// OSM wiki's "Default speed limits" page for the countries listed; elsewhere the generic column applies
/// (docs/maps.md lists every value).
/// </summary>
public static class SpeedLimits
{
    private const double KmhPerMph = 1.609344;
    private const double KmhPerKnot = 1.852;

    // Implicit zone values per country: urban, rural, motorway, living_street (km/h; null = no general limit).
    private static readonly Dictionary<string, (int Urban, int Rural, int? Motorway, int LivingStreet)> Zones =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["FI"] = (50, 80, 120, 20),
            ["SE"] = (50, 70, 110, 7),
            ["NO"] = (50, 80, 110, 7),
            ["DK"] = (50, 80, 130, 15),
            ["DE"] = (50, 100, null, 7),
            ["AT"] = (50, 100, 130, 5),
            ["CH"] = (50, 80, 120, 20),
            ["FR"] = (50, 80, 130, 20),
            ["BE"] = (50, 70, 120, 20),
            ["NL"] = (50, 80, 100, 15),
            ["GB"] = (48, 96, 113, 32),
            ["IE"] = (50, 80, 120, 20),
            ["ES"] = (50, 90, 120, 20),
            ["IT"] = (50, 90, 130, 20),
            ["PL"] = (50, 90, 140, 20),
            ["EE"] = (50, 90, 110, 20),
            ["BR"] = (60, 80, 110, 30),
            ["US"] = (40, 89, 105, 24),
            ["CA"] = (50, 80, 100, 20),
            ["CN"] = (50, 70, 120, 20),
            ["JP"] = (60, 60, 100, 20),
            ["AU"] = (50, 100, 110, 10),
        };

    private static readonly (int Urban, int Rural, int? Motorway, int LivingStreet) Generic = (50, 90, 120, 20);

    /// <summary>
    /// Parses a <c>maxspeed</c> value: a number (km/h), a number with <c>mph</c> or <c>knots</c>, an implicit
    /// <c>CC:zone</c> value (<c>FI:urban</c>, <c>DE:motorway</c>, <c>DE:zone30</c>, <c>FI:30</c>), <c>walk</c>,
    /// or <c>none</c>. Multiple values separated by <c>;</c> take the first. Unrecognised text gives null.
    /// </summary>
    public static SpeedLimit? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Split(';', 2)[0].Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new SpeedLimit(null, SpeedLimitSource.Tagged);
        }

        if (text.Equals("walk", StringComparison.OrdinalIgnoreCase))
        {
            return new SpeedLimit(7, SpeedLimitSource.Implicit);
        }

        var number = ParseNumber(text);
        if (number is { } tagged)
        {
            return new SpeedLimit(tagged, SpeedLimitSource.Tagged);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon == 2)
        {
            return ParseImplicit(text[..2], text[(colon + 1)..]);
        }

        return null;
    }

    /// <summary>
    /// The legal default for a road with no <c>maxspeed</c> tag in <paramref name="countryCode"/> (ISO 3166-1
    /// alpha-2, or null for the generic table). Minor roads are taken as urban; major rural classes get the rural limit.
    /// </summary>
    public static SpeedLimit Default(string highway, string? countryCode)
    {
        var zones = countryCode is not null && Zones.TryGetValue(countryCode, out var known) ? known : Generic;
        int? kmh = highway switch
        {
            "motorway" => zones.Motorway,
            "motorway_link" => zones.Motorway is { } m ? Math.Min(m, 80) : 80,
            "trunk" or "primary" or "secondary" => zones.Rural,
            "trunk_link" or "primary_link" or "secondary_link" or "tertiary" or "tertiary_link" => zones.Urban,
            "unclassified" or "residential" or "road" => zones.Urban,
            "living_street" => zones.LivingStreet,
            "service" => Math.Min(zones.Urban, 30),
            _ => null,
        };
        return new SpeedLimit(kmh, kmh is null ? SpeedLimitSource.None : SpeedLimitSource.CountryDefault);
    }

    /// <summary>The country code of an implicit value (<c>FI:urban</c> → <c>FI</c>), else null.</summary>
    public static string? CountryOf(string? value) =>
        value is { Length: > 3 } && value[2] == ':' && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1])
            ? value[..2].ToUpperInvariant()
            : null;

    private static SpeedLimit? ParseImplicit(string country, string zone)
    {
        var zones = Zones.TryGetValue(country, out var known) ? known : Generic;
        zone = zone.Trim().ToLowerInvariant();
        int? kmh = zone switch
        {
            "urban" => zones.Urban,
            "rural" or "trunk" => zones.Rural,
            "motorway" => zones.Motorway,
            "living_street" => zones.LivingStreet,
            "walk" => 7,
            _ when zone.StartsWith("zone", StringComparison.Ordinal) => ParseNumber(zone[4..].TrimStart(':')),
            _ => ParseNumber(zone),
        };
        if (kmh is null && zone != "motorway")
        {
            return null;
        }

        return new SpeedLimit(kmh, SpeedLimitSource.Implicit);
    }

    private static int? ParseNumber(string text)
    {
        var unit = KmhPerKmh;
        var digits = text;
        if (text.EndsWith("mph", StringComparison.OrdinalIgnoreCase))
        {
            unit = KmhPerMph;
            digits = text[..^3];
        }
        else if (text.EndsWith("knots", StringComparison.OrdinalIgnoreCase))
        {
            unit = KmhPerKnot;
            digits = text[..^5];
        }
        else if (text.EndsWith("km/h", StringComparison.OrdinalIgnoreCase))
        {
            digits = text[..^4];
        }

        return double.TryParse(digits.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 400
            ? (int)Math.Round(number * unit)
            : null;
    }

    private const double KmhPerKmh = 1;
}
