using System.Net;
using System.Net.Http.Headers;
using Itinera.Api;
using Itinera.Testing;
using Microsoft.Extensions.Logging;

namespace Itinera.Cli.Tests;

/// <summary>The administration commands, run as a user would run them, with --json output.</summary>
public sealed class IdentityCommandTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AdministrationCommands_CreateWhatAServerThenAccepts(string engine)
    {
        var db = await ItineraTestServer.NewDatabaseAsync(engine, TestContext.Current.CancellationToken);
        var migrated = await CliRunner.JsonAsync("migrate", "--db", db);
        Assert.NotEmpty(migrated.GetProperty("applied").EnumerateArray());

        var account = (await CliRunner.JsonAsync("accounts", "create", "--name", "Acme", "--db", db)).GetProperty("id").GetString()!;
        var app = await CliRunner.JsonAsync("apps", "create", "--account", account, "--name", "Acme app", "--db", db);
        var appId = app.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", app.GetProperty("secret").GetString());

        var key = await CliRunner.JsonAsync("keys", "create", "--app", appId, "--scopes", "user.read,USER_DELETE", "--name", "backend", "--db", db);
        Assert.Equal(["id", "key", "scopes", "expires_at"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["user.read", "user.delete"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var user = await CliRunner.JsonAsync("users", "create", "--app", appId, "--external-id", "alice", "--db", db);
        var control = await CliRunner.JsonAsync("control-users", "create", "--account", account, "--email", "ops@example.com", "--password", "long enough", "--role", "spectator", "--db", db);
        Assert.Matches("^[0-9a-f]{24}$", control.GetProperty("id").GetString());

        var options = new ServerOptions { Database = db, Urls = ["http://127.0.0.1:0"] };
        await using var server = ItineraServer.Build(options, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(server.ListeningUrls()[0]) };
        var userId = user.GetProperty("id").GetString()!;
        async Task<HttpStatusCode> GetAsync(string credential)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/users/{userId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync(key.GetProperty("key").GetString()!));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(user.GetProperty("token").GetString()!));

        var listed = await CliRunner.JsonAsync("keys", "list", "--app", appId, "--db", db);
        Assert.Single(listed.EnumerateArray());
        Assert.DoesNotContain(key.GetProperty("key").GetString()!.Split('.')[1], listed.GetRawText(), StringComparison.Ordinal);
        var revoked = await CliRunner.JsonAsync("keys", "revoke", key.GetProperty("id").GetString()!, "--db", db);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(key.GetProperty("key").GetString()!));
        await server.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TheDatabase_CanComeFromTheEnvironment()
    {
        var db = await ItineraTestServer.NewDatabaseAsync("sqlite", TestContext.Current.CancellationToken);
        var (code, stdout, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["ITINERA_DB"] = db }, "accounts", "create", "--name", "Env", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"id\"", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(db["sqlite:".Length..]));
    }

    [Theory]
    [InlineData("keys", "create", "--app", "0123456789abcdef01234567", "--scopes", "user.write")]
    [InlineData("keys", "create", "--app", "0123456789abcdef01234567", "--scopes", "user.read", "--expires", "2001-01-01")]
    [InlineData("keys", "create", "--app", "0123456789abcdef01234567", "--scopes", "user.read")]
    [InlineData("apps", "create", "--account", "0123456789abcdef01234567", "--name", "x")]
    [InlineData("control-users", "create", "--account", "0123456789abcdef01234567", "--email", "a@b.c", "--password", "long enough", "--role", "admin")]
    public async Task BadArguments_ExitNonZeroWithAJsonError(params string[] args)
    {
        var db = await ItineraTestServer.NewDatabaseAsync("sqlite", TestContext.Current.CancellationToken);
        var (code, stdout, stderr) = await CliRunner.RunAsync([.. args, "--db", db, "--json"]);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.StartsWith("{\"error\":", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDatabase_IsAClearError()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("migrate", "--db", "mysql:x");
        Assert.NotEqual(0, code);
        Assert.Contains("sqlite:PATH or postgres:CONNECTION_STRING", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
