using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class GeoJsonReaderTests
{
    [Fact]
    public void Read_PointFeatures_TakeTimeAccuracyAltitudeSpeedAndBearingFromProperties()
    {
        const string json = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [11.5, 48.1, 520]},
               "properties": {"time": "2024-05-01T12:00:00+02:00", "accuracy": 8, "speed": 1.5, "bearing": 90}},
              {"type": "Feature", "properties": {"timestamp": 1714557660, "altitude": 510, "speed_kmh": 18, "course": 45},
               "geometry": {"type": "Point", "coordinates": [11.6, 48.2, 999]}},
              {"type": "Feature", "geometry": {"coordinates": [11.7, 48.3], "type": "Point"}, "properties": {"datetime": "2024-05-01T10:02:00Z"}}
            ]}
            """;

        var fixes = Input.Fixes(GeoJsonReader.Read(Input.Utf8(json)));

        Assert.Equal(
            [
                new Fix(Input.Ms("2024-05-01T10:00:00Z"), 48.1, 11.5, 8, 520, 1.5, 90),
                new Fix(Input.Ms("2024-05-01T10:01:00Z"), 48.2, 11.6, null, 510, 5, 45),
                new Fix(Input.Ms("2024-05-01T10:02:00Z"), 48.3, 11.7),
            ],
            fixes);
    }

    [Fact]
    public void Read_LineStringWithCoordTimes_YieldsOneFixPerCoordinate()
    {
        // The shape togeojson writes for a GPX track.
        const string json = """
            {"type": "FeatureCollection", "features": [{"type": "Feature",
              "properties": {"name": "run", "time": "2024-05-01T10:00:00Z",
                "coordTimes": ["2024-05-01T10:00:00Z", "2024-05-01T10:00:05Z", "2024-05-01T10:00:10Z"]},
              "geometry": {"type": "LineString", "coordinates": [[11.5, 48.1, 500], [11.51, 48.11, 501], [11.52, 48.12]]}}]}
            """;

        var records = Input.All(GeoJsonReader.Read(Input.NonSeekable(json, 3)));

        Assert.Equal(
            [
                new Fix(Input.Ms("2024-05-01T10:00:00Z"), 48.1, 11.5, null, 500),
                new Fix(Input.Ms("2024-05-01T10:00:05Z"), 48.11, 11.51, null, 501),
                new Fix(Input.Ms("2024-05-01T10:00:10Z"), 48.12, 11.52),
            ],
            Input.Fixes(records));
        Assert.All(records, r => Assert.Equal(0, r.Position));
    }

    [Fact]
    public void Read_GeometryBeforeTimes_AndCoordinatePropertiesTimes_AreAccepted()
    {
        const string json = """
            {"type": "Feature",
              "geometry": {"type": "LineString", "coordinates": [[11.5, 48.1], [11.51, 48.11]]},
              "properties": {"coordinateProperties": {"times": ["2024-05-01T10:00:00Z", 1714557601000]}}}
            """;

        var fixes = Input.Fixes(GeoJsonReader.Read(Input.Utf8(json)));

        Assert.Equal([Input.Ms("2024-05-01T10:00:00Z"), 1714557601000], fixes.Select(f => f.TimestampMs));
    }

    [Fact]
    public void Read_MultiLineStringWithNestedTimes_IsFlattenedInOrder()
    {
        const string json = """
            {"type": "FeatureCollection", "features": [{"type": "Feature",
              "geometry": {"type": "MultiLineString", "coordinates": [[[1, 1], [2, 2]], [[3, 3]]]},
              "properties": {"times": [["2024-05-01T10:00:00Z", "2024-05-01T10:00:01Z"], ["2024-05-01T11:00:00Z"]]}}]}
            """;

        var fixes = Input.Fixes(GeoJsonReader.Read(Input.Utf8(json)));

        Assert.Equal([(1.0, 0L), (2.0, 1000L), (3.0, 3_600_000L)], fixes.Select(f => (f.Latitude, f.TimestampMs - Input.Ms("2024-05-01T10:00:00Z"))));
    }

    [Fact]
    public void Read_ProblemFeatures_AreRejectedWithTheirIndex()
    {
        const string json = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [11.5, 48.1]}, "properties": {"name": "no time"}},
              {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}, "properties": {}},
              {"type": "Feature", "geometry": null, "properties": {"time": "2024-05-01T10:00:00Z"}},
              {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 1], [2, 2]]}, "properties": {"coordTimes": ["2024-05-01T10:00:00Z"]}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 48]}, "properties": {"time": "2024-05-01T10:00:00Z"}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"time": "noon"}}
            ]}
            """;

        var records = Input.All(GeoJsonReader.Read(Input.Utf8(json)));

        Assert.Equal(
            [(0L, "MISSING_TIME"), (1L, "UNSUPPORTED_GEOMETRY"), (2L, "MISSING_COORDINATES"), (3L, "MISSING_TIME"), (4L, "LONGITUDE_OUT_OF_RANGE"), (5L, "BAD_TIME")],
            records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
        Assert.Equal(3, Assert.Single(records, r => r.Kind == ImportRecordKind.Fix).Position);
    }

    [Fact]
    public void Read_SingleFeature_AndACollectionsOwnProperties_AreHandled()
    {
        const string feature = """{"type": "Feature", "properties": {"time": "2024-05-01T10:00:00Z"}, "geometry": {"type": "Point", "coordinates": [2, 1]}}""";
        const string collection = """
            {"name": "export", "properties": {"author": "me"}, "crs": {"type": "name", "properties": {"name": "EPSG:4326"}},
             "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 1]}, "properties": {"time": "2024-05-01T10:00:00Z"}}],
             "type": "FeatureCollection"}
            """;

        Assert.Equal([ImportRecord.ForFix(new Fix(Input.Ms("2024-05-01T10:00:00Z"), 1, 2), 0)], GeoJsonReader.Read(Input.Utf8(feature)));
        Assert.Equal([ImportRecord.ForFix(new Fix(Input.Ms("2024-05-01T10:00:00Z"), 1, 2), 0)], GeoJsonReader.Read(Input.Utf8(collection)));
    }

    [Fact]
    public void Read_TopLevelArrayOfFeatures_IsAccepted()
    {
        const string json = """[{"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 1]}, "properties": {"time": "2024-05-01T10:00:00Z"}}]""";

        Assert.Equal([new Fix(Input.Ms("2024-05-01T10:00:00Z"), 1, 2)], Input.Fixes(GeoJsonReader.Read(Input.Utf8(json))));
    }

    [Fact]
    public void Read_TruncatedCollection_YieldsTheCompleteFeaturesThenBadJson()
    {
        const string json = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 1]}, "properties": {"time": "2024-05-01T10:00:00Z"}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2,
            """;

        var records = Input.All(GeoJsonReader.Read(Input.Utf8(json)));

        Assert.Equal(ImportRecordKind.Fix, records[0].Kind);
        Assert.Equal(ImportRecord.Reject(1, RejectReasons.BadJson), records[1]);
        Assert.Equal(2, records.Count);
    }
}
