using Itinera.Api.Http;
using Itinera.Core.Identity;
using Itinera.Storage.Identity;
using Microsoft.AspNetCore.Http;

namespace Itinera.Api.Auth;

/// <summary>
/// Turns the <c>Authorization: Bearer …</c> header into a <see cref="Caller"/>. A value with a dot is an
/// API key <c>&lt;key id&gt;.&lt;secret&gt;</c>; anything else is a user access token. Missing, malformed,
/// unknown, expired and revoked credentials all answer 401 with a message saying which.
/// </summary>
public sealed class CallerResolver(IdentityStore identity, TimeProvider time)
{
    private const string CallerItem = "itinera.caller";

    /// <summary>The caller of this request, or the 401 error to answer with. Cached per request.</summary>
    public async Task<(Caller? Caller, ApiError? Error)> ResolveAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(CallerItem, out var cached) && cached is Resolution known)
        {
            return (known.Caller, known.Error);
        }

        var (caller, error) = await ResolveUncachedAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        http.Items[CallerItem] = new Resolution(caller, error);
        return (caller, error);
    }

    /// <summary>The caller of this request if <see cref="ResolveAsync"/> has run and the credential was valid.</summary>
    public static Caller? ResolvedCaller(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(CallerItem, out var cached) && cached is Resolution known ? known.Caller : null;
    }

    private async Task<(Caller?, ApiError?)> ResolveUncachedAsync(string header, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, ApiError.Unauthorized("Missing Authorization header; send 'Authorization: Bearer <token or API key>'."));
        }

        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return (null, ApiError.Unauthorized("Malformed Authorization header; expected 'Bearer <token or API key>'."));
        }

        var credential = header[Scheme.Length..].Trim();
        if (credential.Length is 0 or > 512 || credential.Any(static c => c <= ' ' || c > '~'))
        {
            return (null, ApiError.Unauthorized("Malformed credential in the Authorization header."));
        }

        var now = time.GetUtcNow();
        var dot = credential.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var keyId = credential[..dot];
            var secret = credential[(dot + 1)..];
            var key = IdGenerator.IsObjectId(keyId) ? await identity.FindApiKeyAsync(keyId.ToLowerInvariant(), ct) : null;
            if (key is null || !SecretHasher.HashesEqual(key.SecretHash, SecretHasher.HashSecret(secret)))
            {
                return (null, ApiError.Unauthorized("Unknown API key."));
            }

            if (key.RevokedAt is not null)
            {
                return (null, ApiError.Unauthorized("The API key has been revoked."));
            }

            if (key.ExpiresAt <= now)
            {
                return (null, ApiError.Unauthorized("The API key has expired."));
            }

            return (new ApiKeyCaller(key.Id, key.AppId, key.Scopes), null);
        }

        var lookup = await identity.FindAccessTokenAsync(credential, ct);
        if (lookup is not { Token: var token })
        {
            return (null, ApiError.Unauthorized("Unknown access token."));
        }

        if (token.RevokedAt is not null)
        {
            return (null, ApiError.Unauthorized("The access token has been revoked."));
        }

        if (token.ExpiresAt <= now)
        {
            return (null, ApiError.Unauthorized("The access token has expired; refresh it."));
        }

        if (token.Subject == TokenSubject.SdkUser)
        {
            // The install decides whose token it is: linking moves an install to another user, and a
            // deactivated, disabled or deleted install's tokens stop working.
            if (lookup.Install is not { State: UserState.Active } install)
            {
                return (null, ApiError.Unauthorized("The access token's install is no longer active."));
            }

            return lookup.InstallUser is not { } user
                ? (null, ApiError.Unauthorized("The access token's user no longer exists."))
                : (new SdkUserCaller(user.UserId, user.AppId, install.InstallId) { User = user }, null);
        }

        var control = await identity.FindControlUserAsync(token.UserId, ct);
        return control is null
            ? (null, ApiError.Unauthorized("The access token's user no longer exists."))
            : (new ControlUserCaller(control.Id, control.AccountId, ControlRoles.Parse(control.Role) ?? ControlRole.Basic), null);
    }

    private sealed record Resolution(Caller? Caller, ApiError? Error);
}
