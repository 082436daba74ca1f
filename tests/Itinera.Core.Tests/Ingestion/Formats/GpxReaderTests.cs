using System.Globalization;
using System.Text;
using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class GpxReaderTests
{
    [Fact]
    public void Read_Gpx11WrittenFromFiveHundredNdsBrRows_RoundTripsCoordinatesTimesElevationsAndSpeeds()
    {
        var rows = NdsBrDriverA.Read(500);
        var gpx = new StringBuilder();
        gpx.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="Itinera tests" xmlns="http://www.topografix.com/GPX/1/1"
                 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
              <metadata><time>2020-01-01T00:00:00Z</time></metadata>
              <trk><name>driver A</name><trkseg>

            """);
        foreach (var row in rows)
        {
            gpx.Append(CultureInfo.InvariantCulture, $"""<trkpt lat="{row.Latitude:R}" lon="{row.Longitude:R}">""");
            if (row.AltitudeMeters is { } ele)
            {
                gpx.Append(CultureInfo.InvariantCulture, $"<ele>{ele:R}</ele>");
            }

            gpx.Append(CultureInfo.InvariantCulture, $"<time>{DateTimeOffset.FromUnixTimeMilliseconds(row.TimestampMs):yyyy-MM-dd'T'HH:mm:ss'Z'}</time>");
            gpx.Append("<extensions><gpxtpx:TrackPointExtension>");
            if (row.SpeedMetersPerSecond is { } speed)
            {
                gpx.Append(CultureInfo.InvariantCulture, $"<gpxtpx:speed>{speed:R}</gpxtpx:speed>");
            }

            if (row.Heading is { } heading)
            {
                gpx.Append(CultureInfo.InvariantCulture, $"<gpxtpx:course>{heading:R}</gpxtpx:course>");
            }

            gpx.Append("</gpxtpx:TrackPointExtension></extensions></trkpt>\n");
        }

        gpx.Append("</trkseg></trk></gpx>\n");

        var records = Input.All(GpxReader.Read(Input.Utf8(gpx.ToString())));

        Assert.Empty(Input.Reasons(records));
        var fixes = Input.Fixes(records);
        Assert.Equal(500, fixes.Count);
        Assert.Equal(
            rows.Select(r => new Fix(r.TimestampMs, r.Latitude, r.Longitude, null, r.AltitudeMeters, r.SpeedMetersPerSecond, r.Heading % 360)),
            fixes);
        Assert.Equal(Input.Ms("2019-08-26T22:17:27Z"), fixes[0].TimestampMs);
        Assert.Equal(-25.451837, fixes[0].Latitude);
        Assert.Equal(-49.23446, fixes[0].Longitude);
        Assert.Equal(929.7, fixes[0].AltitudeMeters!.Value, 0.1);
    }

    [Fact]
    public void Read_Gpx10_TakesSpeedAndCourseFromTheirElementsAndAccuracyFromHdop()
    {
        const string gpx = """
            <?xml version="1.0"?>
            <gpx version="1.0" creator="test" xmlns="http://www.topografix.com/GPX/1/0">
              <trk><trkseg>
                <trkpt lat="48.1" lon="11.5">
                  <ele>520.5</ele>
                  <time>2024-05-01T10:00:00Z</time>
                  <course>-90</course>
                  <speed>12.5</speed>
                  <hdop>1.6</hdop>
                </trkpt>
                <trkpt lat="48.2" lon="11.6"><time>2024-05-01T12:00:01.250+02:00</time></trkpt>
              </trkseg></trk>
            </gpx>
            """;

        var fixes = Input.Fixes(GpxReader.Read(Input.Utf8(gpx)));

        Assert.Equal(2, fixes.Count);
        Assert.Equal(new Fix(Input.Ms("2024-05-01T10:00:00Z"), 48.1, 11.5, 1.6 * 5, 520.5, 12.5, 270), fixes[0]);
        Assert.Equal(new Fix(Input.Ms("2024-05-01T10:00:01.250Z"), 48.2, 11.6), fixes[1]);
    }

    [Fact]
    public void Read_Gpx11GarminExtension_TakesSpeedAndCourseFromTheExtension()
    {
        const string gpx = """
            <gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2" version="1.1">
              <trk><trkseg><trkpt lat="-33.5" lon="-70.25"><time>2024-05-01T10:00:00Z</time><hdop>2</hdop>
                <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr><gpxtpx:speed>3.4</gpxtpx:speed><gpxtpx:course>181</gpxtpx:course></gpxtpx:TrackPointExtension></extensions>
              </trkpt></trkseg></trk>
            </gpx>
            """;

        var fix = Assert.Single(Input.Fixes(GpxReader.Read(Input.Utf8(gpx))));

        Assert.Equal(new Fix(Input.Ms("2024-05-01T10:00:00Z"), -33.5, -70.25, 10, null, 3.4, 181), fix);
    }

    [Fact]
    public void Read_AnyExtensionElementNamedSpeedCourseOrAccuracy_IsUsed()
    {
        const string gpx = """
            <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:osmand="https://osmand.net">
              <trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T10:00:00Z</time><hdop>3</hdop>
                <extensions><osmand:speed>1.5</osmand:speed><osmand:heading>45</osmand:heading><accuracy>4</accuracy></extensions>
              </trkpt></trkseg></trk>
            </gpx>
            """;

        var fix = Assert.Single(Input.Fixes(GpxReader.Read(Input.Utf8(gpx))));

        Assert.Equal(new Fix(Input.Ms("2024-05-01T10:00:00Z"), 1, 2, 4, null, 1.5, 45), fix);
    }

    [Fact]
    public void Read_RoutePointsAndWaypointsWithTime_AreFixes_AndPointsWithoutTimeAreRejected()
    {
        const string gpx = """
            <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
              <wpt lat="1" lon="2"><time>2024-05-01T10:00:00Z</time><name>cafe</name></wpt>
              <wpt lat="3" lon="4"><name>no time</name></wpt>
              <rte><rtept lat="5" lon="6"><time>2024-05-01T10:05:00Z</time></rtept><rtept lat="7" lon="8"/></rte>
            </gpx>
            """;

        var records = Input.All(GpxReader.Read(Input.Utf8(gpx)));

        Assert.Equal([(1.0, 2.0), (5.0, 6.0)], Input.Fixes(records).Select(f => (f.Latitude, f.Longitude)));
        Assert.Equal([(3L, "MISSING_TIME"), (4L, "MISSING_TIME")], records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
    }

    [Fact]
    public void Read_BadPoints_AreRejectedWithTheirLineAndReason()
    {
        const string gpx = """
            <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
            <trkpt lon="2"><time>2024-05-01T10:00:00Z</time></trkpt>
            <trkpt lat="north" lon="2"><time>2024-05-01T10:00:00Z</time></trkpt>
            <trkpt lat="91" lon="2"><time>2024-05-01T10:00:00Z</time></trkpt>
            <trkpt lat="1" lon="181"><time>2024-05-01T10:00:00Z</time></trkpt>
            <trkpt lat="1" lon="2"><time>yesterday</time></trkpt>
            <trkpt lat="1" lon="2"><time>2024-05-01T10:00:00Z</time></trkpt>
            </trkseg></trk></gpx>
            """;

        var records = Input.All(GpxReader.Read(Input.Utf8(gpx)));

        Assert.Equal(
            [(2L, "MISSING_COORDINATES"), (3L, "BAD_NUMBER"), (4L, "LATITUDE_OUT_OF_RANGE"), (5L, "LONGITUDE_OUT_OF_RANGE"), (6L, "BAD_TIME")],
            records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
        Assert.Equal(7, Assert.Single(records, r => r.Kind == ImportRecordKind.Fix).Position);
    }

    [Fact]
    public void Read_MalformedXml_YieldsThePointsBeforeItThenBadXml()
    {
        const string gpx = """
            <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
            <trkpt lat="1" lon="2"><time>2024-05-01T10:00:00Z</time></trkpt>
            <trkpt lat="1" lon="2"><time>2024-05-01T10:00:01Z</tim></trkpt>
            """;

        var records = Input.All(GpxReader.Read(Input.Utf8(gpx)));

        Assert.Equal(2, records.Count);
        Assert.Equal(ImportRecordKind.Fix, records[0].Kind);
        Assert.Equal(ImportRecord.Reject(3, RejectReasons.BadXml), records[1]);
    }
}
