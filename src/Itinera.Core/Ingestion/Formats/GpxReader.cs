using System.Text;
using System.Xml;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Reads GPX 1.0 and 1.1 with a forward-only <see cref="XmlReader"/>, in constant memory.
/// </summary>
/// <remarks>
/// <para>
/// Every <c>trkpt</c>, <c>rtept</c> and <c>wpt</c> (in any namespace) becomes a fix; points without
/// <c>&lt;time&gt;</c> are rejected with <see cref="RejectReasons.MissingTime"/>. <c>time</c> is xsd:dateTime
/// (UTC when it carries no offset), <c>ele</c> metres.
/// </para>
/// <para>
/// Speed (m/s) and course (degrees) come from the GPX 1.0 <c>&lt;speed&gt;</c>/<c>&lt;course&gt;</c> children, else
/// from any element named <c>speed</c> or <c>course</c> (also <c>bearing</c>, <c>heading</c>) inside the point's
/// <c>&lt;extensions&gt;</c>, whatever its namespace (Garmin TrackPointExtension v2 <c>gpxtpx:speed</c>/<c>gpxtpx:course</c>,
/// OsmAnd, …). Accuracy comes from an extension element named <c>accuracy</c> or <c>hacc</c> (metres); failing
/// that, it is estimated as <c>hdop × 5 m</c>: horizontal dilution of precision times a typical GPS user range
/// error of about 5 m, a rough 1-sigma radius that is better than nothing for filtering.
/// </para>
/// <para>
/// Positions are the 1-based line of the point's start tag. If the XML turns malformed, a
/// <see cref="RejectReasons.BadXml"/> rejection at the offending line ends the stream.
/// </para>
/// </remarks>
public static class GpxReader
{
    /// <summary>Metres of horizontal error per unit of HDOP used when a point has no better accuracy.</summary>
    public const double MetresPerHdop = 5;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Reads <paramref name="stream"/> lazily; the stream is left open.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream);
    }

    private static IEnumerable<ImportRecord> ReadCore(Stream stream)
    {
        using var xml = XmlReader.Create(stream, Settings);
        var cursor = new Cursor(xml);
        var point = new PointState();
        while (cursor.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "trkpt" or "rtept" or "wpt")
            {
                var line = cursor.Line;
                if (!ReadPoint(cursor, point))
                {
                    break;
                }

                yield return point.ToRecord(line);
            }
        }

        if (cursor.ErrorLine is { } errorLine)
        {
            yield return ImportRecord.Reject(errorLine, RejectReasons.BadXml);
        }
    }

    /// <summary>Reads the point the cursor is on, up to its end tag. False when the XML broke.</summary>
    private static bool ReadPoint(Cursor cursor, PointState point)
    {
        var xml = cursor.Xml;
        point.Reset();
        point.Latitude = xml.GetAttribute("lat");
        point.Longitude = xml.GetAttribute("lon");
        if (xml.IsEmptyElement)
        {
            return true;
        }

        var depth = xml.Depth;
        while (cursor.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                return true;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.Depth == depth + 1)
            {
                switch (xml.LocalName)
                {
                    case "time": point.Time = cursor.ReadText(); break;
                    case "ele": point.Elevation = cursor.ReadText(); break;
                    case "speed": point.Speed = cursor.ReadText(); break;
                    case "course": point.Course = cursor.ReadText(); break;
                    case "hdop": point.Hdop = cursor.ReadText(); break;
                    case "extensions":
                        if (!ReadExtensions(cursor, point))
                        {
                            return false;
                        }

                        break;
                    default:
                        if (!cursor.SkipElement())
                        {
                            return false;
                        }

                        break;
                }

                if (cursor.ErrorLine is not null)
                {
                    return false;
                }
            }
        }

        return false;
    }

    private static bool ReadExtensions(Cursor cursor, PointState point)
    {
        var xml = cursor.Xml;
        if (xml.IsEmptyElement)
        {
            return true;
        }

        var depth = xml.Depth;
        while (cursor.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                return true;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "speed": point.ExtensionSpeed ??= cursor.ReadText(); break;
                case "course" or "bearing" or "heading": point.ExtensionCourse ??= cursor.ReadText(); break;
                case "accuracy" or "hacc": point.ExtensionAccuracy ??= cursor.ReadText(); break;
                default: break;
            }

            if (cursor.ErrorLine is not null)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The raw texts of one point; parsed only once the point is complete.</summary>
    private sealed class PointState
    {
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
        public string? Time { get; set; }
        public string? Elevation { get; set; }
        public string? Speed { get; set; }
        public string? Course { get; set; }
        public string? Hdop { get; set; }
        public string? ExtensionSpeed { get; set; }
        public string? ExtensionCourse { get; set; }
        public string? ExtensionAccuracy { get; set; }

        public void Reset()
        {
            Latitude = Longitude = Time = Elevation = Speed = Course = Hdop = null;
            ExtensionSpeed = ExtensionCourse = ExtensionAccuracy = null;
        }

        public ImportRecord ToRecord(long line)
        {
            if (string.IsNullOrWhiteSpace(Latitude) || string.IsNullOrWhiteSpace(Longitude))
            {
                return ImportRecord.Reject(line, RejectReasons.MissingCoordinates);
            }

            if (!ValueParser.TryParseNumber(Latitude, decimalComma: false, out var latitude)
                || !ValueParser.TryParseNumber(Longitude, decimalComma: false, out var longitude))
            {
                return ImportRecord.Reject(line, RejectReasons.BadNumber);
            }

            var coordinates = ValueParser.CheckCoordinates(latitude, longitude);
            if (coordinates is not null)
            {
                return ImportRecord.Reject(line, coordinates);
            }

            if (string.IsNullOrWhiteSpace(Time))
            {
                return ImportRecord.Reject(line, RejectReasons.MissingTime);
            }

            if (!ValueParser.TryParseIsoTime(Time, out var time))
            {
                return ImportRecord.Reject(line, RejectReasons.BadTime);
            }

            var accuracy = Number(ExtensionAccuracy) ?? Number(Hdop) * MetresPerHdop;
            return ValueParser.MakeFix(
                line, time, latitude, longitude, accuracy, Number(Elevation),
                Number(Speed) ?? Number(ExtensionSpeed),
                Number(Course) ?? Number(ExtensionCourse));
        }

        private static double? Number(string? text) =>
            text is not null && ValueParser.TryParseNumber(text, decimalComma: false, out var value) ? value : null;
    }

    /// <summary>Wraps the reader so that malformed XML ends the stream with a line number instead of throwing.</summary>
    private sealed class Cursor(XmlReader xml)
    {
        private readonly StringBuilder _text = new();

        public XmlReader Xml { get; } = xml;

        public long? ErrorLine { get; private set; }

        public long Line => Xml is IXmlLineInfo info ? info.LineNumber : 0;

        public bool Read()
        {
            if (ErrorLine is not null)
            {
                return false;
            }

            try
            {
                return Xml.Read();
            }
            catch (XmlException e)
            {
                ErrorLine = e.LineNumber;
                return false;
            }
        }

        /// <summary>The concatenated text of the element the reader is on; leaves the reader on its end tag.</summary>
        public string ReadText()
        {
            if (Xml.IsEmptyElement)
            {
                return string.Empty;
            }

            _text.Clear();
            var depth = Xml.Depth;
            while (Read())
            {
                if (Xml.NodeType == XmlNodeType.EndElement && Xml.Depth == depth)
                {
                    break;
                }

                if (Xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    _text.Append(Xml.Value);
                }
            }

            return _text.ToString();
        }

        /// <summary>Moves past the end tag of the element the reader is on.</summary>
        public bool SkipElement()
        {
            if (Xml.IsEmptyElement)
            {
                return true;
            }

            var depth = Xml.Depth;
            while (Read())
            {
                if (Xml.NodeType == XmlNodeType.EndElement && Xml.Depth == depth)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
