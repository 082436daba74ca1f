using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Core.Identity;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Users;

/// <summary>Profiles, linking, user creation codes and deletion.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2/users").WithTags("Users");
        v2.MapGet("/me", GetMe).RequireUserToken().WithName("GetOwnProfile");
        v2.MapGet("/{user_id}", GetProfile).RequireUserAccess(allowControlSelf: true).WithName("GetProfile");
        v2.MapPost("/{install_id}/link", LinkInstall).RequireApiKey(Scopes.UserLink).WithName("LinkInstall");

        var unversioned = app.MapGroup("/users").WithTags("Users");
        unversioned.MapPost("/auth-code", CreateAuthCode).RequireApiKey(Scopes.UserLink).WithName("CreateAuthenticationCode");
        unversioned.MapDelete("/{user_id}", DeleteUser).RequireUserDeletion().WithName("DeleteUser");
        return app;
    }

    private static async Task<Results<Ok<ControlUserResponse>, Ok<SdkUserResponse>, ApiError>> GetMe(HttpContext http, IdentityStore identity)
    {
        var ct = http.RequestAborted;
        switch (http.AllowedCaller())
        {
            case SdkUserCaller sdk:
                var user = sdk.User ?? await identity.FindSdkUserAsync(sdk.UserId, ct);
                return user is null ? ApiError.UserNotFound(sdk.UserId) : TypedResults.Ok(SdkUserResponse.From(user));
            case ControlUserCaller control:
                return await ControlProfileAsync(identity, control.UserId, ct);
            default:
                return ApiError.Forbidden("This endpoint needs a user token; API keys are refused.");
        }
    }

    private static async Task<Results<Ok<ControlUserResponse>, Ok<SdkUserResponse>, ApiError>> GetProfile(HttpContext http, IdentityStore identity)
    {
        if (http.TargetUserOrNull() is { } target)
        {
            return TypedResults.Ok(SdkUserResponse.From(target));
        }

        var control = (ControlUserCaller)http.AllowedCaller();
        return await ControlProfileAsync(identity, control.UserId, http.RequestAborted);
    }

    private static async Task<Results<Ok<ControlUserResponse>, Ok<SdkUserResponse>, ApiError>> ControlProfileAsync(
        IdentityStore identity, string userId, CancellationToken ct)
    {
        var user = await identity.FindControlUserAsync(userId, ct);
        var account = user is null ? null : await identity.FindAccountAsync(user.AccountId, ct);
        if (user is null || account is null)
        {
            return ApiError.UserNotFound(userId);
        }

        var apps = await identity.ListApplicationIdsAsync(account.Id, ct);
        return TypedResults.Ok(ControlUserResponse.From(user, account, apps.Count > 0 ? apps[0] : null));
    }

    private static async Task<Results<Ok<LinkResponse>, ApiError>> LinkInstall(
        HttpContext http, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "install_id")] string installId, IdentityStore identity)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (externalId, invalid) = JsonBody.RequiredString(body, "external_id");
        if (invalid is not null)
        {
            return invalid;
        }

        var key = (ApiKeyCaller)http.AllowedCaller();
        if (!IdGenerator.IsObjectId(installId))
        {
            return InstallError(IdentityFailure.InstallNotFound);
        }

        var (userId, failure) = await identity.LinkInstallAsync(key.AppId, installId.ToLowerInvariant(), externalId, http.RequestAborted);
        return userId is null ? InstallError(failure) : TypedResults.Ok(new LinkResponse(userId));
    }

    private static ApiError InstallError(IdentityFailure failure) => failure switch
    {
        IdentityFailure.InstallNotFound => new(404, ErrorCodes.InstallNotFound, "Install was not found by the install ID provided."),
        IdentityFailure.InstallDoesNotBelongToApp => new(403, ErrorCodes.InstallDoesNotBelongToApp, "Install does not belong to this application."),
        IdentityFailure.InstallDisabled => new(403, ErrorCodes.InstallDisabled, "Install is disabled."),
        IdentityFailure.InstallDeleted => new(403, ErrorCodes.InstallDeleted, "Install is deleted."),
        IdentityFailure.InstallDeactivated => new(403, ErrorCodes.InstallDeactivated, "Install is already linked and is no longer active."),
        IdentityFailure.InstallLinkedToOtherUser => new(403, ErrorCodes.InstallLinkedToOtherUser, "Install linked to another user."),
        IdentityFailure.CannotLinkExistingPersonToOtherPerson => new(403, ErrorCodes.CannotLinkExistingPersonToOtherPerson,
            "This install is already in use, linking to another install is not possible."),
        _ => new(500, ErrorCodes.InternalError, "Linking failed."),
    };

    private static async Task<Results<Ok<AuthCodeResponse>, ApiError>> CreateAuthCode(HttpContext http, IdentityStore identity)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (externalId, invalid) = JsonBody.RequiredString(body, "external_id");
        if (invalid is not null)
        {
            return invalid;
        }

        var key = (ApiKeyCaller)http.AllowedCaller();
        var (code, expires) = await identity.CreateUserAuthCodeAsync(key.AppId, externalId, http.RequestAborted);
        return TypedResults.Ok(new AuthCodeResponse(code, WireTime.Zulu(expires)));
    }

    private static async Task<Ok> DeleteUser(HttpContext http, UserResourceStore resources)
    {
        await resources.DeleteUserAsync(http.TargetUser().UserId, http.RequestAborted);
        return TypedResults.Ok();
    }
}
