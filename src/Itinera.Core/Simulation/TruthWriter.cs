using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Itinera.Core.Time;

namespace Itinera.Core.Simulation;

/// <summary>
/// Writes the truth JSON document, one user at a time, with <see cref="Utf8JsonWriter"/>:
/// <c>{"start", "end", "time_zone", "users": [{"user_id", "external_id", "persona", "places", "stays",
/// "transports", "harsh_events", "speeding", "phone_use", "expected_segments", "anomalies"}]}</c>.
/// Timestamps are local ISO-8601 with milliseconds and offset (<c>2026-01-05T08:12:03.000+01:00</c>), dates
/// <c>YYYY-MM-DD</c>, field names snake_case with units (<c>distance_m</c>, <c>limit_kmh</c>, <c>speed_kmh</c>,
/// <c>magnitude_mps2</c>, <c>radius_m</c>); the output is byte-identical for identical input.
/// </summary>
/// <remarks>
/// Usage: construct (writes the header), call <see cref="WriteUser"/> per user (each is flushed to the stream),
/// then <see cref="Complete"/>. The stream is left open.
/// </remarks>
public sealed class TruthWriter : IDisposable
{
    private readonly Utf8JsonWriter _json;
    private readonly string _timeZoneId;
    private bool _completed;

    /// <summary>Starts the document: writes <c>start</c>, <c>end</c>, <c>time_zone</c> and opens <c>users</c>.</summary>
    public TruthWriter(Stream stream, DateTimeOffset start, DateTimeOffset end, string timeZoneId, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(timeZoneId);
        _timeZoneId = timeZoneId;
        // The relaxed encoder keeps '+' of offsets and accented names readable; the file is data, never embedded in HTML.
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _json.WriteStartObject();
        _json.WriteString("start", Time(start));
        _json.WriteString("end", Time(end));
        _json.WriteString("time_zone", timeZoneId);
        _json.WriteStartArray("users");
    }

    /// <summary>Writes a whole document.</summary>
    public static void Write(Stream stream, SimulationTruth truth, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(truth);
        using var writer = new TruthWriter(stream, truth.Start, truth.End, truth.TimeZoneId, indented);
        foreach (var user in truth.Users)
        {
            writer.WriteUser(user);
        }

        writer.Complete();
    }

    /// <summary>Appends one user and flushes.</summary>
    public void WriteUser(UserTruth user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ObjectDisposedException.ThrowIf(_completed, this);
        var json = _json;
        json.WriteStartObject();
        if (user.UserId is null)
        {
            json.WriteNull("user_id");
        }
        else
        {
            json.WriteString("user_id", user.UserId);
        }

        json.WriteString("external_id", user.ExternalId);
        json.WriteString("persona", user.Persona);

        json.WriteStartArray("places");
        foreach (var place in user.Places)
        {
            json.WriteStartObject();
            json.WriteString("id", place.PlaceId);
            json.WriteString("kind", place.Kind);
            json.WriteString("category", place.Category);
            json.WriteString("name", place.Name);
            json.WriteNumber("latitude", Math.Round(place.Latitude, 7));
            json.WriteNumber("longitude", Math.Round(place.Longitude, 7));
            json.WriteNumber("radius_m", place.RadiusMeters);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("stays");
        foreach (var stay in user.Stays)
        {
            json.WriteStartObject();
            json.WriteString("start", Time(stay.Start));
            json.WriteString("end", Time(stay.End));
            json.WriteString("place", stay.PlaceId);
            json.WriteNumber("latitude", Math.Round(stay.Latitude, 7));
            json.WriteNumber("longitude", Math.Round(stay.Longitude, 7));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("transports");
        foreach (var transport in user.Transports)
        {
            json.WriteStartObject();
            json.WriteString("mode", transport.Mode);
            json.WriteString("start", Time(transport.Start));
            json.WriteString("end", Time(transport.End));
            json.WriteNumber("distance_m", Math.Round(transport.DistanceMeters, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("harsh_events");
        foreach (var harsh in user.HarshEvents)
        {
            json.WriteStartObject();
            json.WriteString("time", Time(harsh.Time));
            json.WriteString("kind", harsh.Kind);
            json.WriteNumber("magnitude_mps2", Math.Round(harsh.MagnitudeMetersPerSecondSquared, 2));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("speeding");
        foreach (var speeding in user.Speeding)
        {
            json.WriteStartObject();
            json.WriteString("start", Time(speeding.Start));
            json.WriteString("end", Time(speeding.End));
            json.WriteNumber("limit_kmh", speeding.LimitKmh);
            json.WriteNumber("speed_kmh", Math.Round(speeding.SpeedKmh, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("phone_use");
        foreach (var use in user.PhoneUse)
        {
            json.WriteStartObject();
            json.WriteString("start", Time(use.Start));
            json.WriteString("end", Time(use.End));
            json.WriteString("kind", use.Kind);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("expected_segments");
        foreach (var segment in user.ExpectedSegments)
        {
            json.WriteStringValue(segment);
        }

        json.WriteEndArray();

        json.WriteStartArray("anomalies");
        foreach (var anomaly in user.Anomalies)
        {
            json.WriteStartObject();
            json.WriteString("date", anomaly.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("kind", anomaly.Kind);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>Closes the users array and the document and flushes. Further writes throw.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _completed = true;
    }

    /// <summary>Releases the JSON writer; an uncompleted document is left truncated.</summary>
    public void Dispose() => _json.Dispose();

    private string Time(DateTimeOffset instant) =>
        TimeZones.ToLocal(instant, _timeZoneId).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
