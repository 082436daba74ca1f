namespace Itinera.Storage.Identity;

/// <summary>An account: the owner of applications and control users.</summary>
public sealed record AccountRecord(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>An application of an account; its SDK users belong to it.</summary>
public sealed record ApplicationRecord(string Id, string AccountId, string Name, DateTimeOffset CreatedAt);

/// <summary>An API key as stored: the secret only as a hash.</summary>
public sealed record ApiKeyRecord(
    string Id,
    string AppId,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string SecretHash)
{
    /// <summary>True when the key is neither revoked nor expired at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>A control (dashboard) user of an account.</summary>
public sealed record ControlUserRecord(
    string Id,
    string AccountId,
    string Email,
    string Role,
    DateTimeOffset CreatedAt,
    string PasswordHash);

/// <summary>An SDK user: a person using an app, identified by an anonymous id and optionally an external id.</summary>
public sealed record SdkUserRecord(
    string UserId,
    string AppId,
    string? ExternalId,
    string State,
    string? TimeZoneId,
    DateTimeOffset CreatedAt,
    string? ActiveInstallId);

/// <summary>An install of the SDK on one device, belonging to one user.</summary>
public sealed record InstallRecord(string InstallId, string UserId, string AppId, string State, DateTimeOffset CreatedAt);

/// <summary>Who a user token belongs to.</summary>
public enum TokenSubject
{
    SdkUser,
    ControlUser,
}

/// <summary>A user access token as stored.</summary>
public sealed record UserTokenRecord(
    string UserId,
    TokenSubject Subject,
    string? InstallId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt);

/// <summary>
/// An access token as a request needs it: the token, and for an SDK token the install it was issued to (null when gone)
/// and that install's user now (null when gone).
/// </summary>
public sealed record AccessTokenLookup(UserTokenRecord Token, InstallRecord? Install, SdkUserRecord? InstallUser);

/// <summary>A freshly issued token pair; the only moment the clear tokens exist.</summary>
public sealed record IssuedTokens(
    string UserId,
    string? InstallId,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt);
