using System.Diagnostics;
using System.Text.Json;
using Itinera.Testing;
using Itinera.Testing.Contract;

namespace Itinera.Cli.Tests.Simulation;

/// <summary>
/// End to end: simulated phones upload through the API, the server's timeline processor turns the data into
/// events, and the reference's event and trajectory shapes come back populated.
/// </summary>
public sealed class SimulatedTimelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SimulatedUploads_BecomeEventsAndTrajectoriesWithTheReferenceShapes(string engine)
    {
        await using var server = await ItineraTestServer.StartAsync(engine);
        var key = await server.NewApiKeyAsync("sim", Ct);
        var truthFile = Path.Combine(Path.GetTempPath(), "truth-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await CliRunner.JsonAsync("simulate", "--server", server.BaseAddress.ToString(), "--api-key", key,
                "--users", "1", "--days", "2", "--seed", "11", "--truth", truthFile);
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(truthFile, Ct));
            var user = truth.RootElement.GetProperty("users")[0];
            var userId = user.GetProperty("user_id").GetString()!;
            using var backend = server.ClientWith(key);

            // The processor runs in the background: the events appear within seconds of the uploads.
            JsonElement events = default;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                var body = await backend.GetStringAsync(new Uri($"/v2/users/{userId}/events?from=2026-01-05&to=2026-01-06", UriKind.Relative), Ct);
                events = JsonDocument.Parse(body).RootElement.Clone();
                if (events.GetArrayLength() > 0 && await server.Resources.ListEventsAsync(userId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct) is { Count: > 0 }
                    && await new Itinera.Storage.Processing.ProcessingWorkList(server.Database, TimeProvider.System).CountAsync(Ct) == 0)
                {
                    break;
                }

                await Task.Delay(250, Ct);
            }

            Assert.True(events.GetArrayLength() > 2, "no timeline was produced");
            var kinds = events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Contains("Stationary", kinds);
            Assert.Contains("Transport", kinds);

            var example = ReferenceExamples.Get("GET", "/v2/users/:user_id/events?from=:from&to=:to").Examples[200].Single();
            var stay = events.EnumerateArray().First(e => e.GetProperty("type").GetString() == "Stationary");
            var transport = events.EnumerateArray().First(e => e.GetProperty("type").GetString() == "Transport");
            Assert.Empty(ShapeMatcher.Differences(example[1], stay));
            var transportProblems = ShapeMatcher.Differences(example[0], transport);
            Assert.True(transportProblems.All(p => p.Contains("behavior_features", StringComparison.Ordinal)), string.Join('\n', transportProblems));

            var trajectoryBody = await backend.GetStringAsync(
                new Uri($"/v3/users/{userId}/events/{transport.GetProperty("event_id").GetString()}/trajectory", UriKind.Relative), Ct);
            using var trajectory = JsonDocument.Parse(trajectoryBody);
            var trajectoryExample = ReferenceExamples.Get("GET", "/v3/users/:user_id/events/:event_id/trajectory").Examples[200].Single();
            var trajectoryProblems = ShapeMatcher.Differences(trajectoryExample, trajectory.RootElement);
            Assert.True(trajectoryProblems.All(p => p.Contains("road_type", StringComparison.Ordinal) || p.Contains("speed_limit", StringComparison.Ordinal)),
                string.Join('\n', trajectoryProblems));
            Assert.True(trajectory.RootElement.GetProperty("waypoints").GetArrayLength() > 10);
            Assert.False(string.IsNullOrEmpty(trajectory.RootElement.GetProperty("encoded").GetString()));

            // Places: the user's home is found, and clusters have the reference's shape.
            using var clusters = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v2/users/{userId}/location_clusters", UriKind.Relative), Ct));
            Assert.Contains(clusters.RootElement.EnumerateArray(), c => c.GetProperty("significance").GetString() == "home");
            var clusterExample = ReferenceExamples.Get("GET", "/v2/users/:user_id/location_clusters").Examples[200].Single();
            Assert.Empty(ShapeMatcher.Differences(clusterExample, clusters.RootElement));

            // Timestamps carry the user's offset (Brussels in January: +01:00).
            Assert.EndsWith("+01:00", stay.GetProperty("start").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(truthFile);
        }
    }
}
