using System.Text.Json;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Reads the Google Maps on-device Timeline export (the successor of Takeout's Location History), one segment
/// or raw signal at a time, so memory is bounded by the largest segment rather than the file.
/// </summary>
/// <remarks>
/// <para>Accepted shapes:</para>
/// <list type="bullet">
/// <item>Android export: <c>{"semanticSegments": [...], "rawSignals": [...], ...}</c>;</item>
/// <item>iOS export: a top-level array of segments.</item>
/// </list>
/// <para>What becomes a fix:</para>
/// <list type="bullet">
/// <item><c>timelinePath[]</c> entries <c>{"point": "48.1234567°, 11.1234567°", "time": "..."}</c>; on iOS the time is
/// <c>durationMinutesOffsetFromStartTime</c> minutes after the segment's <c>startTime</c>;</item>
/// <item><c>visit.topCandidate.placeLocation</c> (<c>{"latLng": "..."}</c> or a string): a fix at the segment's
/// <c>startTime</c> and another at its <c>endTime</c> (accuracy unknown);</item>
/// <item><c>rawSignals[].position</c>: <c>LatLng</c>, <c>accuracyMeters</c>, <c>altitudeMeters</c>,
/// <c>speedMetersPerSecond</c>, <c>timestamp</c>.</item>
/// </list>
/// <para>
/// <c>rawSignals[].activityRecord</c> becomes an <see cref="ActivitySample"/> with its most confident
/// <c>probableActivities</c> entry; confidences written as fractions (≤ 1) are scaled to 0..100. Segment-level
/// <c>activity</c> (an inferred travel mode with start and end places) is not imported: it is the export's
/// own interpretation, not a measurement. Coordinate strings may be <c>"lat°, lon°"</c>, <c>"lat,lon"</c> or
/// <c>"geo:lat,lon"</c>. Times carry their own UTC offset; without one they are UTC. Positions are the 0-based
/// index of the segment (or raw signal) in its array.
/// </para>
/// </remarks>
public static class GoogleTimelineReader
{
    /// <summary>Reads <paramref name="stream"/> lazily; the stream is left open.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream);
    }

    private static IEnumerable<ImportRecord> ReadCore(Stream stream)
    {
        var json = new JsonTokenStream(stream);
        var segment = new SegmentState();
        if (!json.Read())
        {
            yield return ImportRecord.Reject(0, json.Failed ? RejectReasons.BadJson : RejectReasons.UnexpectedStructure);
            yield break;
        }

        if (json.TokenType == JsonTokenType.StartArray)
        {
            foreach (var record in ReadElements(json, segment))
            {
                yield return record;
            }
        }
        else if (json.TokenType == JsonTokenType.StartObject)
        {
            while (json.NextProperty())
            {
                if (json.Is("semanticSegments"u8) || json.Is("rawSignals"u8))
                {
                    if (!json.Read())
                    {
                        break;
                    }

                    if (json.TokenType == JsonTokenType.StartArray)
                    {
                        foreach (var record in ReadElements(json, segment))
                        {
                            yield return record;
                        }

                        continue;
                    }
                }

                if (!json.Skip())
                {
                    break;
                }
            }
        }
        else
        {
            yield return ImportRecord.Reject(0, RejectReasons.UnexpectedStructure);
            yield break;
        }

        if (json.Failed)
        {
            yield return ImportRecord.Reject(segment.Index, RejectReasons.BadJson);
        }
    }

    /// <summary>Reads the elements of the array the stream is on, each a segment or a raw signal.</summary>
    private static IEnumerable<ImportRecord> ReadElements(JsonTokenStream json, SegmentState segment)
    {
        long index = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            segment.Index = index;
            if (json.TokenType != JsonTokenType.StartObject)
            {
                if (!json.Skip())
                {
                    yield break;
                }

                yield return ImportRecord.Reject(index++, RejectReasons.UnexpectedStructure);
                continue;
            }

            segment.Reset();
            if (!ParseElement(json, segment))
            {
                yield break;
            }

            segment.Emit(index);
            foreach (var record in segment.Output)
            {
                yield return record;
            }

            index++;
        }
    }

    private static bool ParseElement(JsonTokenStream json, SegmentState segment)
    {
        while (json.NextProperty())
        {
            if (json.Is("startTime"u8) || json.Is("endTime"u8))
            {
                var start = json.Is("startTime"u8);
                if (!json.Read())
                {
                    return false;
                }

                var valid = json.TryGetTime(out var ms);
                if (start)
                {
                    segment.Start.Set(valid, ms);
                }
                else
                {
                    segment.End.Set(valid, ms);
                }
            }
            else if (json.Is("timelinePath"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartArray)
                {
                    if (!ParsePath(json, segment))
                    {
                        return false;
                    }

                    continue;
                }
            }
            else if (json.Is("visit"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartObject)
                {
                    if (!ParseVisit(json, segment))
                    {
                        return false;
                    }

                    continue;
                }
            }
            else if (json.Is("position"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartObject)
                {
                    if (!ParsePosition(json, segment))
                    {
                        return false;
                    }

                    continue;
                }
            }
            else if (json.Is("activityRecord"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartObject)
                {
                    if (!ParseActivityRecord(json, segment))
                    {
                        return false;
                    }

                    continue;
                }
            }

            // Scalars were consumed above; this skips unknown properties and unexpected containers.
            if (!json.Skip())
            {
                return false;
            }
        }

        return !json.Failed;
    }

    private static bool ParsePath(JsonTokenStream json, SegmentState segment)
    {
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.StartObject)
            {
                if (!json.Skip())
                {
                    return false;
                }

                continue;
            }

            var point = default(PathPoint);
            while (json.NextProperty())
            {
                if (json.Is("point"u8) || json.Is("latLng"u8) || json.Is("LatLng"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    point.Location = ReadLatLng(json);
                }
                else if (json.Is("time"u8) || json.Is("timestamp"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    point.Time.Set(json.TryGetTime(out var ms), ms);
                }
                else if (json.Is("durationMinutesOffsetFromStartTime"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    point.OffsetMinutes = json.TryGetNumber(out var minutes) ? minutes : double.NaN;
                }

                if (!json.Skip())
                {
                    return false;
                }
            }

            if (json.Failed)
            {
                return false;
            }

            segment.Path.Add(point);
        }

        return !json.Failed;
    }

    private static bool ParseVisit(JsonTokenStream json, SegmentState segment)
    {
        segment.HasVisit = true;
        while (json.NextProperty())
        {
            if (json.Is("topCandidate"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartObject)
                {
                    while (json.NextProperty())
                    {
                        if (json.Is("placeLocation"u8))
                        {
                            if (!json.Read())
                            {
                                return false;
                            }

                            if (json.TokenType == JsonTokenType.String)
                            {
                                segment.VisitLocation = ReadLatLng(json);
                            }
                            else if (json.TokenType == JsonTokenType.StartObject)
                            {
                                while (json.NextProperty())
                                {
                                    if (json.Is("latLng"u8) || json.Is("LatLng"u8))
                                    {
                                        if (!json.Read())
                                        {
                                            return false;
                                        }

                                        segment.VisitLocation = ReadLatLng(json);
                                    }

                                    if (!json.Skip())
                                    {
                                        return false;
                                    }
                                }

                                continue;
                            }
                        }

                        if (!json.Skip())
                        {
                            return false;
                        }
                    }

                    continue;
                }
            }

            if (!json.Skip())
            {
                return false;
            }
        }

        return !json.Failed;
    }

    private static bool ParsePosition(JsonTokenStream json, SegmentState segment)
    {
        segment.HasPosition = true;
        while (json.NextProperty())
        {
            if (json.Is("LatLng"u8) || json.Is("latLng"u8) || json.Is("point"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                segment.Position.Location = ReadLatLng(json);
            }
            else if (json.Is("timestamp"u8) || json.Is("time"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                segment.Position.Time.Set(json.TryGetTime(out var ms), ms);
            }
            else if (json.Is("accuracyMeters"u8))
            {
                segment.Position.Accuracy = ReadNumber(json);
            }
            else if (json.Is("altitudeMeters"u8))
            {
                segment.Position.Altitude = ReadNumber(json);
            }
            else if (json.Is("speedMetersPerSecond"u8))
            {
                segment.Position.Speed = ReadNumber(json);
            }

            if (!json.Skip())
            {
                return false;
            }
        }

        return !json.Failed;
    }

    private static bool ParseActivityRecord(JsonTokenStream json, SegmentState segment)
    {
        var best = default(TakeoutRecordsReader.ActivityCandidate);
        while (json.NextProperty())
        {
            if (json.Is("timestamp"u8) || json.Is("time"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                segment.ActivityTime.Set(json.TryGetTime(out var ms), ms);
            }
            else if (json.Is("probableActivities"u8) || json.Is("activities"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartArray)
                {
                    if (!TakeoutRecordsReader.ParseCandidates(json, ref best))
                    {
                        return false;
                    }

                    continue;
                }
            }

            if (!json.Skip())
            {
                return false;
            }
        }

        if (best.Found)
        {
            segment.HasActivity = true;
            segment.ActivityType = best.Type;
            segment.ActivityConfidence = best.RawConfidence <= 1
                ? (int)Math.Round(Math.Clamp(best.RawConfidence, 0, 1) * 100)
                : best.Confidence;
        }

        return !json.Failed;
    }

    private static double? ReadNumber(JsonTokenStream json) => json.Read() && json.TryGetNumber(out var value) ? value : null;

    /// <summary>Parses the current string token as a coordinate pair.</summary>
    private static LatLng ReadLatLng(JsonTokenStream json)
    {
        Span<char> chars = stackalloc char[128];
        if (json.TokenType != JsonTokenType.String)
        {
            return new LatLng(LatLngState.Bad, 0, 0, null);
        }

        return json.TryGetChars(chars, out var length)
            && ValueParser.TryParseLatLng(chars[..length], out var latitude, out var longitude, out var accuracy)
            ? new LatLng(LatLngState.Valid, latitude, longitude, accuracy)
            : new LatLng(LatLngState.Bad, 0, 0, null);
    }

    private enum LatLngState : byte
    {
        Missing,
        Valid,
        Bad,
    }

    private readonly record struct LatLng(LatLngState State, double Latitude, double Longitude, double? Accuracy)
    {
        public string? Problem => State switch
        {
            LatLngState.Missing => RejectReasons.MissingCoordinates,
            LatLngState.Bad => RejectReasons.BadNumber,
            _ => ValueParser.CheckCoordinates(Latitude, Longitude),
        };
    }

    private struct PathPoint
    {
        public LatLng Location;
        public TimeValue Time;
        public double? OffsetMinutes;
    }

    private struct RawPosition
    {
        public LatLng Location;
        public TimeValue Time;
        public double? Accuracy;
        public double? Altitude;
        public double? Speed;
    }

    /// <summary>Everything one array element held, reused from element to element.</summary>
    private sealed class SegmentState
    {
        public TimeValue Start;
        public TimeValue End;
        public TimeValue ActivityTime;
        public RawPosition Position;

        public long Index { get; set; }
        public List<PathPoint> Path { get; } = [];
        public bool HasVisit { get; set; }
        public LatLng VisitLocation { get; set; }
        public bool HasPosition { get; set; }
        public bool HasActivity { get; set; }
        public ActivityType ActivityType { get; set; }
        public int ActivityConfidence { get; set; }
        public List<ImportRecord> Output { get; } = [];

        public void Reset()
        {
            Start = End = ActivityTime = default;
            Position = default;
            Path.Clear();
            HasVisit = HasPosition = HasActivity = false;
            VisitLocation = default;
            Output.Clear();
        }

        public void Emit(long index)
        {
            if (HasVisit)
            {
                EmitVisit(index);
            }

            foreach (var point in Path)
            {
                if (point.Location.Problem is { } problem)
                {
                    Output.Add(ImportRecord.Reject(index, problem));
                }
                else if (point.Time.IsSet)
                {
                    Output.Add(point.Time.Problem is { } timeProblem
                        ? ImportRecord.Reject(index, timeProblem)
                        : ValueParser.MakeFix(index, point.Time.EpochMs, point.Location.Latitude, point.Location.Longitude, point.Location.Accuracy));
                }
                else if (point.OffsetMinutes is { } minutes)
                {
                    Output.Add(!double.IsFinite(minutes) ? ImportRecord.Reject(index, RejectReasons.BadTime)
                        : Start.Problem is { } startProblem ? ImportRecord.Reject(index, startProblem)
                        : ValueParser.MakeFix(
                            index, Start.EpochMs + (long)Math.Round(minutes * 60_000),
                            point.Location.Latitude, point.Location.Longitude, point.Location.Accuracy));
                }
                else
                {
                    Output.Add(ImportRecord.Reject(index, RejectReasons.MissingTime));
                }
            }

            if (HasVisit && VisitLocation.Problem is null && End.IsSet && (!End.IsValid || !Start.IsValid || End.EpochMs != Start.EpochMs))
            {
                Output.Add(End.Problem is { } endProblem
                    ? ImportRecord.Reject(index, endProblem)
                    : ValueParser.MakeFix(index, End.EpochMs, VisitLocation.Latitude, VisitLocation.Longitude, VisitLocation.Accuracy));
            }

            if (HasPosition)
            {
                var location = Position.Location;
                Output.Add(location.Problem is { } problem ? ImportRecord.Reject(index, problem)
                    : Position.Time.Problem is { } timeProblem ? ImportRecord.Reject(index, timeProblem)
                    : ValueParser.MakeFix(
                        index, Position.Time.EpochMs, location.Latitude, location.Longitude,
                        Position.Accuracy ?? location.Accuracy, Position.Altitude, Position.Speed));
            }

            if (HasActivity)
            {
                Output.Add(ActivityTime.Problem is { } problem
                    ? ImportRecord.Reject(index, problem)
                    : ImportRecord.ForActivity(new ActivitySample(ActivityTime.EpochMs, ActivityType, ActivityConfidence), index));
            }
        }

        private void EmitVisit(long index)
        {
            if (VisitLocation.Problem is { } problem)
            {
                Output.Add(ImportRecord.Reject(index, problem));
                return;
            }

            Output.Add(Start.Problem is { } startProblem
                ? ImportRecord.Reject(index, startProblem)
                : ValueParser.MakeFix(index, Start.EpochMs, VisitLocation.Latitude, VisitLocation.Longitude, VisitLocation.Accuracy));
        }
    }
}
