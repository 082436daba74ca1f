using System.Diagnostics;
using System.Text.Json;
using Itinera.Storage.Processing;
using Itinera.Testing;
using Itinera.Testing.Contract;

namespace Itinera.Cli.Tests.Simulation;

/// <summary>
/// End to end: a simulated phone uploads nine weeks through the API, the server's processor builds the timeline and
/// then the insights, and the reference's segments, moments, active moments and anomalies come back populated.
/// </summary>
public sealed class SimulatedInsightsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The server's clock stands five minutes after the simulated nine weeks (2026-01-05 to 2026-03-09, Brussels), so the data is live.</summary>
    private sealed class JustAfterTheSimulation : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 3, 8, 23, 5, 0, TimeSpan.Zero);
    }

    [Fact]
    public async Task NineSimulatedWeeks_GiveExplainedSegmentsMomentsActiveMomentsAndAnomaliesWithTheReferenceShapes()
    {
        await using var server = await ItineraTestServer.StartAsync("sqlite", o => o.GazetteerFolder = SharedFiles.Find("data/gazetteer"), new JustAfterTheSimulation());
        var key = await server.NewApiKeyAsync("sim", Ct);
        var truthFile = Path.Combine(Path.GetTempPath(), "truth-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await CliRunner.JsonAsync("simulate", "--server", server.BaseAddress.ToString(), "--api-key", key,
                "--users", "1", "--days", "63", "--seed", "3", "--anomalies", "--truth", truthFile);
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(truthFile, Ct));
            var userId = truth.RootElement.GetProperty("users")[0].GetProperty("user_id").GetString()!;
            var work = new ProcessingWorkList(server.Database, TimeProvider.System);
            var watch = Stopwatch.StartNew();
            while (await work.CountAsync(Ct) > 0 && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(250, Ct);
            }

            using var backend = server.ClientWith(key);
            async Task<JsonElement> Get(string path) =>
                JsonDocument.Parse(await backend.GetStringAsync(new Uri(path, UriKind.Relative), Ct)).RootElement.Clone();
            JsonElement Example(string path) => ReferenceExamples.Get("GET", path).Examples[200].Single();

            var segments = await Get($"/v2/users/{userId}/segments");
            Assert.True(segments.GetArrayLength() >= 3, segments.ToString());
            Assert.All(segments.EnumerateArray(), s => Assert.StartsWith("Because ", s.GetProperty("explanation_you").GetString(), StringComparison.Ordinal));
            Assert.Contains(segments.EnumerateArray(), s => s.GetProperty("segment_definition_id").GetString() == "lifestyle.fulltime_worker");
            Assert.Empty(ShapeMatcher.Differences(Example("/v2/users/:user_id/segments")[0], segments[0]));

            var moments = await Get($"/v2/users/{userId}/moments?from=2026-01-05&to=2026-03-08");
            var definitions = moments.EnumerateArray().Select(m => m.GetProperty("moment_definition_id").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "home", "working_at_work", "commute_from_home", "commute_from_work", "morning", "night" }, definitions);
            var example = Example("/v2/users/:user_id/moments?from=:from&to=:to");
            Assert.Empty(ShapeMatcher.Differences(example[1], moments.EnumerateArray().First(m => m.GetProperty("moment_definition_id").GetString() == "working_at_work")));

            // The simulated city lies at Brussels' coordinates: the gazetteer names its municipalities.
            var city = moments.EnumerateArray().First(m => m.GetProperty("type").GetString() == "CityMoment");
            Assert.False(string.IsNullOrEmpty(city.GetProperty("city_name").GetString()));
            Assert.Contains(moments.EnumerateArray(), m => m.GetProperty("type").GetString() == "CountryMoment" && m.GetProperty("country_name").GetString() == "Belgium");

            var active = await Get($"/v2/users/{userId}/active_moments");
            Assert.NotEqual(0, active.GetArrayLength());
            Assert.All(active.EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("end").ValueKind));
            Assert.Empty(ShapeMatcher.Differences(Example("/v2/users/:user_id/active_moments")[0], active[0]));

            var anomalies = await Get($"/v2/users/{userId}/anomalies?from=2026-01-05&to=2026-03-08");
            TestContext.Current.TestOutputHelper?.WriteLine($"segments {segments}\nactive {active}\nanomalies {anomalies.GetArrayLength()}: {anomalies}\nmoments {moments.GetArrayLength()}");
            Assert.NotEqual(0, anomalies.GetArrayLength());
            var durations = anomalies.EnumerateArray().Where(a => a.GetProperty("type").GetString() == "AggregatedDurationAnomaly").ToList();
            Assert.NotEmpty(durations);
            Assert.Empty(ShapeMatcher.Differences(Example("/v2/users/:user_id/anomalies?from=:from&to=:to")[2], durations[0]));
        }
        finally
        {
            File.Delete(truthFile);
        }
    }
}
