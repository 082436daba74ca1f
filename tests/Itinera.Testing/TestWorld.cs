using Itinera.Api;
using Itinera.Core.Identity;
using Itinera.Storage.Identity;

namespace Itinera.Testing;

/// <summary>
/// Accounts, applications, users and every kind of credential the authorization rules distinguish,
/// created through the storage layer of a running <see cref="ItineraTestServer"/>.
/// </summary>
public sealed class TestWorld
{
    public required string AccountId { get; init; }
    public required string AppId { get; init; }
    public required string AppSecret { get; init; }
    public required string OtherAppId { get; init; }
    public required string OtherAccountAppId { get; init; }

    /// <summary>API key of <see cref="AppId"/> with every scope.</summary>
    public required string FullKey { get; init; }
    public required string ReadOnlyKey { get; init; }
    public required string LinkOnlyKey { get; init; }
    public required string ExpiredKey { get; init; }
    public required string RevokedKey { get; init; }
    public required string OtherAppKey { get; init; }

    /// <summary>The SDK user with sample data (of <see cref="AppId"/>).</summary>
    public required string UserId { get; init; }
    public required string UserToken { get; init; }
    public required string UserInstallId { get; init; }
    public required string SecondUserId { get; init; }
    public required string SecondUserToken { get; init; }
    public required string OtherAppUserId { get; init; }
    public required string ExpiredUserToken { get; init; }
    public required string RevokedUserToken { get; init; }

    public required string BasicControlUserId { get; init; }
    public required string BasicControlToken { get; init; }
    public required string SpectatorControlToken { get; init; }
    public required string DeveloperControlToken { get; init; }
    public required string OtherAccountSpectatorToken { get; init; }
    public required string ControlEmail { get; init; }
    public required string ControlPassword { get; init; }

    /// <summary>
    /// What most API tests start from: a server on a new database of <paramref name="engine"/> with a world in it. The
    /// caller disposes the server.
    /// </summary>
    public static async Task<(ItineraTestServer Server, TestWorld World)> StartServerAsync(
        string engine, Action<ServerOptions>? configure = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        var server = await ItineraTestServer.StartAsync(engine, configure, time);
        try
        {
            return (server, await CreateAsync(server.Identity, ct));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public static async Task<TestWorld> CreateAsync(IdentityStore identity, CancellationToken ct = default)
    {
        var account = await identity.CreateAccountAsync("Test account", ct);
        var (app, secret) = (await identity.CreateApplicationAsync(account.Id, "Test app", ct))!.Value;
        var other = (await identity.CreateApplicationAsync(account.Id, "Second app", ct))!.Value.App;
        var otherAccount = await identity.CreateAccountAsync("Other account", ct);
        var otherAccountApp = (await identity.CreateApplicationAsync(otherAccount.Id, "Other account app", ct))!.Value.App;

        async Task<string> Key(string appId, IReadOnlyList<string> scopes, DateTimeOffset? expires = null) =>
            (await identity.CreateApiKeyAsync(appId, scopes, "test", expires, ct))!.Value.Token;

        var revoked = await Key(app.Id, Scopes.All);
        await identity.RevokeApiKeyAsync(revoked.Split('.')[0], ct);

        var user = (await identity.CreateSdkUserAsync(app.Id, "user-1", null, ct))!.Value;
        var second = (await identity.CreateSdkUserAsync(app.Id, "user-2", null, ct))!.Value;
        var otherUser = (await identity.CreateSdkUserAsync(other.Id, "user-3", null, ct))!.Value;
        var expiredToken = await identity.IssueTokensAsync(second.User.UserId, TokenSubject.SdkUser, second.Tokens.InstallId, TimeSpan.FromSeconds(-1), ct);
        var revokedUser = (await identity.CreateSdkUserAsync(app.Id, "user-4", null, ct))!.Value;
        await identity.RevokeTokensAsync(revokedUser.User.UserId, ct);

        const string Password = "correct horse battery";
        var basic = (await identity.CreateControlUserAsync(account.Id, "basic@example.com", Password, ControlRole.Basic, ct))!;
        var spectator = (await identity.CreateControlUserAsync(account.Id, "spectator@example.com", Password, ControlRole.Spectator, ct))!;
        var developer = (await identity.CreateControlUserAsync(account.Id, "developer@example.com", Password, ControlRole.Developer, ct))!;
        var outsider = (await identity.CreateControlUserAsync(otherAccount.Id, "outsider@example.com", Password, ControlRole.Spectator, ct))!;

        async Task<string> ControlToken(string id) => (await identity.IssueTokensAsync(id, TokenSubject.ControlUser, null, null, ct)).AccessToken;

        return new TestWorld
        {
            AccountId = account.Id,
            AppId = app.Id,
            AppSecret = secret,
            OtherAppId = other.Id,
            OtherAccountAppId = otherAccountApp.Id,
            FullKey = await Key(app.Id, Scopes.All),
            ReadOnlyKey = await Key(app.Id, [Scopes.UserRead]),
            LinkOnlyKey = await Key(app.Id, [Scopes.UserLink]),
            ExpiredKey = await Key(app.Id, Scopes.All, DateTimeOffset.UnixEpoch.AddYears(40)),
            RevokedKey = revoked,
            OtherAppKey = await Key(other.Id, Scopes.All),
            UserId = user.User.UserId,
            UserToken = user.Tokens.AccessToken,
            UserInstallId = user.Tokens.InstallId!,
            SecondUserId = second.User.UserId,
            SecondUserToken = second.Tokens.AccessToken,
            OtherAppUserId = otherUser.User.UserId,
            ExpiredUserToken = expiredToken.AccessToken,
            RevokedUserToken = revokedUser.Tokens.AccessToken,
            BasicControlUserId = basic.Id,
            BasicControlToken = await ControlToken(basic.Id),
            SpectatorControlToken = await ControlToken(spectator.Id),
            DeveloperControlToken = await ControlToken(developer.Id),
            OtherAccountSpectatorToken = await ControlToken(outsider.Id),
            ControlEmail = basic.Email,
            ControlPassword = Password,
        };
    }
}
