using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class GoogleTimelineReaderTests
{
    private const string AndroidExport = """
        {
          "semanticSegments": [
            {
              "startTime": "2024-01-01T08:00:00.000+01:00",
              "endTime": "2024-01-01T09:30:00.000+01:00",
              "startTimeTimezoneUtcOffsetMinutes": 60,
              "visit": {
                "hierarchyLevel": 0,
                "probability": 0.93,
                "topCandidate": {
                  "placeId": "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
                  "semanticType": "HOME",
                  "probability": 0.81,
                  "placeLocation": { "latLng": "48.1351253°, 11.5819806°" }
                }
              }
            },
            {
              "startTime": "2024-01-01T09:30:00.000+01:00",
              "endTime": "2024-01-01T09:45:00.000+01:00",
              "activity": {
                "start": { "latLng": "48.1351253°, 11.5819806°" },
                "end": { "latLng": "48.1400000°, 11.5600000°" },
                "distanceMeters": 1800.5,
                "topCandidate": { "type": "IN_PASSENGER_VEHICLE", "probability": 0.88 }
              }
            },
            {
              "startTime": "2024-01-01T09:00:00.000+01:00",
              "endTime": "2024-01-01T11:00:00.000+01:00",
              "timelinePath": [
                { "point": "48.1351253°, 11.5819806°", "time": "2024-01-01T09:31:00.000+01:00" },
                { "point": "48.1380000°, 11.5700000°", "time": "2024-01-01T09:38:00.000+01:00" }
              ]
            }
          ],
          "rawSignals": [
            {
              "position": {
                "LatLng": "48.1351000°, 11.5819000°",
                "accuracyMeters": 12,
                "altitudeMeters": 519.6,
                "source": "WIFI",
                "timestamp": "2024-01-01T08:15:00.000+01:00",
                "speedMetersPerSecond": 0.5
              }
            },
            { "wifiScan": { "deliveryTime": "2024-01-01T08:16:00.000+01:00", "devicesRecords": [ { "mac": 1, "rawRssi": -60 } ] } },
            {
              "activityRecord": {
                "probableActivities": [ { "type": "STILL", "confidence": 0.3 }, { "type": "IN_VEHICLE", "confidence": 0.69 } ],
                "timestamp": "2024-01-01T09:33:00.000+01:00"
              }
            }
          ],
          "userLocationProfile": { "frequentPlaces": [ { "placeId": "x", "placeLocation": "48.1°, 11.5°", "label": "HOME" } ] }
        }
        """;

    [Fact]
    public void Read_AndroidExport_YieldsVisitEndsPathPointsAndRawPositions()
    {
        var records = Input.All(GoogleTimelineReader.Read(Input.Utf8(AndroidExport)));

        Assert.Empty(Input.Reasons(records));
        Assert.Equal(
            [
                new Fix(Input.Ms("2024-01-01T07:00:00Z"), 48.1351253, 11.5819806),
                new Fix(Input.Ms("2024-01-01T08:30:00Z"), 48.1351253, 11.5819806),
                new Fix(Input.Ms("2024-01-01T08:31:00Z"), 48.1351253, 11.5819806),
                new Fix(Input.Ms("2024-01-01T08:38:00Z"), 48.138, 11.57),
                new Fix(Input.Ms("2024-01-01T07:15:00Z"), 48.1351, 11.5819, 12, 519.6, 0.5),
            ],
            Input.Fixes(records));
        Assert.Equal([0L, 0, 2, 2, 0, 2], records.Select(r => r.Position));
    }

    [Fact]
    public void Read_AndroidExport_TurnsActivityRecordsIntoActivitySamples()
    {
        var activity = Assert.Single(GoogleTimelineReader.Read(Input.Utf8(AndroidExport)), r => r.Kind == ImportRecordKind.Activity);

        Assert.Equal(new ActivitySample(Input.Ms("2024-01-01T08:33:00Z"), ActivityType.InVehicle, 69), activity.Activity);
        Assert.Equal(2, activity.Position);
    }

    [Fact]
    public void Read_IosArrayExport_WithGeoStringsAndMinuteOffsets()
    {
        const string json = """
            [
              {
                "endTime": "2024-01-01T10:00:00.000+01:00",
                "startTime": "2024-01-01T08:00:00.000+01:00",
                "visit": {
                  "hierarchyLevel": "0",
                  "topCandidate": { "probability": "0.85", "semanticType": "Unknown", "placeID": "ChIJ", "placeLocation": "geo:48.135125,11.581981" },
                  "probability": "0.9"
                }
              },
              {
                "endTime": "2024-01-01T12:00:00.000+01:00",
                "startTime": "2024-01-01T10:00:00.000+01:00",
                "activity": { "probability": "0.9", "end": "geo:48.14,11.56", "topCandidate": { "type": "walking", "probability": "0.5" }, "start": "geo:48.135,11.58" }
              },
              {
                "endTime": "2024-01-01T12:00:00.000+01:00",
                "startTime": "2024-01-01T10:00:00.000+01:00",
                "timelinePath": [
                  { "point": "geo:48.135125,11.581981", "durationMinutesOffsetFromStartTime": "3" },
                  { "durationMinutesOffsetFromStartTime": "17", "point": "geo:48.14,11.56;u=20" }
                ]
              }
            ]
            """;

        var records = Input.All(GoogleTimelineReader.Read(Input.NonSeekable(json)));

        Assert.Empty(Input.Reasons(records));
        Assert.Equal(
            [
                new Fix(Input.Ms("2024-01-01T07:00:00Z"), 48.135125, 11.581981),
                new Fix(Input.Ms("2024-01-01T09:00:00Z"), 48.135125, 11.581981),
                new Fix(Input.Ms("2024-01-01T09:03:00Z"), 48.135125, 11.581981),
                new Fix(Input.Ms("2024-01-01T09:17:00Z"), 48.14, 11.56, 20),
            ],
            Input.Fixes(records));
        Assert.Equal([0L, 0, 2, 2], records.Select(r => r.Position));
    }

    [Fact]
    public void Read_SegmentArrayWithPlainTimelinePaths_IsAccepted()
    {
        const string json = """
            [{"startTime": "2024-01-01T09:00:00Z", "endTime": "2024-01-01T10:00:00Z",
              "timelinePath": [{"point": "-33.45°, -70.66°", "time": "2024-01-01T09:10:00Z"}]}]
            """;

        Assert.Equal([new Fix(Input.Ms("2024-01-01T09:10:00Z"), -33.45, -70.66)], Input.Fixes(GoogleTimelineReader.Read(Input.Utf8(json))));
    }

    [Fact]
    public void Read_EscapedDegreeSigns_AreDecoded()
    {
        const string json = """{"rawSignals": [{"position": {"LatLng": "48.5\u00b0, 11.25\u00B0", "timestamp": "2024-01-01T09:10:00Z"}}]}""";

        Assert.Equal([new Fix(Input.Ms("2024-01-01T09:10:00Z"), 48.5, 11.25)], Input.Fixes(GoogleTimelineReader.Read(Input.NonSeekable(json, 1))));
    }

    [Fact]
    public void Read_BadEntries_AreRejectedWithTheirSegmentIndex()
    {
        const string json = """
            {"semanticSegments": [
              {"startTime": "2024-01-01T09:00:00Z", "timelinePath": [
                {"point": "somewhere", "time": "2024-01-01T09:10:00Z"},
                {"point": "95°, 10°", "time": "2024-01-01T09:10:00Z"},
                {"point": "45°, 10°"},
                {"point": "45°, 10°", "time": "later"}]},
              {"endTime": "2024-01-01T10:00:00Z", "visit": {"topCandidate": {"placeLocation": {"latLng": "1°, 2°"}}}}
            ]}
            """;

        var records = Input.All(GoogleTimelineReader.Read(Input.Utf8(json)));

        Assert.Equal(
            [(0L, "BAD_NUMBER"), (0L, "LATITUDE_OUT_OF_RANGE"), (0L, "MISSING_TIME"), (0L, "BAD_TIME"), (1L, "MISSING_TIME")],
            records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
        Assert.Equal([new Fix(Input.Ms("2024-01-01T10:00:00Z"), 1, 2)], Input.Fixes(records));
    }
}
