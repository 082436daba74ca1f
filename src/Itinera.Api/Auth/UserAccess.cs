using Itinera.Api.Http;
using Itinera.Core.Identity;
using Itinera.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Itinera.Api.Auth;

/// <summary>
/// The per-endpoint authorization rules of the platform (docs/auth.md). Rules are attached to routes as
/// endpoint filters, so a handler runs only for an allowed caller and finds the caller and the target
/// user in <see cref="HttpContext.Items"/>.
/// </summary>
public static class UserAccess
{
    private const string TargetItem = "itinera.target";
    private const string CallerItem = "itinera.allowed-caller";

    /// <summary>The SDK user named by the route's <c>user_id</c>, once a filter has allowed the request.</summary>
    public static SdkUserRecord TargetUser(this HttpContext http) =>
        (SdkUserRecord)(http.Items[TargetItem] ?? throw new InvalidOperationException("No user access filter on this route."));

    /// <summary>The caller, once a filter has allowed the request.</summary>
    public static Caller AllowedCaller(this HttpContext http) =>
        (Caller)(http.Items[CallerItem] ?? throw new InvalidOperationException("No access filter on this route."));

    /// <summary>
    /// Reading a user's data: an API key with <paramref name="scope"/> of the user's application, the user's
    /// own token, or a spectator/developer control user of the account owning the user's application.
    /// </summary>
    /// <param name="allowControlSelf">Also let a control user read itself (profile only); the handler then finds no target.</param>
    public static TBuilder RequireUserAccess<TBuilder>(this TBuilder builder, string scope = Scopes.UserRead, bool allowControlSelf = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var userId = http.Request.RouteValues["user_id"] as string ?? "";
            if (allowControlSelf)
            {
                var (caller, _) = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
                if (caller is ControlUserCaller control && string.Equals(control.UserId, userId, StringComparison.OrdinalIgnoreCase))
                {
                    http.Items[CallerItem] = caller;
                    return await next(context);
                }
            }

            var error = await AuthorizeAsync(http, userId, scope, allowControlUsers: true);
            return error ?? await next(context);
        });

    /// <summary>The target user when a filter set one (null for a control user reading itself).</summary>
    public static SdkUserRecord? TargetUserOrNull(this HttpContext http) => http.Items[TargetItem] as SdkUserRecord;

    /// <summary>Deleting a user: the user's own token or an API key with <c>user.delete</c>.</summary>
    public static TBuilder RequireUserDeletion<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var userId = http.Request.RouteValues["user_id"] as string ?? "";
            var error = await AuthorizeAsync(http, userId, Scopes.UserDelete, allowControlUsers: false);
            return error ?? await next(context);
        });

    /// <summary>Only an API key with <paramref name="scope"/>; user tokens are refused.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (caller, error) = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
            if (error is not null)
            {
                return error;
            }

            if (caller is not ApiKeyCaller key)
            {
                return ApiError.Forbidden("This endpoint accepts only an API key; user tokens are refused.");
            }

            if (!key.Has(scope))
            {
                return ApiError.InsufficientScope(scope);
            }

            http.Items[CallerItem] = caller;
            return await next(context);
        });

    /// <summary>Only a user access token (SDK or control user); API keys are refused.</summary>
    public static TBuilder RequireUserToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (caller, error) = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
            if (error is not null)
            {
                return error;
            }

            if (caller is ApiKeyCaller)
            {
                return ApiError.Forbidden("This endpoint needs a user token; API keys are refused.");
            }

            http.Items[CallerItem] = caller;
            return await next(context);
        });

    private static async Task<ApiError?> AuthorizeAsync(HttpContext http, string userId, string scope, bool allowControlUsers)
    {
        var (caller, error) = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
        if (error is not null)
        {
            return error;
        }

        var identity = http.RequestServices.GetRequiredService<IdentityStore>();
        var ct = http.RequestAborted;
        SdkUserRecord? target;
        switch (caller)
        {
            case ApiKeyCaller key:
                if (!key.Has(scope))
                {
                    return ApiError.InsufficientScope(scope);
                }

                target = await FindUserAsync(identity, userId, ct);
                if (target is null)
                {
                    return ApiError.UserNotFound(userId);
                }

                if (!string.Equals(target.AppId, key.AppId, StringComparison.Ordinal))
                {
                    return ApiError.Forbidden("The user does not belong to the API key's application.");
                }

                break;
            case SdkUserCaller self:
                if (!string.Equals(self.UserId, userId, StringComparison.OrdinalIgnoreCase))
                {
                    return ApiError.Forbidden("A user token reaches only its own user.");
                }

                target = self.User ?? await FindUserAsync(identity, userId, ct);
                if (target is null)
                {
                    return ApiError.UserNotFound(userId);
                }

                break;
            case ControlUserCaller control when allowControlUsers:
                if (!control.Role.ReadsWholeAccount())
                {
                    return ApiError.Forbidden("A basic user token reaches only its own user.");
                }

                target = await FindUserAsync(identity, userId, ct);
                if (target is null)
                {
                    return ApiError.UserNotFound(userId);
                }

                var app = await identity.FindApplicationAsync(target.AppId, ct);
                if (app is null || !string.Equals(app.AccountId, control.AccountId, StringComparison.Ordinal))
                {
                    return ApiError.Forbidden("The user belongs to an application of another account.");
                }

                break;
            default:
                return ApiError.Forbidden("This credential cannot perform this operation.");
        }

        http.Items[TargetItem] = target;
        http.Items[CallerItem] = caller;
        return null;
    }

    private static async Task<SdkUserRecord?> FindUserAsync(IdentityStore identity, string userId, CancellationToken ct) =>
        IdGenerator.IsObjectId(userId) ? await identity.FindSdkUserAsync(userId.ToLowerInvariant(), ct) : null;
}
