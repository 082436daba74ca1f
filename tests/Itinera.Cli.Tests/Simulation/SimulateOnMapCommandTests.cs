using System.Text.Json;
using System.Xml;
using Itinera.Testing;

namespace Itinera.Cli.Tests.Simulation;

/// <summary><c>itinera simulate --map</c> and <c>simulate-map --map</c> on real OSM extracts, run as processes.</summary>
public sealed class SimulateOnMapCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SmallMap => SharedFiles.Find("data/maps/test_helsinki_small.osm.pbf");

    [Fact]
    public async Task SimulateWithMap_UploadsUsersWhoseFixesAndPlacesLieOnTheMap()
    {
        var server = await ItineraTestServer.StartAsync("sqlite");
        await using var _ = server;
        var key = await server.NewApiKeyAsync("sim", Ct);
        var truthFile = Path.Combine(Path.GetTempPath(), "truth-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var summary = await CliRunner.JsonAsync("simulate", "--server", server.BaseAddress.ToString(), "--api-key", key,
                "--users", "3", "--days", "2", "--seed", "5", "--truth", truthFile, "--map", SmallMap, "--time-zone", "Europe/Helsinki");
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(truthFile, Ct));
            Assert.Equal("Europe/Helsinki", truth.RootElement.GetProperty("time_zone").GetString());
            var users = truth.RootElement.GetProperty("users").EnumerateArray().ToList();
            Assert.Equal(3, users.Count);

            // The extract covers 60.52–60.54° N, 26.93–26.97° E.
            using var backend = server.ClientWith(key);
            long fixes = 0;
            foreach (var user in users)
            {
                Assert.NotEmpty(user.GetProperty("transports").EnumerateArray());
                Assert.All(user.GetProperty("places").EnumerateArray(), place =>
                {
                    Assert.InRange(place.GetProperty("latitude").GetDouble(), 60.515, 60.545);
                    Assert.InRange(place.GetProperty("longitude").GetDouble(), 26.925, 26.975);
                });
                var userId = user.GetProperty("user_id").GetString()!;
                using var response = await backend.GetAsync(new Uri($"/v3/users/{userId}/fixes?limit=100000", UriKind.Relative), Ct);
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                fixes += page.RootElement.GetArrayLength();
                var inside = page.RootElement.EnumerateArray().Count(f =>
                    f.GetProperty("latitude").GetDouble() is > 60.515 and < 60.545 && f.GetProperty("longitude").GetDouble() is > 26.925 and < 26.975);
                Assert.True(inside >= 0.99 * page.RootElement.GetArrayLength(), $"Only {inside} of {page.RootElement.GetArrayLength()} fixes are on the map.");
            }

            Assert.Equal(summary.GetProperty("fixes").GetInt64(), fixes);
            Assert.True(fixes > 500);
        }
        finally
        {
            File.Delete(truthFile);
        }
    }

    [Fact]
    public async Task SimulateMapWithMap_WritesTheMapCityAsOsmTheSameWayForTheSameSeed()
    {
        var files = new[] { NewFile(), NewFile() };
        try
        {
            var summary = await CliRunner.JsonAsync("simulate-map", "--seed", "3", "--out", files[0], "--map", SmallMap);
            await CliRunner.JsonAsync("simulate-map", "--seed", "3", "--out", files[1], "--map", SmallMap);

            Assert.Equal("test_helsinki_small.osm.pbf", summary.GetProperty("map").GetString());
            var ways = 0;
            var synthetic = 0;
            using (var reader = XmlReader.Create(files[0]))
            {
                while (reader.Read())
                {
                    ways += reader.NodeType == XmlNodeType.Element && reader.Name == "way" ? 1 : 0;
                    synthetic += reader.NodeType == XmlNodeType.Element && reader.Name == "tag" && reader.GetAttribute("k") == "itinera:synthetic" ? 1 : 0;
                }
            }

            Assert.Equal(summary.GetProperty("ways").GetInt32(), ways);
            Assert.True(synthetic > 0);
            Assert.Equal(await File.ReadAllBytesAsync(files[0], Ct), await File.ReadAllBytesAsync(files[1], Ct));
        }
        finally
        {
            Array.ForEach(files, File.Delete);
        }
    }

    [Fact]
    public async Task SimulateWithAMissingMap_FailsWithoutContactingTheServer()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("simulate", "--server", "http://127.0.0.1:9", "--api-key", "x",
            "--truth", NewFile(), "--map", "/nonexistent/map.osm.pbf");

        Assert.Equal(1, exitCode);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    private static string NewFile() => Path.Combine(Path.GetTempPath(), "map-" + Guid.NewGuid().ToString("N") + ".osm");
}
