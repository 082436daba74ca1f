using System.Text.Json;
using Itinera.Api.Http;
using Itinera.Core.Ingestion;
using Itinera.Core.Time;
using Microsoft.AspNetCore.Http;

namespace Itinera.Api.Uploads;

/// <summary>Limits of one upload; exceeding one answers 413. See docs/sdk-api.md.</summary>
public sealed record UploadLimits
{
    public long MaxBodyBytes { get; init; } = 16L * 1024 * 1024;
    public int MaxFixes { get; init; } = 100_000;
    public int MaxActivities { get; init; } = 20_000;
    public int MaxMotionBatches { get; init; } = 2_000;
    public int MaxMotionSamples { get; init; } = 500_000;
    public int MaxPhoneEvents { get; init; } = 20_000;
}

/// <summary>
/// Parses the body of <c>POST /v3/sdk/uploads</c> with a forward-only JSON reader (no document tree, so a
/// 1,000-fix upload costs microseconds). Wrong JSON types anywhere make the whole upload a 400; values that
/// are well-typed but implausible refuse only their item, with a reason from <see cref="SensorValidator"/>.
/// </summary>
public static class UploadParser
{
    /// <summary>Thrown inside the parser for a structural problem; becomes a 400 or 413.</summary>
    private sealed class UploadFormatException(ApiError error) : Exception(error.Message)
    {
        public ApiError Error { get; } = error;
    }

    public static (UploadBatch? Batch, ApiError? Error) Parse(ReadOnlySpan<byte> json, long nowMs, UploadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            Expect(ref reader, JsonTokenType.StartObject, "The upload must be a JSON object.");
            string? uploadId = null;
            string? timezone = null;
            var batch = new UploadBatch("");
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                Next(ref reader);
                switch (name)
                {
                    case "upload_id":
                        uploadId = ReadUploadId(ref reader);
                        break;
                    case "timezone":
                        timezone = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, "timezone");
                        break;
                    case "fixes":
                        ReadArray(ref reader, "fixes", limits.MaxFixes, batch, nowMs, ReadFix);
                        break;
                    case "activities":
                        ReadArray(ref reader, "activities", limits.MaxActivities, batch, nowMs, ReadActivity);
                        break;
                    case "motion":
                        ReadArray(ref reader, "motion", limits.MaxMotionBatches, batch, nowMs, (ref r, b, i, now) => ReadMotion(ref r, b, i, now, limits));
                        break;
                    case "phone_events":
                        ReadArray(ref reader, "phone_events", limits.MaxPhoneEvents, batch, nowMs, ReadPhoneEvent);
                        break;
                    default:
                        // Unknown members are skipped so that newer SDKs can send more.
                        reader.Skip();
                        break;
                }
            }

            if (uploadId is null)
            {
                return (null, ApiError.InvalidParameter("'upload_id' is required: a client-chosen id that makes retries safe."));
            }

            if (timezone is not null && !TimeZones.IsKnown(timezone))
            {
                return (null, ApiError.InvalidParameter($"'timezone' must be an IANA time zone such as Europe/Brussels, not '{timezone}'."));
            }

            if (batch.ValidCount + batch.Rejected.Count == 0)
            {
                return (null, ApiError.InvalidParameter("At least one of 'fixes', 'activities', 'motion' and 'phone_events' must be a non-empty list."));
            }

            batch.UploadId = uploadId;
            batch.TimeZoneId = timezone;
            return (batch, null);
        }
        catch (UploadFormatException e)
        {
            return (null, e.Error);
        }
        catch (JsonException e)
        {
            return (null, JsonBody.InvalidJson(e));
        }
    }

    private delegate void ItemReader(ref Utf8JsonReader reader, UploadBatch batch, int index, long nowMs);

    private static void ReadArray(ref Utf8JsonReader reader, string name, int max, UploadBatch batch, long nowMs, ItemReader read)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid($"'{name}' must be a list.");
        }

        var index = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (index >= max)
            {
                throw new UploadFormatException(new ApiError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                    $"'{name}' may hold at most {max} items per upload; split the upload."));
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid($"{name}[{index}] must be an object.");
            }

            read(ref reader, batch, index, nowMs);
            index++;
        }
    }

    private static void ReadFix(ref Utf8JsonReader reader, UploadBatch batch, int index, long nowMs)
    {
        long? timestamp = null;
        string? timestampError = null;
        double? lat = null, lon = null, accuracy = null, altitude = null, speed = null, bearing = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var field = PropertyName(ref reader);
            Next(ref reader);
            switch (field)
            {
                case Field.Timestamp: (timestamp, timestampError) = ReadTimestamp(ref reader, "fixes", index); break;
                case Field.Latitude: lat = ReadNumber(ref reader, "fixes", index, "latitude"); break;
                case Field.Longitude: lon = ReadNumber(ref reader, "fixes", index, "longitude"); break;
                case Field.Accuracy: accuracy = ReadNumber(ref reader, "fixes", index, "accuracy"); break;
                case Field.Altitude: altitude = ReadNumber(ref reader, "fixes", index, "altitude"); break;
                case Field.Speed: speed = ReadNumber(ref reader, "fixes", index, "speed"); break;
                case Field.Bearing: bearing = ReadNumber(ref reader, "fixes", index, "bearing"); break;
                default: reader.Skip(); break;
            }
        }

        if (timestamp is null)
        {
            batch.Rejected.Add(new Rejection("fixes", index, timestampError ?? "MISSING_TIMESTAMP"));
            return;
        }

        if (lat is null || lon is null)
        {
            batch.Rejected.Add(new Rejection("fixes", index, "MISSING_COORDINATES"));
            return;
        }

        // The platform's convention: a negative speed or bearing means "not measured".
        var fix = new Fix(timestamp.Value, lat.Value, lon.Value, accuracy, altitude, speed < 0 ? null : speed, bearing < 0 ? null : bearing);
        if (SensorValidator.CheckFix(fix, nowMs) is { } reason)
        {
            batch.Rejected.Add(new Rejection("fixes", index, reason));
            return;
        }

        batch.Fixes.Add(fix);
    }

    private static void ReadActivity(ref Utf8JsonReader reader, UploadBatch batch, int index, long nowMs)
    {
        long? timestamp = null;
        string? timestampError = null;
        string? type = null;
        var confidence = 100.0;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var field = PropertyName(ref reader);
            Next(ref reader);
            switch (field)
            {
                case Field.Timestamp: (timestamp, timestampError) = ReadTimestamp(ref reader, "activities", index); break;
                case Field.Type: type = ReadString(ref reader, $"activities[{index}].type"); break;
                case Field.Confidence: confidence = ReadNumber(ref reader, "activities", index, "confidence") ?? 100; break;
                default: reader.Skip(); break;
            }
        }

        if (timestamp is null)
        {
            batch.Rejected.Add(new Rejection("activities", index, timestampError ?? "MISSING_TIMESTAMP"));
            return;
        }

        if (type is null || !SensorWireNames.TryParseActivity(type, out var activity))
        {
            batch.Rejected.Add(new Rejection("activities", index, "UNKNOWN_ACTIVITY_TYPE"));
            return;
        }

        var sample = new ActivitySample(timestamp.Value, activity, confidence is >= 0 and <= 100 ? (int)Math.Round(confidence) : -1);
        if (SensorValidator.CheckActivity(sample, nowMs) is { } reason)
        {
            batch.Rejected.Add(new Rejection("activities", index, reason));
            return;
        }

        batch.Activities.Add(sample);
    }

    private static void ReadMotion(ref Utf8JsonReader reader, UploadBatch batch, int index, long nowMs, UploadLimits limits)
    {
        long? start = null;
        string? startError = null;
        double? rate = null;
        var frame = MotionFrame.Device;
        var frameKnown = true;
        List<float>? accelerometer = null;
        List<float>? gyroscope = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var field = PropertyName(ref reader);
            Next(ref reader);
            switch (field)
            {
                case Field.Start: (start, startError) = ReadTimestamp(ref reader, "motion", index); break;
                case Field.RateHz: rate = ReadNumber(ref reader, "motion", index, "rate_hz"); break;
                case Field.Frame:
                    frameKnown = SensorWireNames.TryParseFrame(ReadString(ref reader, $"motion[{index}].frame"), out frame);
                    break;
                case Field.Accelerometer: accelerometer = ReadSamples(ref reader, index, "accelerometer", limits.MaxMotionSamples); break;
                case Field.Gyroscope: gyroscope = reader.TokenType == JsonTokenType.Null ? null : ReadSamples(ref reader, index, "gyroscope", limits.MaxMotionSamples); break;
                default: reader.Skip(); break;
            }
        }

        string? reason = start is null ? startError ?? "MISSING_TIMESTAMP"
            : rate is null ? "MISSING_RATE"
            : !frameKnown ? "UNKNOWN_FRAME"
            : accelerometer is null ? "BAD_SAMPLES"
            : null;
        if (reason is null)
        {
            var motion = new MotionBatch(start!.Value, rate!.Value, frame, [.. accelerometer!], gyroscope is null ? null : [.. gyroscope]);
            reason = SensorValidator.CheckMotion(motion, nowMs);
            if (reason is null)
            {
                batch.Motion.Add(motion);
                return;
            }
        }

        batch.Rejected.Add(new Rejection("motion", index, reason));
    }

    private static List<float> ReadSamples(ref Utf8JsonReader reader, int index, string name, int maxSamples)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid($"motion[{index}].{name} must be a list of [x, y, z] triples.");
        }

        var values = new List<float>(256 * 3);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Invalid($"motion[{index}].{name} must be a list of [x, y, z] triples.");
            }

            var axes = 0;
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || ++axes > 3)
                {
                    throw Invalid($"motion[{index}].{name} must be a list of [x, y, z] triples of numbers.");
                }

                values.Add((float)reader.GetDouble());
            }

            if (axes != 3)
            {
                throw Invalid($"motion[{index}].{name} must be a list of [x, y, z] triples.");
            }

            if (values.Count / 3 > maxSamples)
            {
                throw new UploadFormatException(new ApiError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                    $"A motion batch may hold at most {maxSamples} samples."));
            }
        }

        return values;
    }

    private static void ReadPhoneEvent(ref Utf8JsonReader reader, UploadBatch batch, int index, long nowMs)
    {
        long? timestamp = null;
        string? timestampError = null;
        string? type = null;
        bool? handsfree = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var field = PropertyName(ref reader);
            Next(ref reader);
            switch (field)
            {
                case Field.Timestamp: (timestamp, timestampError) = ReadTimestamp(ref reader, "phone_events", index); break;
                case Field.Type: type = ReadString(ref reader, $"phone_events[{index}].type"); break;
                case Field.Handsfree:
                    handsfree = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        JsonTokenType.Null => null,
                        _ => throw Invalid($"phone_events[{index}].handsfree must be true or false."),
                    };
                    break;
                default: reader.Skip(); break;
            }
        }

        if (timestamp is null)
        {
            batch.Rejected.Add(new Rejection("phone_events", index, timestampError ?? "MISSING_TIMESTAMP"));
            return;
        }

        if (type is null || !SensorWireNames.TryParsePhoneEvent(type, out var eventType))
        {
            batch.Rejected.Add(new Rejection("phone_events", index, "UNKNOWN_EVENT_TYPE"));
            return;
        }

        var e = new PhoneEvent(timestamp.Value, eventType, handsfree);
        if (SensorValidator.CheckPhoneEvent(e, nowMs) is { } reason)
        {
            batch.Rejected.Add(new Rejection("phone_events", index, reason));
            return;
        }

        batch.PhoneEvents.Add(e);
    }

    private enum Field
    {
        Other,
        Timestamp,
        Latitude,
        Longitude,
        Accuracy,
        Altitude,
        Speed,
        Bearing,
        Type,
        Confidence,
        Start,
        RateHz,
        Frame,
        Accelerometer,
        Gyroscope,
        Handsfree,
    }

    /// <summary>Maps a member name to a field without allocating a string.</summary>
    private static Field PropertyName(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw Invalid("Malformed object.");
        }

        ReadOnlySpan<byte> span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        return span switch
        {
            _ when span.SequenceEqual("timestamp"u8) => Field.Timestamp,
            _ when span.SequenceEqual("latitude"u8) => Field.Latitude,
            _ when span.SequenceEqual("longitude"u8) => Field.Longitude,
            _ when span.SequenceEqual("accuracy"u8) => Field.Accuracy,
            _ when span.SequenceEqual("altitude"u8) => Field.Altitude,
            _ when span.SequenceEqual("speed"u8) => Field.Speed,
            _ when span.SequenceEqual("bearing"u8) => Field.Bearing,
            _ when span.SequenceEqual("type"u8) => Field.Type,
            _ when span.SequenceEqual("confidence"u8) => Field.Confidence,
            _ when span.SequenceEqual("start"u8) => Field.Start,
            _ when span.SequenceEqual("rate_hz"u8) => Field.RateHz,
            _ when span.SequenceEqual("frame"u8) => Field.Frame,
            _ when span.SequenceEqual("accelerometer"u8) => Field.Accelerometer,
            _ when span.SequenceEqual("gyroscope"u8) => Field.Gyroscope,
            _ when span.SequenceEqual("handsfree"u8) => Field.Handsfree,
            _ => Field.Other,
        };
    }

    private static (long? Value, string? Error) ReadTimestamp(ref Utf8JsonReader reader, string list, int index)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return whole is > -1_000_000_000_000_000 and < 1_000_000_000_000_000 ? (whole, null) : (null, "BAD_TIMESTAMP");
                }

                var ms = reader.GetDouble();
                return double.IsFinite(ms) && Math.Abs(ms) < 1e15 ? ((long)Math.Round(ms), null) : (null, "BAD_TIMESTAMP");
            case JsonTokenType.String:
                var text = reader.GetString();
                return WireTime.TryParseInstant(text, out var instant) ? (instant.ToUnixTimeMilliseconds(), null) : (null, "BAD_TIMESTAMP");
            case JsonTokenType.Null:
                return (null, null);
            default:
                throw Invalid($"{list}[{index}].timestamp must be epoch milliseconds or an ISO-8601 string with offset.");
        }
    }

    private static double? ReadNumber(ref Utf8JsonReader reader, string list, int index, string name) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.Null => null,
        _ => throw Invalid($"{list}[{index}].{name} must be a number."),
    };

    private static string ReadString(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Invalid($"'{name}' must be a string.");

    private static string ReadUploadId(ref Utf8JsonReader reader)
    {
        var id = ReadString(ref reader, "upload_id");
        if (id.Length is 0 or > 128 || id.Any(static c => c < ' ' || c > '~'))
        {
            throw Invalid("'upload_id' must be 1 to 128 printable ASCII characters.");
        }

        return id;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw Invalid("The upload ends too early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (Next(ref reader) != type)
        {
            throw Invalid(message);
        }
    }

    private static UploadFormatException Invalid(string message) =>
        new(new ApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, message));
}
