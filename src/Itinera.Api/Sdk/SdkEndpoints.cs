using Itinera.Api.Http;
using Itinera.Core.Identity;
using Itinera.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Sdk;

/// <summary>
/// The SDK-facing identity endpoints (ours to design; see docs/sdk-api.md): anonymous installs for the
/// link flow, user creation from an authentication code, and token refresh with rotation.
/// </summary>
public static class SdkEndpoints
{
    public static IEndpointRouteBuilder MapSdkEndpoints(this IEndpointRouteBuilder app)
    {
        var sdk = app.MapGroup("/v3/sdk").WithTags("SDK");
        sdk.MapPost("/installs", CreateInstall).WithName("CreateInstall");
        sdk.MapPost("/users", CreateUserFromCode).WithName("CreateUserFromAuthenticationCode");
        sdk.MapPost("/token", RefreshToken).WithName("RefreshSdkToken");
        return app;
    }

    private static async Task<Results<Created<SdkTokensResponse>, ApiError>> CreateInstall(HttpContext http, IdentityStore identity)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (appId, e1) = JsonBody.RequiredString(body, "app_id");
        var (secret, e2) = JsonBody.RequiredString(body, "app_secret");
        if ((e1 ?? e2) is { } invalid)
        {
            return invalid;
        }

        if (!IdGenerator.IsObjectId(appId))
        {
            return ApiError.Unauthorized("Unknown application or wrong application secret.");
        }

        var (tokens, failure) = await identity.CreateAnonymousInstallAsync(appId.ToLowerInvariant(), secret, http.RequestAborted);
        return tokens is null || failure != IdentityFailure.None
            ? ApiError.Unauthorized("Unknown application or wrong application secret.")
            : TypedResults.Created((string?)null, SdkTokensResponse.From(tokens));
    }

    private static async Task<Results<Created<SdkTokensResponse>, ApiError>> CreateUserFromCode(HttpContext http, IdentityStore identity)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (code, invalid) = JsonBody.RequiredString(body, "authentication_code");
        if (invalid is not null)
        {
            return invalid;
        }

        var (tokens, _) = await identity.RedeemUserAuthCodeAsync(code, http.RequestAborted);
        return tokens is null
            ? InvalidGrant("The authentication code is unknown, expired or already used.")
            : TypedResults.Created((string?)null, SdkTokensResponse.From(tokens));
    }

    private static async Task<Results<Ok<SdkTokensResponse>, ApiError>> RefreshToken(HttpContext http, IdentityStore identity)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (grant, e1) = JsonBody.RequiredString(body, "grant_type");
        if (e1 is not null)
        {
            return e1;
        }

        if (!string.Equals(grant, "refresh_token", StringComparison.Ordinal))
        {
            return ApiError.InvalidParameter("'grant_type' must be 'refresh_token'.");
        }

        var (refresh, e2) = JsonBody.RequiredString(body, "refresh_token");
        if (e2 is not null)
        {
            return e2;
        }

        var (tokens, failure) = await identity.RefreshAsync(refresh, TokenSubject.SdkUser, http.RequestAborted);
        return tokens is null
            ? InvalidGrant(failure == IdentityFailure.UserNotActive
                ? "The install is no longer active; create the user again."
                : "The refresh token is unknown, expired or already used.")
            : TypedResults.Ok(SdkTokensResponse.From(tokens));
    }

    internal static ApiError InvalidGrant(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidGrant, message);
}

/// <summary>Tokens handed to an SDK install.</summary>
public sealed record SdkTokensResponse(string InstallId, string UserId, string AccessToken, string RefreshToken, string ExpiresAt)
{
    public static SdkTokensResponse From(IssuedTokens t) =>
        new(t.InstallId ?? "", t.UserId, t.AccessToken, t.RefreshToken, WireTime.Zulu(t.ExpiresAt));
}
