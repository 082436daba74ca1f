using System.Net;
using Itinera.Storage;
using Itinera.Storage.Resources;
using Itinera.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Itinera.Api.Tests.Users;

/// <summary>User creation by authentication code, restoration, linking, tokens and deletion, over HTTP.</summary>
public sealed class IdentityFlowTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AuthCode_CreatesAUserThenRestoresItOnANewDevice(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var _ = server;
        using var backend = server.ClientWith(world.FullKey);

        var (status, code) = await backend.PostJsonAsync("/users/auth-code", new { external_id = "alice" });
        Assert.Equal(HttpStatusCode.OK, status);
        var (created, first) = await server.Client.PostJsonAsync("/v3/sdk/users", new { authentication_code = code.Str("authentication_code") });
        Assert.Equal(HttpStatusCode.Created, created);
        var userId = first.Str("user_id");
        Assert.Matches("^[0-9a-f]{24}$", userId);
        Assert.Matches("^[0-9a-f]{24}$", first.Str("install_id"));

        using (var phone = server.ClientWith(first.Str("access_token")))
        {
            var (meStatus, me) = await phone.GetJsonAsync("/v2/users/me");
            Assert.Equal(HttpStatusCode.OK, meStatus);
            Assert.Equal("User", me.Str("type"));
            Assert.Equal(userId, me.Str("id"));
            Assert.Equal("alice", me.Str("external_id"));
        }

        // The code is single-use.
        var (again, error) = await server.Client.PostJsonAsync("/v3/sdk/users", new { authentication_code = code.Str("authentication_code") });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("INVALID_GRANT", error.Str("errorCode"));

        // A known external id restores the same user; the previous install stops working.
        var (_, code2) = await backend.PostJsonAsync("/users/auth-code", new { external_id = "alice" });
        var (_, second) = await server.Client.PostJsonAsync("/v3/sdk/users", new { authentication_code = code2.Str("authentication_code") });
        Assert.Equal(userId, second.Str("user_id"));
        Assert.NotEqual(first.Str("install_id"), second.Str("install_id"));
        using var oldPhone = server.ClientWith(first.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldPhone.GetJsonAsync("/v2/users/me")).Status);
        using var newPhone = server.ClientWith(second.Str("access_token"));
        var (_, profile) = await newPhone.GetJsonAsync($"/v2/users/{userId}");
        Assert.Equal(second.Str("install_id"), profile.Str("install_id"));
        var install = await server.Identity.FindInstallAsync(first.Str("install_id"), ApiClient.Ct);
        Assert.Equal("deactivated", install!.State);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AuthCode_ExpiresAfterTenMinutes(string engine)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (server, world) = await TestWorld.StartServerAsync(engine, time: time, ct: ApiClient.Ct);
        await using var _ = server;
        using var backend = server.ClientWith(world.FullKey);
        var (_, code) = await backend.PostJsonAsync("/users/auth-code", new { external_id = "late" });
        Assert.Equal("2026-03-01T10:10:00.000Z", code.Str("expires_at"));
        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var (status, error) = await server.Client.PostJsonAsync("/v3/sdk/users", new { authentication_code = code.Str("authentication_code") });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_GRANT", error.Str("errorCode"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AccessTokens_ExpireAfterFourHoursAndRefreshTokensRotate(string engine)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (server, world) = await TestWorld.StartServerAsync(engine, time: time, ct: ApiClient.Ct);
        await using var _ = server;
        var (status, install) = await server.Client.PostJsonAsync("/v3/sdk/installs", new { app_id = world.AppId, app_secret = world.AppSecret });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("2026-03-01T14:00:00.000Z", install.Str("expires_at"));
        using (var phone = server.ClientWith(install.Str("access_token")))
        {
            Assert.Equal(HttpStatusCode.OK, (await phone.GetJsonAsync("/v2/users/me")).Status);
            time.Advance(TimeSpan.FromHours(4));
            var (expired, error) = await phone.GetJsonAsync("/v2/users/me");
            Assert.Equal(HttpStatusCode.Unauthorized, expired);
            Assert.Contains("expired", error.Str("message"), StringComparison.Ordinal);
        }

        var (refreshed, tokens) = await server.Client.PostJsonAsync("/v3/sdk/token", new { grant_type = "refresh_token", refresh_token = install.Str("refresh_token") });
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.Equal(install.Str("user_id"), tokens.Str("user_id"));
        using (var phone = server.ClientWith(tokens.Str("access_token")))
        {
            Assert.Equal(HttpStatusCode.OK, (await phone.GetJsonAsync("/v2/users/me")).Status);
        }

        var (reused, _) = await server.Client.PostJsonAsync("/v3/sdk/token", new { grant_type = "refresh_token", refresh_token = install.Str("refresh_token") });
        Assert.Equal(HttpStatusCode.BadRequest, reused);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Installs_RefuseAWrongSecret(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var _ = server;
        var (status, error) = await server.Client.PostJsonAsync("/v3/sdk/installs", new { app_id = world.AppId, app_secret = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHORIZED", error.Str("errorCode"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Link_OfAnUnknownExternalIdKeepsTheInstallsUser_AndOfAKnownOneMovesTheInstall(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var _ = server;
        using var backend = server.ClientWith(world.FullKey);

        var (_, first) = await server.Client.PostJsonAsync("/v3/sdk/installs", new { app_id = world.AppId, app_secret = world.AppSecret });
        var (status, linked) = await backend.PostJsonAsync($"/v2/users/{first.Str("install_id")}/link", new { external_id = "bob" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.Str("user_id"), linked.Str("id"));

        // Linking again with the same external id is idempotent.
        Assert.Equal(first.Str("user_id"), (await backend.PostJsonAsync($"/v2/users/{first.Str("install_id")}/link", new { external_id = "bob" })).Body.Str("id"));

        // Bob reinstalls: the new anonymous install is linked to the existing person, whose old install is deactivated.
        var (_, second) = await server.Client.PostJsonAsync("/v3/sdk/installs", new { app_id = world.AppId, app_secret = world.AppSecret });
        var (_, relinked) = await backend.PostJsonAsync($"/v2/users/{second.Str("install_id")}/link", new { external_id = "bob" });
        Assert.Equal(first.Str("user_id"), relinked.Str("id"));
        using var newPhone = server.ClientWith(second.Str("access_token"));
        var (_, me) = await newPhone.GetJsonAsync("/v2/users/me");
        Assert.Equal(first.Str("user_id"), me.Str("id"));
        Assert.Equal(second.Str("install_id"), me.Str("install_id"));
        using var oldPhone = server.ClientWith(first.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldPhone.GetJsonAsync("/v2/users/me")).Status);

        var (deactivated, error) = await backend.PostJsonAsync($"/v2/users/{first.Str("install_id")}/link", new { external_id = "bob" });
        Assert.Equal(HttpStatusCode.Forbidden, deactivated);
        Assert.Equal("INSTALL_DEACTIVATED", error.Str("errorCode"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Link_RefusesToMergeAnInstallWithHistoryIntoAnotherPerson(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var _ = server;
        using var backend = server.ClientWith(world.FullKey);
        var (_, install) = await server.Client.PostJsonAsync("/v3/sdk/installs", new { app_id = world.AppId, app_secret = world.AppSecret });
        await server.Resources.SaveLastLocationAsync(install.Str("user_id"),
            new Core.Places.LocationFix(DateTimeOffset.UnixEpoch.AddYears(50), 50.8, 4.4, 10, null, null), ApiClient.Ct);
        var (status, error) = await backend.PostJsonAsync($"/v2/users/{install.Str("install_id")}/link", new { external_id = "user-1" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("CANNOT_LINK_EXISTING_PERSON_TO_OTHER_PERSON", error.Str("errorCode"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ControlUsers_LogInWithPasswordThenCodeThenRefreshToken(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var _ = server;
        var (wrong, error) = await server.Client.PostJsonAsync("/auth/local", new { username = world.ControlEmail, password = "wrong password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("INVALID_CREDENTIALS", error.Str("errorCode"));

        var (ok, login) = await server.Client.PostJsonAsync("/auth/local", new { username = world.ControlEmail, password = world.ControlPassword });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(world.BasicControlUserId, login.Str("user"));
        var (issued, token) = await server.Client.PostJsonAsync("/auth/token", new { grant_type = "code", code = login.Str("authorization_code"), token_type = "self" });
        Assert.Equal(HttpStatusCode.OK, issued);
        Assert.Equal(["id", "user_id", "token", "refresh_token", "expires_at", "token_type", "updated_at", "created_at", "app_id"],
            token.EnumerateObject().Select(p => p.Name));
        using (var dashboard = server.ClientWith(token.Str("token")))
        {
            var (_, me) = await dashboard.GetJsonAsync("/v2/users/me");
            Assert.Equal("ControlUser", me.Str("type"));
            Assert.Equal("basic", me.GetProperty("account_roles")[0].Str("role"));
        }

        var (refreshed, next) = await server.Client.PostJsonAsync("/auth/token", new { grant_type = "refresh_token", refresh_token = token.Str("refresh_token") });
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.NotEqual(token.Str("token"), next.Str("token"));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostJsonAsync("/auth/token", new { grant_type = "code", code = login.Str("authorization_code") })).Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Delete_RemovesEveryRowOfTheUserInEveryTable(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var _ = server;
        await SampleData.WriteAsync(server.Resources, world.UserId, new DateOnly(2026, 3, 2), ApiClient.Ct);
        using (var backend = server.ClientWith(world.FullKey))
        {
            await backend.PostJsonAsync("/users/auth-code", new { external_id = "user-1" });
        }

        var before = await CountUserRowsAsync(server.Database, world.UserId);
        Assert.True(before.Values.Count(v => v > 0) >= 12, string.Join(", ", before));

        using var phone = server.ClientWith(world.UserToken);
        using (var response = await phone.DeleteAsync(new Uri($"/users/{world.UserId}", UriKind.Relative), ApiClient.Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var after = await CountUserRowsAsync(server.Database, world.UserId);
        Assert.All(after, kv => Assert.True(kv.Value == 0, $"{kv.Key} still has {kv.Value} row(s)"));
        var pendingCodes = await CountAsync(server.Database, "SELECT COUNT(*) FROM auth_codes WHERE external_id = 'user-1'");
        Assert.Equal(0, pendingCodes);

        using var backend2 = server.ClientWith(world.FullKey);
        var (status, error) = await backend2.GetJsonAsync($"/v2/users/{world.UserId}/events?from=2019-03-21&to=2019-03-22");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("USER_NOT_FOUND", error.Str("errorCode"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetJsonAsync("/v2/users/me")).Status);
        var (again, againError) = await backend2.DeleteAsync(new Uri($"/users/{world.UserId}", UriKind.Relative), ApiClient.Ct) is var r
            ? (r.StatusCode, await ApiClient.ReadAsync(r))
            : default;
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("USER_NOT_FOUND", againError.Str("errorCode"));
    }

    /// <summary>Rows of the user in every table that has a user_id column, found from the schema itself.</summary>
    private static async Task<Dictionary<string, long>> CountUserRowsAsync(Database database, string userId)
    {
        var tables = new List<string>();
        await using (var c = await database.OpenConnectionAsync(ApiClient.Ct))
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = database.Engine == DatabaseEngine.Sqlite
                ? "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'user_id'"
                : "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'user_id'";
            await using var reader = await cmd.ExecuteReaderAsync(ApiClient.Ct);
            while (await reader.ReadAsync(ApiClient.Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(UserResourceStore.UserTables.Order(), tables.Order());
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = await CountAsync(database, $"SELECT COUNT(*) FROM {table} WHERE user_id = '{userId}'");
        }

        return counts;
    }

    private static async Task<long> CountAsync(Database database, string sql)
    {
        await using var c = await database.OpenConnectionAsync(ApiClient.Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ApiClient.Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
