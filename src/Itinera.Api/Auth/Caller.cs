using Itinera.Core.Identity;
using Itinera.Storage.Identity;

namespace Itinera.Api.Auth;

/// <summary>Who is calling, as established from the <c>Authorization</c> header.</summary>
public abstract record Caller;

/// <summary>A server-side integration holding an API key of one application.</summary>
public sealed record ApiKeyCaller(string KeyId, string AppId, IReadOnlyList<string> Scopes) : Caller
{
    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}

/// <summary>An SDK user holding its access token.</summary>
public sealed record SdkUserCaller(string UserId, string AppId, string? InstallId) : Caller
{
    /// <summary>The user as found while resolving the token, so authorising the user's own data needs no second lookup.</summary>
    public SdkUserRecord? User { get; init; }
}

/// <summary>A control (dashboard) user holding its access token.</summary>
public sealed record ControlUserCaller(string UserId, string AccountId, ControlRole Role) : Caller;
