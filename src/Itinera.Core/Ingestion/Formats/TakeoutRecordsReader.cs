using System.Text.Json;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Reads the legacy Google Takeout <c>Records.json</c> (<c>{"locations": [...]}</c>, or a bare array of
/// locations), one location at a time over a refilled buffer, so memory does not grow with the file.
/// </summary>
/// <remarks>
/// <para>
/// Per location: <c>timestampMs</c> (epoch ms, usually a string) or <c>timestamp</c> (ISO-8601, newer exports);
/// <c>latitudeE7</c>/<c>longitudeE7</c> (degrees × 10⁷; values above 900000000 / 1800000000 are the known
/// unsigned-overflow bug of old exports and are wrapped back by 2³²); <c>accuracy</c> and <c>altitude</c>
/// metres, <c>velocity</c> m/s, <c>heading</c> degrees.
/// </para>
/// <para>
/// Each entry of <c>activity[]</c> (also the old spellings <c>activitys</c>/<c>activities</c>) becomes one
/// <see cref="ActivitySample"/> with the entry's top activity (highest confidence, first on ties) at the entry's
/// own timestamp, or the location's when it has none. Activity samples follow their location's fix. Positions
/// are the 0-based index of the location in the array.
/// </para>
/// </remarks>
public static class TakeoutRecordsReader
{
    private const double E7 = 1e7;
    private const long Wrap = 1L << 32;

    /// <summary>Reads <paramref name="stream"/> lazily; the stream is left open.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream);
    }

    private static IEnumerable<ImportRecord> ReadCore(Stream stream)
    {
        var json = new JsonTokenStream(stream);
        var location = new LocationState();
        long index = 0;
        if (!SeekLocations(json))
        {
            if (!json.Failed)
            {
                yield return ImportRecord.Reject(0, RejectReasons.UnexpectedStructure);
            }
        }
        else
        {
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType != JsonTokenType.StartObject)
                {
                    if (!json.Skip())
                    {
                        break;
                    }

                    yield return ImportRecord.Reject(index++, RejectReasons.UnexpectedStructure);
                    continue;
                }

                location.Reset();
                if (!ParseLocation(json, location))
                {
                    break;
                }

                yield return location.ToRecord(index);
                for (var i = 0; i < location.Activities.Count; i++)
                {
                    yield return location.ActivityRecord(i, index);
                }

                index++;
            }
        }

        if (json.Failed)
        {
            yield return ImportRecord.Reject(index, RejectReasons.BadJson);
        }
    }

    /// <summary>Leaves the stream on the start of the locations array; false if there is none.</summary>
    private static bool SeekLocations(JsonTokenStream json)
    {
        if (!json.Read())
        {
            return false;
        }

        if (json.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (json.NextProperty())
        {
            if (json.Is("locations"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (json.TokenType == JsonTokenType.StartArray)
                {
                    return true;
                }
            }

            if (!json.Skip())
            {
                return false;
            }
        }

        return false;
    }

    private static bool ParseLocation(JsonTokenStream json, LocationState location)
    {
        while (json.NextProperty())
        {
            if (json.Is("timestampMs"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                location.Time.Set(json.TryGetEpochMs(out var ms), ms);
            }
            else if (json.Is("timestamp"u8))
            {
                if (!json.Read())
                {
                    return false;
                }

                if (!location.Time.IsSet)
                {
                    location.Time.Set(json.TryGetTime(out var ms), ms);
                }
            }
            else if (json.Is("latitudeE7"u8) || json.Is("longitudeE7"u8))
            {
                var latitude = json.Is("latitudeE7"u8);
                if (!json.Read())
                {
                    return false;
                }

                if (!json.TryGetNumber(out var e7))
                {
                    location.BadCoordinate = true;
                }
                else if (latitude)
                {
                    location.Latitude = (e7 > 900_000_000 ? e7 - Wrap : e7) / E7;
                }
                else
                {
                    location.Longitude = (e7 > 1_800_000_000 ? e7 - Wrap : e7) / E7;
                }
            }
            else if (json.Is("accuracy"u8))
            {
                location.Accuracy = ReadNumber(json);
            }
            else if (json.Is("altitude"u8))
            {
                location.Altitude = ReadNumber(json);
            }
            else if (json.Is("velocity"u8))
            {
                location.Velocity = ReadNumber(json);
            }
            else if (json.Is("heading"u8))
            {
                location.Heading = ReadNumber(json);
            }
            else if (json.Is("activity"u8) || json.Is("activitys"u8) || json.Is("activities"u8))
            {
                if (!json.Read() || (json.TokenType == JsonTokenType.StartArray ? !ParseActivities(json, location) : !json.Skip()))
                {
                    return false;
                }

                continue;
            }

            // Scalars were consumed above; this skips the property's value when it is not one.
            if (!json.Skip())
            {
                return false;
            }
        }

        return !json.Failed;
    }

    /// <summary>Reads the next value as a number (null if it is not one), leaving the stream after it.</summary>
    private static double? ReadNumber(JsonTokenStream json) => json.Read() && json.TryGetNumber(out var value) ? value : null;

    private static bool ParseActivities(JsonTokenStream json, LocationState location)
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

            var entry = default(TimeValue);
            var best = default(ActivityCandidate);
            while (json.NextProperty())
            {
                if (json.Is("timestampMs"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    entry.Set(json.TryGetEpochMs(out var ms), ms);
                }
                else if (json.Is("timestamp"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    if (!entry.IsSet)
                    {
                        entry.Set(json.TryGetTime(out var ms), ms);
                    }
                }
                else if (json.Is("activity"u8) || json.Is("activities"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    if (json.TokenType == JsonTokenType.StartArray)
                    {
                        if (!ParseCandidates(json, ref best))
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

            if (json.Failed)
            {
                return false;
            }

            if (best.Found)
            {
                location.Activities.Add(new ActivityEntry(entry, best.Type, best.Confidence));
            }
        }

        return !json.Failed;
    }

    /// <summary>Reads <c>[{"type": ..., "confidence": ...}, ...]</c> keeping the most confident (first on ties).</summary>
    internal static bool ParseCandidates(JsonTokenStream json, ref ActivityCandidate best)
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

            ActivityType? type = null;
            double confidence = 0;
            while (json.NextProperty())
            {
                if (json.Is("type"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    if (json.TokenType == JsonTokenType.String)
                    {
                        type = ValueParser.MapActivity(json.Value);
                    }
                }
                else if (json.Is("confidence"u8))
                {
                    if (!json.Read())
                    {
                        return false;
                    }

                    if (json.TryGetNumber(out var c))
                    {
                        confidence = c;
                    }
                }

                if (!json.Skip())
                {
                    return false;
                }
            }

            if (type is { } t && (!best.Found || confidence > best.RawConfidence))
            {
                best = new ActivityCandidate(true, t, confidence);
            }
        }

        return !json.Failed;
    }

    /// <summary>The best activity of a list so far; <see cref="Confidence"/> is clamped to 0..100.</summary>
    internal readonly record struct ActivityCandidate(bool Found, ActivityType Type, double RawConfidence)
    {
        public int Confidence => (int)Math.Round(Math.Clamp(RawConfidence, 0, 100));
    }

    private readonly record struct ActivityEntry(TimeValue Time, ActivityType Type, int Confidence);

    private sealed class LocationState
    {
        public TimeValue Time;
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public bool BadCoordinate { get; set; }
        public double? Accuracy { get; set; }
        public double? Altitude { get; set; }
        public double? Velocity { get; set; }
        public double? Heading { get; set; }
        public List<ActivityEntry> Activities { get; } = [];

        public void Reset()
        {
            Time = default;
            Latitude = Longitude = Accuracy = Altitude = Velocity = Heading = null;
            BadCoordinate = false;
            Activities.Clear();
        }

        public ImportRecord ToRecord(long index)
        {
            if (BadCoordinate)
            {
                return ImportRecord.Reject(index, RejectReasons.BadNumber);
            }

            if (Latitude is not { } latitude || Longitude is not { } longitude)
            {
                return ImportRecord.Reject(index, RejectReasons.MissingCoordinates);
            }

            var coordinates = ValueParser.CheckCoordinates(latitude, longitude);
            if (coordinates is not null)
            {
                return ImportRecord.Reject(index, coordinates);
            }

            return Time.Problem is { } problem
                ? ImportRecord.Reject(index, problem)
                : ValueParser.MakeFix(index, Time.EpochMs, latitude, longitude, Accuracy, Altitude, Velocity, Heading);
        }

        public ImportRecord ActivityRecord(int i, long index)
        {
            var entry = Activities[i];
            var time = entry.Time.IsSet ? entry.Time : Time;
            return time.Problem is { } problem
                ? ImportRecord.Reject(index, problem)
                : ImportRecord.ForActivity(new ActivitySample(time.EpochMs, entry.Type, entry.Confidence), index);
        }
    }
}
