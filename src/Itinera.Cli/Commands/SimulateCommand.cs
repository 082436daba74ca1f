using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Itinera.Core.Ingestion;
using Itinera.Core.Simulation;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera simulate</c>: simulated phones with ground truth. Users are created through the public flows
/// (an authentication code with the API key, then <c>POST /v3/sdk/users</c>) and upload their days through
/// <c>POST /v3/sdk/uploads</c>, as a fleet of phones would. With <c>--map FILE.osm|FILE.osm.pbf</c> they move
/// on a real map instead of the synthetic city. <c>itinera simulate-map</c> writes the city of a seed (synthetic
/// or built on a map) as an OSM XML file.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Fixes per upload; a simulated day is sent in as few uploads as this allows.</summary>
    private const int FixesPerUpload = 20_000;

    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "Base URL of the Itinera server.", Required = true };
        var apiKey = new Option<string>("--api-key") { Description = "API key with the user.link scope.", Required = true };
        var users = new Option<int>("--users") { Description = "Number of simulated users.", DefaultValueFactory = _ => 10 };
        var days = new Option<int>("--days") { Description = "Days per user.", DefaultValueFactory = _ => 28 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same users, data and truth.", DefaultValueFactory = _ => 1 };
        var truth = new Option<FileInfo>("--truth") { Description = "Where to write the ground truth (JSON).", Required = true };
        var start = new Option<string?>("--start") { Description = "First simulated day, YYYY-MM-DD (default 2026-01-05, a Monday)." };
        var anomalies = new Option<bool>("--anomalies") { Description = "Inject anomalies (long working days, missed commutes, long trips)." };
        var parallel = new Option<int>("--parallel") { Description = "Users uploading at the same time.", DefaultValueFactory = _ => 4 };
        var map = MapOption();
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of the users' days (default Europe/Brussels)." };
        var command = new Command("simulate", "Simulate phones uploading realistic data to a server, and write the ground truth.")
        {
            server, apiKey, users, days, seed, truth, start, anomalies, parallel, map, timeZone,
        };
        command.SetAction(async (result, ct) =>
        {
            var options = new SimulationOptions
            {
                Seed = result.GetValue(seed),
                Users = Math.Max(1, result.GetValue(users)),
                Days = Math.Max(1, result.GetValue(days)),
                InjectAnomalies = result.GetValue(anomalies),
            };
            if (result.GetValue(start) is { } first)
            {
                if (!DateOnly.TryParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return CliContext.Fail(result, "--start must be a date as YYYY-MM-DD.");
                }

                options = options with { Start = day };
            }

            if (result.GetValue(timeZone) is { } zone)
            {
                if (Itinera.Core.Time.TimeZones.Find(zone) is null)
                {
                    return CliContext.Fail(result, $"Unknown time zone '{zone}'.");
                }

                options = options with { TimeZoneId = zone };
            }

            if (result.GetValue(map) is { } mapFile)
            {
                if (LoadMap(result, mapFile, options.Seed) is not { } city)
                {
                    return 1;
                }

                options = options with { City = city };
            }

            var run = MobilitySimulator.Simulate(options);
            using var http = new HttpClient { BaseAddress = new Uri(result.GetValue(server)!), Timeout = TimeSpan.FromMinutes(5) };
            var truths = new UserTruth[run.Users.Count];
            var totals = new long[4];
            await Parallel.ForEachAsync(run.Users, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, result.GetValue(parallel)), CancellationToken = ct },
                async (user, token) =>
                {
                    var (userId, counts, userTruth) = await UploadUserAsync(http, result.GetValue(apiKey)!, run, user, token);
                    userTruth.UserId = userId;
                    truths[user.Index] = userTruth;
                    lock (totals)
                    {
                        for (var i = 0; i < totals.Length; i++)
                        {
                            totals[i] += counts[i];
                        }
                    }
                });

            var truthFile = result.GetValue(truth)!;
            await using (var file = truthFile.Create())
            {
                TruthWriter.Write(file, new SimulationTruth(run.Start, run.End, run.TimeZoneId, truths));
            }

            CliContext.Print(result, new
            {
                users = truths.Select(t => new { user_id = t.UserId, external_id = t.ExternalId, persona = t.Persona }),
                fixes = totals[0],
                activities = totals[1],
                motion = totals[2],
                phone_events = totals[3],
                truth = truthFile.FullName,
            }, string.Create(CultureInfo.InvariantCulture,
                $"Simulated {truths.Length} users over {options.Days} days: {totals[0]:N0} fixes, {totals[1]:N0} activities, {totals[2]:N0} motion batches, {totals[3]:N0} phone events uploaded. Truth: {truthFile.FullName}"));
            return 0;
        });
        return command;
    }

    public static Command CreateMap()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic city.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "The OSM XML file to write.", Required = true };
        var map = MapOption();
        var command = new Command("simulate-map", "Write the simulator's city for a seed (synthetic, or built on --map) as an OSM XML file.") { seed, output, map };
        command.SetAction(async (result, ct) =>
        {
            SyntheticCity city;
            if (result.GetValue(map) is { } mapFile)
            {
                if (LoadMap(result, mapFile, result.GetValue(seed)) is not { } loaded)
                {
                    return 1;
                }

                city = loaded;
            }
            else
            {
                city = SyntheticCity.Generate(result.GetValue(seed));
            }

            var file = result.GetValue(output)!;
            await using (var stream = file.Create())
            {
                OsmXmlWriter.Write(city, stream);
            }

            CliContext.Print(result, new
            {
                file = file.FullName,
                nodes = city.Nodes.Count,
                ways = city.Ways.Count,
                seed = city.Seed,
                map = city.MapName,
                points_of_interest = city.PointsOfInterest.Count,
                lines = city.Lines.Count,
            }, string.Create(CultureInfo.InvariantCulture,
                $"Wrote the city of seed {city.Seed}{(city.MapName is null ? string.Empty : " on " + city.MapName)} ({city.Nodes.Count:N0} nodes, {city.Ways.Count:N0} ways, {city.PointsOfInterest.Count:N0} POIs, {city.Lines.Count} lines) to {file.FullName}."));
            return 0;
        });
        return command;
    }

    private static Option<FileInfo?> MapOption() => new("--map")
    {
        Description = "An OSM extract (.osm or .osm.pbf) to simulate on instead of the synthetic city.",
    };

    /// <summary>The city built on a map file, or null (with the reason reported) when the file cannot be used.</summary>
    private static SyntheticCity? LoadMap(ParseResult result, FileInfo file, int seed)
    {
        if (!file.Exists)
        {
            CliContext.Fail(result, $"The map {file.FullName} does not exist.");
            return null;
        }

        try
        {
            return SyntheticCity.FromMap(file.FullName, seed);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException)
        {
            CliContext.Fail(result, $"The map {file.FullName} cannot be simulated on: {e.Message}");
            return null;
        }
    }

    private static async Task<(string UserId, long[] Counts, UserTruth Truth)> UploadUserAsync(HttpClient http, string apiKey, SimulationRun run, SimulatedUser user, CancellationToken ct)
    {
        using var code = await SendAsync(http, HttpMethod.Post, "/users/auth-code", apiKey, new { external_id = user.ExternalId }, ct);
        var authCode = code.RootElement.GetProperty("authentication_code").GetString()!;
        using var created = await SendAsync(http, HttpMethod.Post, "/v3/sdk/users", null, new { authentication_code = authCode }, ct);
        var userId = created.RootElement.GetProperty("user_id").GetString()!;
        var tokens = new Tokens(created.RootElement.GetProperty("access_token").GetString()!, created.RootElement.GetProperty("refresh_token").GetString()!);
        var counts = new long[4];
        var truth = new UserTruthBuilder(user);
        foreach (var day in user.GenerateDays())
        {
            truth.Add(day);
            var part = 0;
            for (var offset = 0; offset == 0 || offset < day.Fixes.Count; offset += FixesPerUpload, part++)
            {
                // The first upload of a day carries its activities, motion and phone events too.
                var fixes = day.Fixes.Skip(offset).Take(FixesPerUpload);
                var body = SerializeUpload($"sim-{run.Options.Seed}-{user.Index}-{day.DayIndex}-{part}", user.TimeZoneId, fixes,
                    part == 0 ? day.Activities : [], part == 0 ? day.MotionBatches : [], part == 0 ? day.PhoneEvents : []);
                await UploadAsync(http, tokens, body, ct);
            }

            counts[0] += day.Fixes.Count;
            counts[1] += day.Activities.Count;
            counts[2] += day.MotionBatches.Count;
            counts[3] += day.PhoneEvents.Count;
        }

        return (userId, counts, truth.Build());
    }

    private sealed class Tokens(string access, string refresh)
    {
        public string Access { get; set; } = access;

        public string Refresh { get; set; } = refresh;
    }

    /// <summary>Uploads, waiting when the server says so (429) and refreshing an expired access token once.</summary>
    private static async Task UploadAsync(HttpClient http, Tokens tokens, byte[] body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/sdk/uploads") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Access);
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 100)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                using var refreshed = await SendAsync(http, HttpMethod.Post, "/v3/sdk/token", null,
                    new { grant_type = "refresh_token", refresh_token = tokens.Refresh }, ct);
                tokens.Access = refreshed.RootElement.GetProperty("access_token").GetString()!;
                tokens.Refresh = refreshed.RootElement.GetProperty("refresh_token").GetString()!;
                continue;
            }

            throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text);
    }

    private static ByteArrayContent JsonContent(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The upload body in the SDK format (docs/sdk-api.md).</summary>
    private static byte[] SerializeUpload(string uploadId, string timeZoneId, IEnumerable<Fix> fixes, IReadOnlyList<ActivitySample> activities,
        IReadOnlyList<MotionBatch> motion, IReadOnlyList<PhoneEvent> phoneEvents)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("upload_id", uploadId);
            w.WriteString("timezone", timeZoneId);
            w.WriteStartArray("fixes");
            foreach (var f in fixes)
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp", f.TimestampMs);
                w.WriteNumber("latitude", Math.Round(f.Latitude, 7));
                w.WriteNumber("longitude", Math.Round(f.Longitude, 7));
                WriteOptional(w, "accuracy", f.AccuracyMeters, 1);
                WriteOptional(w, "altitude", f.AltitudeMeters, 1);
                WriteOptional(w, "speed", f.SpeedMetersPerSecond, 2);
                WriteOptional(w, "bearing", f.BearingDegrees, 1);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("activities");
            foreach (var a in activities)
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp", a.TimestampMs);
                w.WriteString("type", SensorWireNames.Of(a.Type));
                w.WriteNumber("confidence", a.Confidence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("motion");
            foreach (var m in motion)
            {
                w.WriteStartObject();
                w.WriteNumber("start", m.StartMs);
                w.WriteNumber("rate_hz", m.RateHz);
                w.WriteString("frame", SensorWireNames.Of(m.Frame));
                WriteTriples(w, "accelerometer", m.Accelerometer);
                if (m.Gyroscope is not null)
                {
                    WriteTriples(w, "gyroscope", m.Gyroscope);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("phone_events");
            foreach (var e in phoneEvents)
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp", e.TimestampMs);
                w.WriteString("type", SensorWireNames.Of(e.Type));
                if (e.Handsfree is { } handsfree)
                {
                    w.WriteBoolean("handsfree", handsfree);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value, int decimals)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, decimals));
        }
    }

    private static void WriteTriples(Utf8JsonWriter w, string name, float[] values)
    {
        w.WriteStartArray(name);
        for (var i = 0; i + 2 < values.Length; i += 3)
        {
            w.WriteStartArray();
            w.WriteNumberValue(MathF.Round(values[i], 3));
            w.WriteNumberValue(MathF.Round(values[i + 1], 3));
            w.WriteNumberValue(MathF.Round(values[i + 2], 3));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
