using System.Globalization;
using System.Text;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Parsing shared by the readers: times (ISO-8601 or epoch numbers), invariant numbers (optionally with a
/// decimal comma), coordinate strings, and the basic range checks that turn values into a fix or a rejection.
/// </summary>
internal static class ValueParser
{
    private const long MsPerDay = 86_400_000;

    /// <summary>Largest epoch-ms value accepted (9999-12-31), so the value always fits a DateTimeOffset.</summary>
    private const long MaxEpochMs = 253_402_300_799_999;

    private const long MinEpochMs = -62_135_596_800_000;

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// Parses an ISO-8601 date-time: <c>yyyy-MM-dd[(T| )HH:mm[:ss[.fraction]]][Z|UTC|±hh[:mm]]</c>. Without a zone
    /// designator the time is UTC. Fractions beyond milliseconds are truncated.
    /// </summary>
    public static bool TryParseIsoTime(ReadOnlySpan<char> s, out long epochMs)
    {
        epochMs = 0;
        s = s.Trim();
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var ms = (long)(new DateOnly(year, month, day).DayNumber - UnixEpochDayNumber) * MsPerDay;
        var i = 10;
        if (i == s.Length)
        {
            epochMs = ms;
            return true;
        }

        if (s[i] is not ('T' or 't' or ' '))
        {
            return false;
        }

        i++;
        if (s.Length < i + 5 || s[i + 2] != ':' || !TryDigits(s.Slice(i, 2), out var hour) || !TryDigits(s.Slice(i + 3, 2), out var minute))
        {
            return false;
        }

        i += 5;
        var second = 0;
        var fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (s.Length < i + 3 || !TryDigits(s.Slice(i + 1, 2), out second))
            {
                return false;
            }

            i += 3;
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                var digits = 0;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    if (digits < 3)
                    {
                        fraction = (fraction * 10) + (s[i] - '0');
                    }

                    digits++;
                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (var d = digits; d < 3; d++)
                {
                    fraction *= 10;
                }
            }
        }

        // A leap second (:60) is accepted and lands on the next second.
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        ms += (hour * 3_600_000L) + (minute * 60_000L) + (second * 1000L) + fraction;
        if (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        if (i == s.Length)
        {
            return SetEpoch(ms, out epochMs);
        }

        var zone = s[i..];
        if (zone is "Z" or "z" || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone.Equals("GMT", StringComparison.OrdinalIgnoreCase))
        {
            return SetEpoch(ms, out epochMs);
        }

        if (zone[0] is not ('+' or '-'))
        {
            return false;
        }

        var sign = zone[0] == '+' ? 1 : -1;
        var offset = zone[1..];
        int offsetHours;
        var offsetMinutes = 0;
        var parsed = offset.Length switch
        {
            2 => TryDigits(offset, out offsetHours),
            4 => TryDigits(offset[..2], out offsetHours) && TryDigits(offset[2..], out offsetMinutes),
            5 => TryDigits(offset[..2], out offsetHours) && offset[2] == ':' && TryDigits(offset[3..], out offsetMinutes),
            _ => Fail(out offsetHours),
        };
        if (!parsed || offsetHours > 23 || offsetMinutes > 59)
        {
            return false;
        }

        // Local time minus the offset is UTC.
        ms -= sign * ((offsetHours * 60L) + offsetMinutes) * 60_000L;
        return SetEpoch(ms, out epochMs);
    }

    /// <summary>
    /// Converts an epoch number of unknown unit to milliseconds by magnitude: below 1e11 it is seconds
    /// (1e11 s is the year 5138), below 1e14 milliseconds, below 1e17 microseconds, otherwise nanoseconds.
    /// </summary>
    public static bool TryEpochToMs(double value, out long epochMs)
    {
        epochMs = 0;
        if (!double.IsFinite(value))
        {
            return false;
        }

        var magnitude = Math.Abs(value);
        var ms = magnitude < 1e11 ? value * 1000 : magnitude < 1e14 ? value : magnitude < 1e17 ? value / 1000 : value / 1e6;
        return SetEpoch((long)Math.Round(ms), out epochMs);
    }

    /// <summary>A time that is either an epoch number (see <see cref="TryEpochToMs"/>) or ISO-8601.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, bool decimalComma, out long epochMs)
    {
        s = s.Trim();
        if (s.Length >= 10 && s[4] == '-')
        {
            return TryParseIsoTime(s, out epochMs);
        }

        epochMs = 0;
        return TryParseNumber(s, decimalComma, out var number) && TryEpochToMs(number, out epochMs);
    }

    /// <summary>
    /// An invariant-culture finite number. With <paramref name="decimalComma"/> a comma is read as the decimal
    /// separator (<c>-49,23446</c>), which is how <c>;</c>-separated files from comma-decimal locales write numbers.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> s, bool decimalComma, out double value)
    {
        s = s.Trim();
        if (s.IsEmpty)
        {
            value = 0;
            return false;
        }

        if (decimalComma && s.Contains(','))
        {
            if (s.Length > 64)
            {
                value = 0;
                return false;
            }

            Span<char> copy = stackalloc char[s.Length];
            s.CopyTo(copy);
            copy.Replace(',', '.');
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>A finite invariant number written as UTF-8 (a JSON number, or the content of a JSON string).</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> utf8, out double value) =>
        double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// Parses a coordinate pair written as text: Google's <c>"48.1234567°, 11.1234567°"</c>, a plain
    /// <c>"48.1,11.1"</c>, or an RFC 5870 URI <c>"geo:48.1,11.1[,alt][;u=accuracy]"</c>.
    /// </summary>
    public static bool TryParseLatLng(ReadOnlySpan<char> s, out double latitude, out double longitude, out double? accuracy)
    {
        latitude = 0;
        longitude = 0;
        accuracy = null;
        s = s.Trim();
        if (s.StartsWith("geo:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..];
            var semicolon = s.IndexOf(';');
            if (semicolon >= 0)
            {
                var parameters = s[(semicolon + 1)..];
                s = s[..semicolon];
                while (!parameters.IsEmpty)
                {
                    var end = parameters.IndexOf(';');
                    var parameter = (end < 0 ? parameters : parameters[..end]).Trim();
                    parameters = end < 0 ? default : parameters[(end + 1)..];
                    if (parameter.StartsWith("u=", StringComparison.OrdinalIgnoreCase)
                        && TryParseNumber(parameter[2..], decimalComma: false, out var u) && u >= 0)
                    {
                        accuracy = u;
                    }
                }
            }
        }

        var comma = s.IndexOf(',');
        if (comma < 0)
        {
            return false;
        }

        var rest = s[(comma + 1)..];
        var second = rest.IndexOf(',');
        if (second >= 0)
        {
            rest = rest[..second];
        }

        return TryParseNumber(StripDegree(s[..comma]), decimalComma: false, out latitude)
            && TryParseNumber(StripDegree(rest), decimalComma: false, out longitude);
    }

    /// <summary>Checks coordinates; null when they are usable, otherwise the rejection reason.</summary>
    public static string? CheckCoordinates(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude))
        {
            return RejectReasons.BadNumber;
        }

        if (latitude is < -90 or > 90)
        {
            return RejectReasons.LatitudeOutOfRange;
        }

        return longitude is < -180 or > 180 ? RejectReasons.LongitudeOutOfRange : null;
    }

    /// <summary>
    /// A fix record, or a rejection when the coordinates fail <see cref="CheckCoordinates"/>. Optional values are
    /// cleaned rather than rejected: non-finite values become null, so do negative accuracies and speeds
    /// (several loggers write -1 for "unknown"); bearings are normalised into [0, 360).
    /// </summary>
    public static ImportRecord MakeFix(
        long position, long timestampMs, double latitude, double longitude,
        double? accuracy = null, double? altitude = null, double? speed = null, double? bearing = null)
    {
        var reason = CheckCoordinates(latitude, longitude);
        if (reason is not null)
        {
            return ImportRecord.Reject(position, reason);
        }

        return ImportRecord.ForFix(
            new Fix(timestampMs, latitude, longitude, NonNegative(accuracy), Finite(altitude), NonNegative(speed), Bearing(bearing)),
            position);
    }

    /// <summary>
    /// Maps a Google activity name (legacy <c>Records.json</c> or Timeline <c>activityRecord</c>) to
    /// <see cref="ActivityType"/>; every <c>IN_*</c> vehicle kind is <see cref="ActivityType.InVehicle"/>.
    /// </summary>
    public static ActivityType MapActivity(ReadOnlySpan<byte> name)
    {
        if (Ascii.EqualsIgnoreCase(name, "STILL"u8))
        {
            return ActivityType.Still;
        }

        if (Ascii.EqualsIgnoreCase(name, "ON_FOOT"u8) || Ascii.EqualsIgnoreCase(name, "WALKING"u8))
        {
            return ActivityType.Walking;
        }

        if (Ascii.EqualsIgnoreCase(name, "RUNNING"u8))
        {
            return ActivityType.Running;
        }

        if (Ascii.EqualsIgnoreCase(name, "ON_BICYCLE"u8) || Ascii.EqualsIgnoreCase(name, "CYCLING"u8))
        {
            return ActivityType.OnBicycle;
        }

        if (name.Length > 3 && Ascii.EqualsIgnoreCase(name[..3], "IN_"u8))
        {
            return ActivityType.InVehicle;
        }

        return Ascii.EqualsIgnoreCase(name, "TILTING"u8) ? ActivityType.Tilting : ActivityType.Unknown;
    }

    private static ReadOnlySpan<char> StripDegree(ReadOnlySpan<char> s) => s.Trim().TrimEnd('°').Trim();

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static double? NonNegative(double? value) => value is { } v && double.IsFinite(v) && v >= 0 ? v : null;

    private static double? Bearing(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return null;
        }

        v %= 360;
        if (v < 0)
        {
            v += 360;
        }

        return v >= 360 ? 0 : v;
    }

    private static bool SetEpoch(long ms, out long epochMs)
    {
        epochMs = ms;
        return ms is >= MinEpochMs and <= MaxEpochMs;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool Fail(out int value)
    {
        value = 0;
        return false;
    }
}

/// <summary>A time that is missing, valid, or present but unparseable.</summary>
internal struct TimeValue
{
    public bool IsSet { get; private set; }
    public bool IsValid { get; private set; }
    public long EpochMs { get; private set; }

    public void Set(bool valid, long epochMs)
    {
        IsSet = true;
        IsValid = valid;
        EpochMs = epochMs;
    }

    public readonly string? Problem => !IsSet ? RejectReasons.MissingTime : !IsValid ? RejectReasons.BadTime : null;
}
