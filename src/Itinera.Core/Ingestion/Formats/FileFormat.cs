namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// A location-history file format the importers understand. See <c>docs/import-formats.md</c> for the
/// fields, units and time-zone rules of each.
/// </summary>
public enum FileFormat
{
    /// <summary>GPS Exchange Format 1.0 or 1.1 (<c>trkpt</c>, <c>rtept</c>, <c>wpt</c>).</summary>
    Gpx,

    /// <summary>Microsoft GeoLife <c>.plt</c> trajectory (altitude in feet, times in GMT).</summary>
    GeoLifePlt,

    /// <summary>Delimited text with a header naming the columns; see <see cref="CsvLocationReader"/>.</summary>
    Csv,

    /// <summary>GeoJSON FeatureCollection or Feature with timed Points or LineStrings.</summary>
    GeoJson,

    /// <summary>Legacy Google Takeout <c>Records.json</c> (<c>locations[]</c> with <c>latitudeE7</c>).</summary>
    GoogleTakeoutRecords,

    /// <summary>Google Maps on-device Timeline export (<c>semanticSegments</c>, <c>rawSignals</c>, or a segment array).</summary>
    GoogleTimeline,
}
