using System.Globalization;
using Itinera.Core.Time;

namespace Itinera.Api.Http;

/// <summary>
/// Timestamp formats of the wire. Events and moments use milliseconds at the user's offset
/// (<c>2019-03-22T08:37:45.000+01:00</c>); annotations microseconds; clusters whole seconds;
/// account times UTC with <c>+00:00</c>; codes and tokens UTC with <c>Z</c>.
/// </summary>
public static class WireTime
{
    public static string Millis(DateTimeOffset instant, string? zoneId) =>
        TimeZones.ToLocal(instant, zoneId).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static string? Millis(DateTimeOffset? instant, string? zoneId) => instant is { } i ? Millis(i, zoneId) : null;

    public static string Micros(DateTimeOffset instant, string? zoneId) =>
        TimeZones.ToLocal(instant, zoneId).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    public static string Seconds(DateTimeOffset instant, string? zoneId) =>
        TimeZones.ToLocal(instant, zoneId).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string UtcMillis(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    public static string Zulu(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a <c>YYYY-MM-DD</c> date.</summary>
    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Parses an ISO-8601 timestamp that carries an offset (or Z).</summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrEmpty(value) || value.Length < 20 || !value.Contains('T', StringComparison.Ordinal))
        {
            return false;
        }

        var last = value[^1];
        var hasOffset = last == 'Z' || last == 'z' || value.LastIndexOfAny(['+', '-']) > 10;
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
    }
}
