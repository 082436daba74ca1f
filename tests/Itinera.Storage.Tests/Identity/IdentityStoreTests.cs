using Itinera.Core.Identity;
using Itinera.Storage.Identity;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Identity;

public sealed class IdentityStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Database Database, IdentityStore Store, string AppId)> OpenAsync(string engine)
    {
        var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var store = new IdentityStore(database, TimeProvider.System);
        var account = await store.CreateAccountAsync("a", Ct);
        var app = (await store.CreateApplicationAsync(account.Id, "app", Ct))!.Value.App;
        return (database, store, app.Id);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CreateApiKey_AllowsAtMostTenActiveKeysPerApp(string engine)
    {
        var (database, store, appId) = await OpenAsync(engine);
        await using var _ = database;
        var keys = new List<string>();
        for (var i = 0; i < IdentityStore.MaxActiveKeysPerApp; i++)
        {
            keys.Add((await store.CreateApiKeyAsync(appId, [Scopes.UserRead], null, null, Ct))!.Value.Key.Id);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateApiKeyAsync(appId, [Scopes.UserRead], null, null, Ct));
        Assert.True(await store.RevokeApiKeyAsync(keys[0], Ct));
        Assert.False(await store.RevokeApiKeyAsync(keys[0], Ct));
        Assert.NotNull(await store.CreateApiKeyAsync(appId, [Scopes.UserRead], null, null, Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Secrets_AreStoredOnlyAsHashes(string engine)
    {
        var (database, store, appId) = await OpenAsync(engine);
        await using var _ = database;
        var (key, token) = (await store.CreateApiKeyAsync(appId, Scopes.All, "k", null, Ct))!.Value;
        var (user, tokens) = (await store.CreateSdkUserAsync(appId, "ext", null, Ct))!.Value;
        Assert.Equal(365, (key.ExpiresAt - key.CreatedAt).TotalDays, 3);

        await using var c = await database.OpenConnectionAsync(Ct);
        foreach (var table in new[] { "api_keys", "user_tokens", "applications" })
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT * FROM " + table;
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                    Assert.DoesNotContain(token.Split('.')[1], value, StringComparison.Ordinal);
                    Assert.NotEqual(tokens.AccessToken, value);
                    Assert.NotEqual(tokens.RefreshToken, value);
                }
            }
        }

        Assert.Equal(user.UserId, tokens.AccessToken[..24]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnSdkAccessToken_IsFoundWithItsInstallAndThatInstallsUser_InOneLookup(string engine)
    {
        var (database, store, appId) = await OpenAsync(engine);
        await using var _ = database;
        var (created, tokens) = (await store.CreateSdkUserAsync(appId, "ext-1", null, Ct))!.Value;

        var found = await store.FindAccessTokenAsync(tokens.AccessToken, Ct);

        Assert.NotNull(found);
        Assert.Equal((created.UserId, TokenSubject.SdkUser, created.ActiveInstallId), (found.Token.UserId, found.Token.Subject, found.Token.InstallId));
        Assert.Equal((created.UserId, UserState.Active), (found.Install?.UserId, found.Install?.State));
        Assert.Equal(await store.FindSdkUserAsync(created.UserId, Ct), found.InstallUser);
        Assert.Null(await store.FindAccessTokenAsync(created.UserId + "." + new string('x', 43), Ct));
    }
}
