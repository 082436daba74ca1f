using System.Text;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Reads delimited text with a header line, one fix per row, streaming in constant memory.
/// </summary>
/// <remarks>
/// <para>
/// Columns are recognised by header name, case-insensitively, with spaces and dashes read as underscores:
/// </para>
/// <list type="table">
/// <item><term>time (required)</term><description><c>timestamp</c>, <c>time</c>, <c>datetime</c>, <c>date_time</c>,
/// <c>utc</c>, <c>ts</c>. ISO-8601 (<c>2024-05-01T10:00:00.5+02:00</c>, <c>2024-05-01 08:00:00</c>); without an
/// offset the time is UTC. A plain number is an epoch time whose unit is decided by magnitude: below 1e11
/// seconds, below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.</description></item>
/// <item><term>latitude (required)</term><description><c>latitude</c>, <c>lat</c>, <c>y</c>; WGS84 degrees.</description></item>
/// <item><term>longitude (required)</term><description><c>longitude</c>, <c>lon</c>, <c>lng</c>, <c>long</c>, <c>x</c>; WGS84 degrees.</description></item>
/// <item><term>accuracy</term><description><c>accuracy</c>, <c>acc</c>, <c>horizontal_accuracy</c>, <c>hacc</c>; metres.</description></item>
/// <item><term>altitude</term><description><c>altitude</c>, <c>alt</c>, <c>elevation</c>, <c>ele</c>; metres.</description></item>
/// <item><term>speed</term><description><c>speed</c>, <c>velocity</c>; m/s. Or <c>speed_kmh</c> in km/h,
/// converted (used only when no m/s column exists).</description></item>
/// <item><term>bearing</term><description><c>bearing</c>, <c>course</c>, <c>heading</c>; degrees clockwise from north.</description></item>
/// </list>
/// <para>
/// Other columns are ignored. The separator is detected from the header among <c>,</c>, <c>;</c> and tab. When it
/// is not a comma, a comma inside a number is a decimal comma (<c>-25,451837</c>). Fields may be quoted
/// (RFC 4180). A header lacking a time, latitude or longitude column yields one rejection
/// (<see cref="RejectReasons.MissingTimeColumn"/> and friends) and nothing else. Row positions are 1-based
/// line numbers. Unparseable optional values are dropped (null), not rejected.
/// </para>
/// </remarks>
public static class CsvLocationReader
{
    private const int NoColumn = -1;

    /// <summary>Reads <paramref name="stream"/> (UTF-8, BOM allowed) lazily; the stream is left open.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream);
    }

    private static IEnumerable<ImportRecord> ReadCore(Stream stream)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvTokenizer(text);
        var hasHeader = false;
        while (csv.ReadRecord())
        {
            if (!csv.IsBlank)
            {
                hasHeader = true;
                break;
            }
        }

        if (!hasHeader)
        {
            yield break;
        }

        var columns = Columns.FromHeader(csv);
        var missing = columns.Time == NoColumn ? RejectReasons.MissingTimeColumn
            : columns.Latitude == NoColumn ? RejectReasons.MissingLatitudeColumn
            : columns.Longitude == NoColumn ? RejectReasons.MissingLongitudeColumn
            : null;
        if (missing is not null)
        {
            yield return ImportRecord.Reject(csv.RecordLine, missing);
            yield break;
        }

        var decimalComma = csv.Separator != ',';
        while (csv.ReadRecord())
        {
            if (!csv.IsBlank)
            {
                yield return ParseRow(csv, columns, decimalComma);
            }
        }
    }

    /// <summary>True when a header line names a latitude and a longitude column (used by format detection).</summary>
    internal static bool HasCoordinateColumns(CsvTokenizer header)
    {
        var columns = Columns.FromHeader(header);
        return columns.Latitude != NoColumn && columns.Longitude != NoColumn;
    }

    private static ImportRecord ParseRow(CsvTokenizer csv, Columns columns, bool decimalComma)
    {
        var line = csv.RecordLine;
        var latitudeText = csv.Field(columns.Latitude);
        var longitudeText = csv.Field(columns.Longitude);
        if (latitudeText.IsWhiteSpace() || longitudeText.IsWhiteSpace())
        {
            return ImportRecord.Reject(line, RejectReasons.MissingCoordinates);
        }

        if (!ValueParser.TryParseNumber(latitudeText, decimalComma, out var latitude)
            || !ValueParser.TryParseNumber(longitudeText, decimalComma, out var longitude))
        {
            return ImportRecord.Reject(line, RejectReasons.BadNumber);
        }

        var coordinates = ValueParser.CheckCoordinates(latitude, longitude);
        if (coordinates is not null)
        {
            return ImportRecord.Reject(line, coordinates);
        }

        var timeText = csv.Field(columns.Time);
        if (timeText.IsWhiteSpace())
        {
            return ImportRecord.Reject(line, RejectReasons.MissingTime);
        }

        if (!ValueParser.TryParseTime(timeText, decimalComma, out var time))
        {
            return ImportRecord.Reject(line, RejectReasons.BadTime);
        }

        var speed = Optional(csv, columns.Speed, decimalComma);
        if (speed is null && Optional(csv, columns.SpeedKmh, decimalComma) is { } kmh)
        {
            speed = kmh / 3.6;
        }

        return ValueParser.MakeFix(
            line, time, latitude, longitude,
            Optional(csv, columns.Accuracy, decimalComma),
            Optional(csv, columns.Altitude, decimalComma),
            speed,
            Optional(csv, columns.Bearing, decimalComma));
    }

    private static double? Optional(CsvTokenizer csv, int column, bool decimalComma) =>
        column != NoColumn && ValueParser.TryParseNumber(csv.Field(column), decimalComma, out var value) ? value : null;

    /// <summary>Column indexes of each role, <see cref="NoColumn"/> when absent.</summary>
    private sealed class Columns
    {
        public int Time { get; private set; } = NoColumn;
        public int Latitude { get; private set; } = NoColumn;
        public int Longitude { get; private set; } = NoColumn;
        public int Accuracy { get; private set; } = NoColumn;
        public int Altitude { get; private set; } = NoColumn;
        public int Speed { get; private set; } = NoColumn;
        public int SpeedKmh { get; private set; } = NoColumn;
        public int Bearing { get; private set; } = NoColumn;

        public static Columns FromHeader(CsvTokenizer header)
        {
            var columns = new Columns();
            Span<int> ranks = stackalloc int[9];
            ranks.Fill(int.MaxValue);
            for (var i = 0; i < header.FieldCount; i++)
            {
                var role = ColumnAliases.Match(header.Field(i), out var rank);
                if (role == ColumnRole.None || rank >= ranks[(int)role])
                {
                    continue;
                }

                ranks[(int)role] = rank;
                columns.Set(role, i);
            }

            return columns;
        }

        private void Set(ColumnRole role, int index)
        {
            switch (role)
            {
                case ColumnRole.Time: Time = index; break;
                case ColumnRole.Latitude: Latitude = index; break;
                case ColumnRole.Longitude: Longitude = index; break;
                case ColumnRole.Accuracy: Accuracy = index; break;
                case ColumnRole.Altitude: Altitude = index; break;
                case ColumnRole.Speed: Speed = index; break;
                case ColumnRole.SpeedKmh: SpeedKmh = index; break;
                case ColumnRole.Bearing: Bearing = index; break;
            }
        }
    }
}
