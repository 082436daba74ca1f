using System.Globalization;
using System.Text.Json;
using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;
using Itinera.Core.Tests.Geo;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class TakeoutRecordsReaderTests
{
    private static string SamplePath => SharedDataFolder.Path("formats", "google_takeout_records_sample.json");

    [Fact]
    public void Read_RealSample_YieldsTwelveFixesWithTheExactE7CoordinatesTimesAndAccuracies()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SamplePath));
        var expected = document.RootElement.GetProperty("locations").EnumerateArray().Select(l => new Fix(
            long.Parse(l.GetProperty("timestampMs").GetString()!, CultureInfo.InvariantCulture),
            l.GetProperty("latitudeE7").GetInt64() / 1e7,
            l.GetProperty("longitudeE7").GetInt64() / 1e7,
            l.GetProperty("accuracy").GetDouble())).ToList();

        using var stream = File.OpenRead(SamplePath);
        var records = Input.All(TakeoutRecordsReader.Read(stream));

        Assert.Empty(Input.Reasons(records));
        var fixes = Input.Fixes(records);
        Assert.Equal(12, fixes.Count);
        Assert.Equal(expected, fixes);
        Assert.Equal(new Fix(1517755336082, 17.9883679, 79.6161282, 52), fixes[0]);
        Assert.Equal(new Fix(1517755887999, 17.9879857, 79.6014445, 24), fixes[^1]);
    }

    [Fact]
    public void Read_RealSample_YieldsTheTopActivityOfEveryEntry()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SamplePath));
        var expected = new List<(long, string, int)>();
        foreach (var location in document.RootElement.GetProperty("locations").EnumerateArray())
        {
            if (!location.TryGetProperty("activity", out var entries))
            {
                continue;
            }

            foreach (var entry in entries.EnumerateArray())
            {
                // Highest confidence; the first listed wins a tie.
                var top = entry.GetProperty("activity").EnumerateArray()
                    .Aggregate((best, next) => next.GetProperty("confidence").GetInt32() > best.GetProperty("confidence").GetInt32() ? next : best);
                expected.Add((long.Parse(entry.GetProperty("timestampMs").GetString()!, CultureInfo.InvariantCulture),
                    top.GetProperty("type").GetString()!, top.GetProperty("confidence").GetInt32()));
            }
        }

        using var stream = File.OpenRead(SamplePath);
        var activities = TakeoutRecordsReader.Read(stream).Where(r => r.Kind == ImportRecordKind.Activity).Select(r => r.Activity).ToList();

        Assert.Equal(25, activities.Count);
        Assert.Equal(expected.Count, activities.Count);
        Assert.Equal(expected.Select(e => (e.Item1, Map(e.Item2), e.Item3)), activities.Select(a => (a.TimestampMs, a.Type, a.Confidence)));
        Assert.Equal(new ActivitySample(1517753595506, ActivityType.Tilting, 100), activities[0]);
        Assert.Equal(new ActivitySample(1517755181530, ActivityType.Unknown, 40), activities[3]);
        Assert.Equal(new ActivitySample(1517755367519, ActivityType.OnBicycle, 33), activities[5]);
        // ON_FOOT 43 and WALKING 43 tie: both are walking.
        Assert.Contains(new ActivitySample(1517755469068, ActivityType.Walking, 43), activities);
        Assert.Contains(new ActivitySample(1517755639977, ActivityType.InVehicle, 66), activities);
    }

    [Fact]
    public void Read_RealSample_PutsEachLocationsActivitiesAfterItsFixWithTheSamePosition()
    {
        using var stream = File.OpenRead(SamplePath);

        var records = Input.All(TakeoutRecordsReader.Read(stream));

        Assert.Equal(ImportRecordKind.Fix, records[0].Kind);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 1], records.Take(7).Select(r => r.Position));
        Assert.Equal(ImportRecordKind.Fix, records[6].Kind);
        Assert.Equal(11, records[^1].Position);
    }

    [Theory]
    [InlineData("STILL", ActivityType.Still)]
    [InlineData("ON_FOOT", ActivityType.Walking)]
    [InlineData("WALKING", ActivityType.Walking)]
    [InlineData("RUNNING", ActivityType.Running)]
    [InlineData("ON_BICYCLE", ActivityType.OnBicycle)]
    [InlineData("IN_VEHICLE", ActivityType.InVehicle)]
    [InlineData("IN_ROAD_VEHICLE", ActivityType.InVehicle)]
    [InlineData("IN_RAIL_VEHICLE", ActivityType.InVehicle)]
    [InlineData("IN_FOUR_WHEELER_VEHICLE", ActivityType.InVehicle)]
    [InlineData("TILTING", ActivityType.Tilting)]
    [InlineData("UNKNOWN", ActivityType.Unknown)]
    [InlineData("EXITING_VEHICLE", ActivityType.Unknown)]
    public void Read_ActivityNames_MapToActivityTypes(string name, ActivityType expected)
    {
        var json = $$"""{"locations":[{"timestampMs":"1000","latitudeE7":1,"longitudeE7":2,"activity":[{"timestampMs":"900","activity":[{"type":"{{name}}","confidence":70}]}]}]}""";

        var activity = Assert.Single(TakeoutRecordsReader.Read(Input.Utf8(json)), r => r.Kind == ImportRecordKind.Activity).Activity;

        Assert.Equal(new ActivitySample(900, expected, 70), activity);
    }

    [Fact]
    public void Read_TopLevelArrayIsoTimestampsAndNumericTimestampMs_AreAccepted()
    {
        const string json = """
            [
              {"timestamp": "2022-03-01T10:00:00.123Z", "latitudeE7": 481234567, "longitudeE7": 111234567, "accuracy": 9,
               "altitude": 520, "velocity": 3, "heading": 370, "source": "WIFI"},
              {"timestampMs": 1646128800000, "latitudeE7": -337000000, "longitudeE7": -700000000}
            ]
            """;

        var fixes = Input.Fixes(TakeoutRecordsReader.Read(Input.NonSeekable(json)));

        Assert.Equal(
            [new Fix(Input.Ms("2022-03-01T10:00:00.123Z"), 48.1234567, 11.1234567, 9, 520, 3, 10), new Fix(1646128800000, -33.7, -70)],
            fixes);
    }

    [Fact]
    public void Read_OldUnsignedOverflowE7Values_AreWrappedBack()
    {
        // Old exports wrote negative E7 values as unsigned 32-bit integers.
        const string json = """{"locations":[{"timestampMs":"1000","latitudeE7":4294967295,"longitudeE7":4294967196}]}""";

        var fix = Assert.Single(Input.Fixes(TakeoutRecordsReader.Read(Input.Utf8(json))));

        Assert.Equal(-1e-7, fix.Latitude, 12);
        Assert.Equal(-1e-5, fix.Longitude, 12);
    }

    [Fact]
    public void Read_ActivityWithoutItsOwnTimestamp_UsesTheLocationsTime()
    {
        const string json = """{"locations":[{"activitys":[{"activities":[{"type":"STILL","confidence":80}]}],"timestampMs":"5000","latitudeE7":1,"longitudeE7":2}]}""";

        var records = Input.All(TakeoutRecordsReader.Read(Input.Utf8(json)));

        Assert.Equal(new ActivitySample(5000, ActivityType.Still, 80), Assert.Single(records, r => r.Kind == ImportRecordKind.Activity).Activity);
    }

    [Fact]
    public void Read_BadLocations_AreRejectedWithTheirIndex()
    {
        const string json = """
            {"locations":[
              {"latitudeE7":1,"longitudeE7":2},
              {"timestampMs":"soon","latitudeE7":1,"longitudeE7":2},
              {"timestampMs":"1000","longitudeE7":2},
              {"timestampMs":"1000","latitudeE7":950000000,"longitudeE7":2},
              {"timestampMs":"1000","latitudeE7":"north","longitudeE7":2},
              {"timestampMs":"1000","latitudeE7":1,"longitudeE7":2}
            ]}
            """;

        var records = Input.All(TakeoutRecordsReader.Read(Input.Utf8(json)));

        Assert.Equal(
            [(0L, "MISSING_TIME"), (1L, "BAD_TIME"), (2L, "MISSING_COORDINATES"), (3L, "LATITUDE_OUT_OF_RANGE"), (4L, "BAD_NUMBER")],
            records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
        Assert.Equal(5, Assert.Single(records, r => r.Kind == ImportRecordKind.Fix).Position);
    }

    [Fact]
    public void Read_EscapedStringsAndTokensLongerThanTheBuffer_ArriveIntactThroughATrickle()
    {
        var json = "{\"locations\":[{\"deviceTag\":\"" + new string('x', 200_000) + "\",\"timestamp\":\"2022-03-01T10:00:00\\u002e5Z\","
            + "\"latitudeE7\":10,\"longitudeE7\":20},{\"timestampMs\":\"1000\",\"latitudeE7\":30,\"longitudeE7\":40}]}";

        var fixes = Input.Fixes(TakeoutRecordsReader.Read(Input.NonSeekable(json, 3)));

        Assert.Equal([new Fix(Input.Ms("2022-03-01T10:00:00.5Z"), 1e-6, 2e-6), new Fix(1000, 3e-6, 4e-6)], fixes);
    }

    [Fact]
    public void Read_TruncatedFile_YieldsTheCompleteLocationsThenBadJson()
    {
        const string json = """{"locations":[{"timestampMs":"1000","latitudeE7":1,"longitudeE7":2},{"timestampMs":"2000","latit""";

        var records = Input.All(TakeoutRecordsReader.Read(Input.Utf8(json)));

        Assert.Equal(ImportRecordKind.Fix, records[0].Kind);
        Assert.Equal(ImportRecord.Reject(1, RejectReasons.BadJson), records[1]);
        Assert.Equal(2, records.Count);
    }

    private static ActivityType Map(string name) => name switch
    {
        "STILL" => ActivityType.Still,
        "ON_FOOT" or "WALKING" => ActivityType.Walking,
        "RUNNING" => ActivityType.Running,
        "ON_BICYCLE" => ActivityType.OnBicycle,
        "IN_VEHICLE" or "IN_ROAD_VEHICLE" or "IN_RAIL_VEHICLE" => ActivityType.InVehicle,
        "TILTING" => ActivityType.Tilting,
        _ => ActivityType.Unknown,
    };
}
