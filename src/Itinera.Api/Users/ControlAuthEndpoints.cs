using System.Security.Cryptography;
using System.Text;
using Itinera.Api.Http;
using Itinera.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Users;

/// <summary>
/// Control-user login: <c>POST /auth/local</c> with e-mail and password gives a short-lived code;
/// <c>POST /auth/token</c> exchanges it (grant <c>code</c>) or a refresh token (grant <c>refresh_token</c>)
/// for a token pair.
/// </summary>
public static class ControlAuthEndpoints
{
    public static IEndpointRouteBuilder MapControlAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Control users");
        auth.MapPost("/local", Login).WithName("LoginControlUser");
        auth.MapPost("/token", IssueToken).WithName("IssueControlUserToken");
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ApiError>> Login(HttpContext http, IdentityStore identity)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (username, e1) = JsonBody.RequiredString(body, "username");
        var (password, e2) = JsonBody.RequiredString(body, "password", maxLength: 1024);
        if ((e1 ?? e2) is { } invalid)
        {
            return invalid;
        }

        var login = await identity.LoginAsync(username, password, http.RequestAborted);
        return login is { } l
            ? TypedResults.Ok(new LoginResponse(l.User.Id, l.Code))
            : new ApiError(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Wrong e-mail or password.");
    }

    private static async Task<Results<Ok<ControlTokenResponse>, ApiError>> IssueToken(HttpContext http, IdentityStore identity)
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

        (IssuedTokens? Tokens, IdentityFailure Failure) result;
        switch (grant)
        {
            case "code":
                var (code, e2) = JsonBody.RequiredString(body, "code");
                if (e2 is not null)
                {
                    return e2;
                }

                result = await identity.RedeemLoginCodeAsync(code, http.RequestAborted);
                break;
            case "refresh_token":
                var (refresh, e3) = JsonBody.RequiredString(body, "refresh_token");
                if (e3 is not null)
                {
                    return e3;
                }

                result = await identity.RefreshAsync(refresh, TokenSubject.ControlUser, http.RequestAborted);
                break;
            default:
                return ApiError.InvalidParameter("'grant_type' must be 'code' or 'refresh_token'.");
        }

        if (result.Tokens is not { } tokens)
        {
            return Sdk.SdkEndpoints.InvalidGrant("The code or refresh token is unknown, expired or already used.");
        }

        var user = await identity.FindControlUserAsync(tokens.UserId, http.RequestAborted);
        var apps = user is null ? [] : await identity.ListApplicationIdsAsync(user.AccountId, http.RequestAborted);
        var created = WireTime.Zulu(tokens.CreatedAt);
        return TypedResults.Ok(new ControlTokenResponse(
            TokenRecordId(tokens.AccessToken), tokens.UserId, tokens.AccessToken, tokens.RefreshToken, WireTime.Zulu(tokens.ExpiresAt),
            "self", created, created, apps.Count > 0 ? apps[0] : null));
    }

    /// <summary>A stable UUID naming the token without revealing it.</summary>
    private static string TokenRecordId(string token) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("token-id:" + token)).AsSpan(0, 16)).ToString();
}

public sealed record LoginResponse(string User, string AuthorizationCode);

public sealed record ControlTokenResponse(
    string Id, string UserId, string Token, string RefreshToken, string ExpiresAt, string TokenType, string UpdatedAt, string CreatedAt, string? AppId);
