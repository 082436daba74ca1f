using System.Text;
using Itinera.Core.Ingestion.Formats;
using Itinera.Core.Tests.Geo;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class FormatDetectorTests
{
    public static TheoryData<string, FileFormat> Samples() => new()
    {
        { "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk/></gpx>", FileFormat.Gpx },
        { "\uFEFF  <gpx:gpx xmlns:gpx=\"http://www.topografix.com/GPX/1/0\" version=\"1.0\"></gpx:gpx>", FileFormat.Gpx },
        { "Geolife trajectory\r\nWGS 84\r\nAltitude is in Feet\r\n", FileFormat.GeoLifePlt },
        { "timestamp,latitude,longitude\n2024-05-01T10:00:00Z,1,2\n", FileFormat.Csv },
        { "DRIVER;LONG;LAT;DAY\nA;-49,2;-25,4;26/8/2019\n", FileFormat.Csv },
        { "\"time\"\t\"Lat\"\t\"Lng\"\n", FileFormat.Csv },
        { "{\"type\": \"FeatureCollection\", \"features\": []}", FileFormat.GeoJson },
        { "{\"geometry\": {\"coordinates\": [1, 2], \"type\": \"Point\"}, \"properties\": {}, \"type\": \"Feature\"}", FileFormat.GeoJson },
        { "{\n \"locations\": [\n  {\n   \"timestampMs\": \"1517755336082\",\n   \"latitudeE7\": 179883679", FileFormat.GoogleTakeoutRecords },
        { "[{\"timestamp\": \"2022-01-01T00:00:00Z\", \"latitudeE7\": 1, \"longitudeE7\": 2}]", FileFormat.GoogleTakeoutRecords },
        { "{\"semanticSegments\": [{\"startTime\": \"2024-01-01T08:00:00.000+01:00\"", FileFormat.GoogleTimeline },
        { "{\"rawSignals\": [{\"position\": {\"LatLng\": \"48.1°, 11.5°\"}}]}", FileFormat.GoogleTimeline },
        { "[{\"endTime\": \"2024-01-01T10:00:00.000+01:00\", \"startTime\": \"2024-01-01T08:00:00.000+01:00\", \"visit\": {\"topCandidate\": {\"placeLocation\": \"geo:48.1,11.5\"}}}]", FileFormat.GoogleTimeline },
        { "[{\"startTime\": \"2024-01-01T08:00:00Z\", \"timelinePath\": [{\"point\": \"geo:48.1,11.5\"}]}]", FileFormat.GoogleTimeline },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_RecognisesTheFormatFromContentDespiteAMisleadingFileName(string content, FileFormat expected)
    {
        var head = Encoding.UTF8.GetBytes(content);

        Assert.Equal(expected, FormatDetector.Detect(head));
        Assert.Equal(expected, FormatDetector.Detect(head, "export.txt"));
        Assert.Equal(expected, FormatDetector.Detect(head, expected == FileFormat.Gpx ? "track.csv" : "track.gpx"));
    }

    [Theory]
    [InlineData("name,value\nx,1\n", null)]
    [InlineData("{\"hello\": \"world\"}", null)]
    [InlineData("{\"timelineObjects\": [{\"placeVisit\": {\"location\": {\"latitudeE7\": 1}}}]}", null)]
    [InlineData("<kml xmlns=\"http://www.opengis.net/kml/2.2\"></kml>", null)]
    [InlineData("", null)]
    public void Detect_UnsupportedContent_IsNull(string content, FileFormat? expected)
    {
        Assert.Equal(expected, FormatDetector.Detect(Encoding.UTF8.GetBytes(content)));
    }

    [Theory]
    [InlineData("{\"hello\": []}", "data.geojson", FileFormat.GeoJson)]
    [InlineData("[]", "Records.json", FileFormat.GoogleTakeoutRecords)]
    [InlineData("[]", "Timeline.json", FileFormat.GoogleTimeline)]
    [InlineData("", "empty.csv", FileFormat.Csv)]
    [InlineData("{\"hello\": []}", "data.gpx", null)]
    [InlineData("name,value\n", "data.geojson", null)]
    public void Detect_UsesTheFileNameOnlyToBreakTiesTheContentAllows(string content, string fileName, FileFormat? expected)
    {
        Assert.Equal(expected, FormatDetector.Detect(Encoding.UTF8.GetBytes(content), fileName));
    }

    [Fact]
    public void Read_WithoutAFormat_DetectsItOnANonSeekableStreamAndLosesNothingOfTheHead()
    {
        // Larger than the detection head, delivered a few bytes at a time.
        var csv = new StringBuilder("time,lat,lon\n");
        for (var i = 0; i < 2000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{1714557600 + i},48.1,11.5\n");
        }

        Assert.True(csv.Length > FormatDetector.HeadSize);

        var fixes = Input.Fixes(LocationFileReader.Read(Input.NonSeekable(csv.ToString(), 1000), "upload.bin"));

        Assert.Equal(2000, fixes.Count);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (1714557600L + i) * 1000), fixes.Select(f => f.TimestampMs));
    }

    [Fact]
    public void Read_WithoutAFormat_ReadsTheRealTakeoutSampleAndGeoLifeFile()
    {
        using var takeout = File.OpenRead(SharedDataFolder.Path("formats", "google_takeout_records_sample.json"));
        using var plt = File.OpenRead(SharedDataFolder.Path("geolife", "full_labels", "010", "Trajectory", "20070804033032.plt"));

        Assert.Equal(12, Input.Fixes(LocationFileReader.Read(takeout, "renamed.csv")).Count);
        Assert.Equal(1116, Input.Fixes(LocationFileReader.Read(plt)).Count);
    }

    [Fact]
    public void Read_UnrecognisedContent_YieldsOneUnknownFormatRejection()
    {
        Assert.Equal([ImportRecord.Reject(0, RejectReasons.UnknownFormat)], LocationFileReader.Read(Input.Utf8("just some words\n")));
    }

    [Fact]
    public void Detect_ReturnsAReplayStreamStartingAtTheFirstByte()
    {
        var format = LocationFileReader.Detect(Input.NonSeekable("Geolife trajectory\nline 2\n"), out var replay);

        using var reader = new StreamReader(replay);
        Assert.Equal(FileFormat.GeoLifePlt, format);
        Assert.Equal("Geolife trajectory\nline 2\n", reader.ReadToEnd());
    }
}
