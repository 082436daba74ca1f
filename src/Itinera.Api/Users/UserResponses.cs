using Itinera.Api.Http;
using Itinera.Storage.Identity;

namespace Itinera.Api.Users;

/// <summary>SDK settings of a user; Itinera has no per-user overrides, so the app defaults apply.</summary>
public sealed record UserSdkSettingsResponse(string Type, string Flavor, string KillswitchAction, string? DebugLogging)
{
    public static UserSdkSettingsResponse Default { get; } = new("UserSdkSettings", "full", "enable_sdk", null);
}

/// <summary>A control (dashboard) user's profile.</summary>
public sealed record ControlUserResponse(
    string Type,
    string Id,
    bool CanLogin,
    string CreatedAt,
    UserSdkSettingsResponse Sdk,
    string? ApplicationId,
    string Email,
    IReadOnlyList<UserAccountRoleResponse> AccountRoles)
{
    public static ControlUserResponse From(ControlUserRecord user, AccountRecord account, string? applicationId) => new(
        "ControlUser", user.Id, true, WireTime.UtcMillis(user.CreatedAt), UserSdkSettingsResponse.Default, applicationId, user.Email,
        [new UserAccountRoleResponse("UserAccountRole", user.Id, account.Id, user.Role,
            new AccountResponse(account.Id, account.Name, WireTime.UtcMillis(account.CreatedAt)))]);
}

public sealed record UserAccountRoleResponse(string Type, string UserId, string AccountId, string Role, AccountResponse Account);

public sealed record AccountResponse(string Id, string DisplayName, string CreatedAt);

/// <summary>An SDK user's profile: the anonymous id, its active install and linked external id.</summary>
public sealed record SdkUserResponse(
    string Type,
    string Id,
    bool CanLogin,
    string CreatedAt,
    UserSdkSettingsResponse Sdk,
    string ApplicationId,
    string? InstallId,
    string? ExternalId)
{
    public static SdkUserResponse From(SdkUserRecord user) => new(
        "User", user.UserId, false, WireTime.UtcMillis(user.CreatedAt), UserSdkSettingsResponse.Default, user.AppId,
        user.ActiveInstallId, user.ExternalId);
}

/// <summary>Answer of the link endpoint: the user the install now belongs to.</summary>
public sealed record LinkResponse(string Id);

/// <summary>Answer of the auth-code endpoint.</summary>
public sealed record AuthCodeResponse(string AuthenticationCode, string ExpiresAt);
