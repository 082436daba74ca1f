using System.Text;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Recognises a location-history format from the first bytes of a file. Content decides; the file name
/// (its extension) only breaks ties when the content is inconclusive, because exports are often renamed
/// (a <c>.json</c> that is GeoJSON, a <c>.txt</c> that is CSV).
/// </summary>
public static class FormatDetector
{
    /// <summary>How many leading bytes <see cref="LocationFileReader"/> buffers for detection.</summary>
    public const int HeadSize = 16 * 1024;

    /// <summary>
    /// The format of a file starting with <paramref name="head"/> (a few KB suffice; see <see cref="HeadSize"/>),
    /// or null when it is none of the supported formats.
    /// </summary>
    /// <remarks>
    /// XML with a <c>gpx</c> element is GPX. A first line <c>Geolife trajectory</c> is PLT. JSON is told apart by
    /// the keys present in the head: <c>semanticSegments</c>, <c>timelinePath</c>, <c>rawSignals</c>,
    /// <c>placeLocation</c> or <c>topCandidate</c> mean a Google Timeline export; <c>latitudeE7</c> or
    /// <c>locations</c> a Takeout <c>Records.json</c>; <c>"FeatureCollection"</c>, <c>"Feature"</c> or
    /// <c>geometry</c> with <c>coordinates</c> GeoJSON (the legacy Semantic Location History,
    /// <c>timelineObjects</c>, is not supported). Other text whose first line names a latitude and a longitude
    /// column (see <see cref="CsvLocationReader"/>) is CSV.
    /// </remarks>
    public static FileFormat? Detect(ReadOnlySpan<byte> head, string? fileName = null)
    {
        var byName = FromFileName(fileName);
        var content = SkipBomAndWhitespace(head);
        if (content.IsEmpty)
        {
            return byName;
        }

        if (content[0] == (byte)'<')
        {
            return content.IndexOf("<gpx"u8) >= 0 || content.IndexOf(":gpx "u8) >= 0 || content.IndexOf(":gpx>"u8) >= 0 || byName == FileFormat.Gpx
                ? FileFormat.Gpx
                : null;
        }

        if (content.StartsWith("Geolife trajectory"u8))
        {
            return FileFormat.GeoLifePlt;
        }

        if (content[0] is (byte)'{' or (byte)'[')
        {
            return DetectJson(content) ?? (byName is FileFormat.GeoJson or FileFormat.GoogleTakeoutRecords or FileFormat.GoogleTimeline ? byName : null);
        }

        if (LooksLikeCsv(content))
        {
            return FileFormat.Csv;
        }

        return byName is FileFormat.Csv or FileFormat.GeoLifePlt ? byName : null;
    }

    private static FileFormat? DetectJson(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf("\"timelineObjects\""u8) >= 0)
        {
            return null;
        }

        if (content.IndexOf("\"semanticSegments\""u8) >= 0 || content.IndexOf("\"timelinePath\""u8) >= 0
            || content.IndexOf("\"rawSignals\""u8) >= 0 || content.IndexOf("\"placeLocation\""u8) >= 0
            || content.IndexOf("\"topCandidate\""u8) >= 0)
        {
            return FileFormat.GoogleTimeline;
        }

        if (content.IndexOf("\"latitudeE7\""u8) >= 0)
        {
            return FileFormat.GoogleTakeoutRecords;
        }

        if (content.IndexOf("\"FeatureCollection\""u8) >= 0 || content.IndexOf("\"Feature\""u8) >= 0
            || (content.IndexOf("\"geometry\""u8) >= 0 && content.IndexOf("\"coordinates\""u8) >= 0))
        {
            return FileFormat.GeoJson;
        }

        return content.IndexOf("\"locations\""u8) >= 0 ? FileFormat.GoogleTakeoutRecords : null;
    }

    private static bool LooksLikeCsv(ReadOnlySpan<byte> content)
    {
        var end = content.IndexOfAny((byte)'\n', (byte)'\r');
        var line = end < 0 ? content : content[..end];
        if (line.IsEmpty || line.Length > 8192)
        {
            return false;
        }

        using var reader = new StringReader(Encoding.UTF8.GetString(line));
        var csv = new CsvTokenizer(reader);
        return csv.ReadRecord() && CsvLocationReader.HasCoordinateColumns(csv);
    }

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        while (!head.IsEmpty && head[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            head = head[1..];
        }

        return head;
    }

    private static FileFormat? FromFileName(string? fileName)
    {
        var name = Path.GetFileName(fileName.AsSpan());
        var extension = Path.GetExtension(name);
        if (extension.Equals(".gpx", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.Gpx;
        }

        if (extension.Equals(".plt", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.GeoLifePlt;
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.Csv;
        }

        if (extension.Equals(".geojson", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.GeoJson;
        }

        if (name.StartsWith("Records", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.GoogleTakeoutRecords;
        }

        return name.StartsWith("Timeline", StringComparison.OrdinalIgnoreCase) || name.StartsWith("location-history", StringComparison.OrdinalIgnoreCase)
            ? FileFormat.GoogleTimeline
            : null;
    }
}
