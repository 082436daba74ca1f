using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Itinera.Storage.Processing;
using Itinera.Testing;
using Itinera.Testing.Contract;

namespace Itinera.Cli.Tests.Simulation;

/// <summary>
/// End to end: the simulator's city is imported with <c>itinera map import</c>, simulated drivers upload through the
/// API, and the reference's behavior_scores, behavior_annotations, car_behavior and aggregated_driving_scores come back
/// populated, with road types and speed limits in car trajectories.
/// </summary>
public sealed class SimulatedDrivingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SimulatedDriversOnAnImportedMap_GetScoresAnnotationsAndAggregatesWithTheReferenceShapes(string engine)
    {
        var spec = await ItineraTestServer.NewDatabaseAsync(engine, Ct);
        var osm = Path.Combine(Path.GetTempPath(), "city-" + Guid.NewGuid().ToString("N") + ".osm");
        var truthFile = Path.Combine(Path.GetTempPath(), "truth-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await CliRunner.JsonAsync("simulate-map", "--seed", "3", "--out", osm);
            var imported = await CliRunner.JsonAsync("--db", spec, "map", "import", osm);
            Assert.True(imported.GetProperty("roads").GetInt32() > 50);

            await using var server = await ItineraTestServer.StartAsync(engine, o => o.Database = spec);
            var key = await server.NewApiKeyAsync("drivers", Ct);
            await CliRunner.JsonAsync("simulate", "--server", server.BaseAddress.ToString(), "--api-key", key,
                "--users", "3", "--days", "5", "--seed", "3", "--truth", truthFile);
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(truthFile, Ct));
            var driver = truth.RootElement.GetProperty("users").EnumerateArray()
                .First(u => u.GetProperty("transports").EnumerateArray().Count(t => t.GetProperty("mode").GetString() == "car") >= 2);
            var userId = driver.GetProperty("user_id").GetString()!;

            var work = new ProcessingWorkList(server.Database, TimeProvider.System);
            var watch = Stopwatch.StartNew();
            while (await work.CountAsync(Ct) > 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(250, Ct);
            }

            using var backend = server.ClientWith(key);
            using var events = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v2/users/{userId}/events?from=2026-01-05&to=2026-01-10", UriKind.Relative), Ct));
            var cars = events.RootElement.EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "Transport" && e.GetProperty("mode").GetString() == "car").ToList();
            Assert.True(cars.Count > 0, "modes: " + string.Join(',', events.RootElement.EnumerateArray().Select(e => e.TryGetProperty("mode", out var m) ? m.GetString() : "stay"))
                + $" (processing queue: {await work.CountAsync(Ct)})");
            var car = cars.OrderByDescending(c => c.GetProperty("distance").GetInt64()).First();
            var eventId = car.GetProperty("event_id").GetString()!;
            Assert.True(car.GetProperty("behavior_features").GetProperty("distance_during_annotations").GetInt64() > 0);

            // Road types and speed limits from the imported map on most of the car's waypoints.
            using var trajectory = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v3/users/{userId}/events/{eventId}/trajectory", UriKind.Relative), Ct));
            var waypoints = trajectory.RootElement.GetProperty("waypoints").EnumerateArray().ToList();
            var withRoad = waypoints.Count(w => w.TryGetProperty("road_type", out var r) && r.ValueKind == JsonValueKind.String
                && w.TryGetProperty("speed_limit", out var l) && l.ValueKind == JsonValueKind.Number);
            Assert.True(withRoad > waypoints.Count * 0.8, $"{withRoad} of {waypoints.Count} waypoints have a road type and speed limit");
            Assert.Empty(ShapeMatcher.Differences(ReferenceExamples.Get("GET", "/v3/users/:user_id/events/:event_id/trajectory").Examples[200].Single(), trajectory.RootElement));

            using var scores = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v3/users/{userId}/events/{eventId}/behavior_scores", UriKind.Relative), Ct));
            Assert.Empty(ShapeMatcher.Differences(ReferenceExamples.Get("GET", "/v3/users/:user_id/events/:event_id/behavior_scores").Examples[200].Single(), scores.RootElement));
            foreach (var name in (string[])["overall", "legal", "legal_v2", "hard_brake", "hard_accel", "hard_turn", "smooth_v2", "anticipative_v2", "hard_events"])
            {
                var value = scores.RootElement.GetProperty(name).GetDouble();
                Assert.True(value is >= 0 and <= 1, $"{name} = {value}");
            }

            // Every annotation of every car trip has the shape of the reference's item of its type.
            var annotationExample = ReferenceExamples.Get("GET", "/v3/users/:user_id/events/:event_id/behavior_annotations").Examples[200].Single();
            var types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var trip in cars)
            {
                using var annotations = JsonDocument.Parse(await backend.GetStringAsync(
                    new Uri($"/v3/users/{userId}/events/{trip.GetProperty("event_id").GetString()}/behavior_annotations", UriKind.Relative), Ct));
                foreach (var annotation in annotations.RootElement.EnumerateArray())
                {
                    var type = annotation.GetProperty("type").GetString()!;
                    types.Add(type);
                    var example = annotationExample.EnumerateArray().FirstOrDefault(e => e.GetProperty("type").GetString() == type);
                    if (example.ValueKind == JsonValueKind.Object)
                    {
                        Assert.Empty(ShapeMatcher.Differences(example, annotation));
                    }
                }
            }

            Assert.Contains("BoundaryBehaviorAnnotation", types);

            using var carBehavior = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v2/users/{userId}/car_behavior", UriKind.Relative), Ct));
            Assert.True(carBehavior.RootElement.GetProperty("features").GetProperty("l7d").GetProperty("distance").GetDouble() > 0);

            var day = DateTimeOffset.Parse(car.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var daily = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v3/users/{userId}/aggregated_driving_scores?type=day&date={day}", UriKind.Relative), Ct));
            Assert.Empty(ShapeMatcher.Differences(
                ReferenceExamples.Get("GET", "/v3/users/:user_id/aggregated_driving_scores").Examples[200].Single(e => e.TryGetProperty("day", out _)), daily.RootElement));
            Assert.True(daily.RootElement.GetProperty("day").GetProperty("legal").GetDouble() >= 0);
            // Stays at mapped places get their point of interest as the place candidate (work: an office).
            var stays = events.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Stationary").ToList();
            Assert.Contains(stays, e => e.GetProperty("location").GetProperty("place") is { ValueKind: JsonValueKind.Object } place
                && place.GetProperty("type").GetString() == "LocationPlaceCandidate" && place.GetProperty("categories").GetArrayLength() >= 2);

            using var all = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v3/users/{userId}/aggregated_driving_scores?type=all", UriKind.Relative), Ct));
            Assert.True(all.RootElement.GetProperty("all").GetProperty("legal").GetDouble() >= 0);
        }
        finally
        {
            File.Delete(osm);
            File.Delete(truthFile);
        }
    }
}
