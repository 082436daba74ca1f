using System.Text;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Reads Microsoft GeoLife <c>.plt</c> trajectories: six header lines, then
/// <c>lat,lon,0,altitude_ft,days_since_1899-12-30,yyyy-MM-dd,HH:mm:ss</c> per line.
/// </summary>
/// <remarks>
/// Times come from the date and time columns and are GMT (GeoLife's Beijing users are GMT+8 locally); a line
/// with only the first five columns falls back to the fractional-day column. Altitude is converted from feet to
/// metres; <c>-777</c> means "no altitude" and becomes null. Positions are 1-based line numbers.
/// </remarks>
public static class PltReader
{
    /// <summary>Lines before the first data line in every PLT file.</summary>
    public const int HeaderLines = 6;

    /// <summary>Metres per international foot.</summary>
    public const double MetresPerFoot = 0.3048;

    /// <summary>The altitude value GeoLife writes when there is none.</summary>
    public const double NoAltitudeFeet = -777;

    /// <summary>Epoch milliseconds of 1899-12-30T00:00Z, day zero of the fractional-day column.</summary>
    private const long DayZeroEpochMs = -2_209_161_600_000;

    /// <summary>Reads <paramref name="stream"/> lazily; the stream is left open.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream);
    }

    private static IEnumerable<ImportRecord> ReadCore(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line <= HeaderLines || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return ParseLine(text, line);
        }
    }

    private static ImportRecord ParseLine(ReadOnlySpan<char> text, long line)
    {
        Span<Range> fields = stackalloc Range[8];
        var count = text.Split(fields, ',');
        if (count < 5)
        {
            return ImportRecord.Reject(line, RejectReasons.MalformedLine);
        }

        if (!ValueParser.TryParseNumber(text[fields[0]], decimalComma: false, out var latitude)
            || !ValueParser.TryParseNumber(text[fields[1]], decimalComma: false, out var longitude))
        {
            return ImportRecord.Reject(line, RejectReasons.BadNumber);
        }

        long time;
        if (count >= 7)
        {
            var date = text[fields[5]].Trim();
            var clock = text[fields[6]].Trim();
            if (date.Length + clock.Length > 40)
            {
                return ImportRecord.Reject(line, RejectReasons.BadTime);
            }

            Span<char> iso = stackalloc char[date.Length + 1 + clock.Length];
            date.CopyTo(iso);
            iso[date.Length] = 'T';
            clock.CopyTo(iso[(date.Length + 1)..]);
            if (!ValueParser.TryParseIsoTime(iso, out time))
            {
                return ImportRecord.Reject(line, RejectReasons.BadTime);
            }
        }
        else
        {
            if (!ValueParser.TryParseNumber(text[fields[4]], decimalComma: false, out var days) || days is < 0 or > 3_000_000)
            {
                return ImportRecord.Reject(line, RejectReasons.BadTime);
            }

            time = DayZeroEpochMs + (long)Math.Round(days * 86_400_000);
        }

        double? altitude = ValueParser.TryParseNumber(text[fields[3]], decimalComma: false, out var feet) && feet != NoAltitudeFeet
            ? feet * MetresPerFoot
            : null;
        return ValueParser.MakeFix(line, time, latitude, longitude, altitude: altitude);
    }
}
