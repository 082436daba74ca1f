namespace Itinera.Core.Ingestion.Formats;

/// <summary>What an <see cref="ImportRecord"/> carries.</summary>
public enum ImportRecordKind : byte
{
    /// <summary>A location fix: <see cref="ImportRecord.Fix"/> is set.</summary>
    Fix,

    /// <summary>An activity-recognition sample: <see cref="ImportRecord.Activity"/> is set.</summary>
    Activity,

    /// <summary>An input element that could not be turned into a fix: <see cref="ImportRecord.Reason"/> says why.</summary>
    Rejected,
}

/// <summary>
/// One item read from a location-history file: a <see cref="Ingestion.Fix"/>, an <see cref="ActivitySample"/>,
/// or a rejection. A value type so that readers can stream millions of items without allocating per item.
/// </summary>
/// <param name="Kind">Which of the payloads is meaningful.</param>
/// <param name="Fix">The fix when <paramref name="Kind"/> is <see cref="ImportRecordKind.Fix"/>, otherwise default.</param>
/// <param name="Activity">The sample when <paramref name="Kind"/> is <see cref="ImportRecordKind.Activity"/>, otherwise default.</param>
/// <param name="Position">
/// Where in the input the item came from, for error reports: the 1-based line number for text formats
/// (GPX, PLT, CSV), the 0-based index of the element in its array for JSON formats (location, feature,
/// segment or raw signal). 0 for problems with the file as a whole.
/// </param>
/// <param name="Reason">For rejections, an UPPER_SNAKE code from <see cref="RejectReasons"/>; otherwise null.</param>
public readonly record struct ImportRecord(ImportRecordKind Kind, Fix Fix, ActivitySample Activity, long Position, string? Reason)
{
    /// <summary>A record carrying <paramref name="fix"/>.</summary>
    public static ImportRecord ForFix(Fix fix, long position) => new(ImportRecordKind.Fix, fix, default, position, null);

    /// <summary>A record carrying <paramref name="activity"/>.</summary>
    public static ImportRecord ForActivity(ActivitySample activity, long position) =>
        new(ImportRecordKind.Activity, default, activity, position, null);

    /// <summary>A rejection of the element at <paramref name="position"/> for <paramref name="reason"/>.</summary>
    public static ImportRecord Reject(long position, string reason) =>
        new(ImportRecordKind.Rejected, default, default, position, reason);
}

/// <summary>
/// Why an importer rejected an element. Readers only parse and check what they must (finite numbers,
/// latitude in [-90, 90], longitude in [-180, 180], a parseable time); the server validates the rest.
/// </summary>
public static class RejectReasons
{
    /// <summary>The element has no timestamp (for example a GPX point without <c>&lt;time&gt;</c>).</summary>
    public const string MissingTime = "MISSING_TIME";

    /// <summary>A timestamp is present but is not ISO-8601 nor a plausible epoch number.</summary>
    public const string BadTime = "BAD_TIME";

    /// <summary>The element has no latitude or longitude.</summary>
    public const string MissingCoordinates = "MISSING_COORDINATES";

    /// <summary>A latitude or longitude is not a finite number (or a coordinate string does not parse).</summary>
    public const string BadNumber = "BAD_NUMBER";

    /// <summary>Latitude outside [-90, 90].</summary>
    public const string LatitudeOutOfRange = "LATITUDE_OUT_OF_RANGE";

    /// <summary>Longitude outside [-180, 180].</summary>
    public const string LongitudeOutOfRange = "LONGITUDE_OUT_OF_RANGE";

    /// <summary>A PLT line with too few fields.</summary>
    public const string MalformedLine = "MALFORMED_LINE";

    /// <summary>The CSV header names no time column (see <see cref="CsvLocationReader"/> for the names).</summary>
    public const string MissingTimeColumn = "MISSING_TIME_COLUMN";

    /// <summary>The CSV header names no latitude column.</summary>
    public const string MissingLatitudeColumn = "MISSING_LATITUDE_COLUMN";

    /// <summary>The CSV header names no longitude column.</summary>
    public const string MissingLongitudeColumn = "MISSING_LONGITUDE_COLUMN";

    /// <summary>A GeoJSON geometry other than Point, MultiPoint, LineString or MultiLineString.</summary>
    public const string UnsupportedGeometry = "UNSUPPORTED_GEOMETRY";

    /// <summary>The XML is not well-formed from this line on; reading stops.</summary>
    public const string BadXml = "BAD_XML";

    /// <summary>The JSON is not well-formed from this element on; reading stops.</summary>
    public const string BadJson = "BAD_JSON";

    /// <summary>The JSON top level is neither an object nor an array of the expected shape.</summary>
    public const string UnexpectedStructure = "UNEXPECTED_STRUCTURE";

    /// <summary><see cref="LocationFileReader.Read(Stream, string?)"/> could not recognise the format.</summary>
    public const string UnknownFormat = "UNKNOWN_FORMAT";
}
