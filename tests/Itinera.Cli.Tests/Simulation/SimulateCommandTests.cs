using System.Text.Json;
using System.Xml;
using Itinera.Testing;

namespace Itinera.Cli.Tests.Simulation;

/// <summary><c>itinera simulate</c> and <c>simulate-map</c>, run as processes against a real server.</summary>
public sealed class SimulateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ItineraTestServer Server, string Key)> ServerAsync()
    {
        var server = await ItineraTestServer.StartAsync("sqlite");
        return (server, await server.NewApiKeyAsync("sim", Ct));
    }

    [Fact]
    public async Task Simulate_CreatesUsersThroughThePublicFlowsAndUploadsTheirData()
    {
        var (server, key) = await ServerAsync();
        await using var _ = server;
        var truthFile = Path.Combine(Path.GetTempPath(), "truth-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var summary = await CliRunner.JsonAsync("simulate", "--server", server.BaseAddress.ToString(), "--api-key", key,
                "--users", "3", "--days", "2", "--seed", "5", "--truth", truthFile);
            using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(truthFile, Ct));
            var users = truth.RootElement.GetProperty("users").EnumerateArray().ToList();
            Assert.Equal(3, users.Count);

            using var backend = server.ClientWith(key);
            long fixes = 0;
            foreach (var user in users)
            {
                var userId = user.GetProperty("user_id").GetString()!;
                using var response = await backend.GetAsync(new Uri($"/v3/users/{userId}/fixes?limit=100000", UriKind.Relative), Ct);
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                fixes += page.RootElement.GetArrayLength();
                using var profile = JsonDocument.Parse(await backend.GetStringAsync(new Uri($"/v2/users/{userId}", UriKind.Relative), Ct));
                Assert.Equal(user.GetProperty("external_id").GetString(), profile.RootElement.GetProperty("external_id").GetString());
                Assert.NotEmpty(user.GetProperty("stays").EnumerateArray());
                Assert.NotEmpty(user.GetProperty("transports").EnumerateArray());
            }

            Assert.Equal(summary.GetProperty("fixes").GetInt64(), fixes);
            Assert.True(fixes > 1000);
        }
        finally
        {
            File.Delete(truthFile);
        }
    }

    [Fact]
    public async Task Simulate_IsDeterministicForASeed()
    {
        var files = new List<string>();
        try
        {
            for (var run = 0; run < 2; run++)
            {
                var (server, key) = await ServerAsync();
                await using var _ = server;
                var file = Path.Combine(Path.GetTempPath(), "truth-" + Guid.NewGuid().ToString("N") + ".json");
                files.Add(file);
                await CliRunner.JsonAsync("simulate", "--server", server.BaseAddress.ToString(), "--api-key", key,
                    "--users", "2", "--days", "1", "--seed", "9", "--truth", file);
            }

            static string WithoutUserIds(string json)
            {
                using var document = JsonDocument.Parse(json);
                var users = document.RootElement.GetProperty("users").EnumerateArray()
                    .Select(u => string.Join(',', u.EnumerateObject().Where(p => p.Name != "user_id").Select(p => p.Value.GetRawText())));
                return string.Join('\n', users);
            }

            Assert.Equal(WithoutUserIds(await File.ReadAllTextAsync(files[0], Ct)), WithoutUserIds(await File.ReadAllTextAsync(files[1], Ct)));
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }

    [Fact]
    public async Task SimulateMap_WritesAWellFormedOsmFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "city-" + Guid.NewGuid().ToString("N") + ".osm");
        try
        {
            var summary = await CliRunner.JsonAsync("simulate-map", "--seed", "3", "--out", file);
            var nodes = 0;
            var ways = 0;
            using (var reader = XmlReader.Create(file))
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        nodes += reader.Name == "node" ? 1 : 0;
                        ways += reader.Name == "way" ? 1 : 0;
                    }
                }
            }

            Assert.Equal(summary.GetProperty("ways").GetInt32(), ways);
            Assert.True(nodes >= summary.GetProperty("nodes").GetInt32());
        }
        finally
        {
            File.Delete(file);
        }
    }

}
