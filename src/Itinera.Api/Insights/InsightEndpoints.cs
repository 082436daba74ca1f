using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Insights;

/// <summary>Segments, moments (history and active) and anomalies of a user.</summary>
public static class InsightEndpoints
{
    public static IEndpointRouteBuilder MapInsightEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2/users/{user_id}").WithTags("Insights").RequireUserAccess();
        v2.MapGet("/segments", ListSegments).WithName("ListSegments");
        v2.MapGet("/moments", ListMoments).WithName("ListMoments");
        v2.MapGet("/active_moments", ListActiveMoments).WithName("ListActiveMoments");
        v2.MapGet("/anomalies", ListAnomalies).WithName("ListAnomalies");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SegmentResponse>>> ListSegments(HttpContext http, UserResourceStore resources)
    {
        var segments = await resources.ListSegmentsAsync(http.TargetUser().UserId, http.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<SegmentResponse>>([.. segments.Select(SegmentResponse.From)]);
    }

    private static async Task<Results<Ok<IReadOnlyList<MomentResponse>>, ApiError>> ListMoments(
        HttpContext http, UserResourceStore resources, [FromQuery] string? from, [FromQuery] string? to)
    {
        var user = http.TargetUser();
        var (start, end, error) = DateWindow.Parse(from, to, user.TimeZoneId);
        if (error is not null)
        {
            return error;
        }

        var moments = await resources.ListMomentsAsync(user.UserId, start, end, http.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<MomentResponse>>([.. moments.Select(MomentResponse.From)]);
    }

    private static async Task<Ok<IReadOnlyList<MomentResponse>>> ListActiveMoments(HttpContext http, UserResourceStore resources)
    {
        var moments = await resources.ListActiveMomentsAsync(http.TargetUser().UserId, http.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<MomentResponse>>([.. moments.Select(MomentResponse.From)]);
    }

    private static async Task<Results<Ok<IReadOnlyList<AnomalyResponse>>, ApiError>> ListAnomalies(
        HttpContext http, UserResourceStore resources, [FromQuery] string? from, [FromQuery] string? to)
    {
        var user = http.TargetUser();
        var (start, end, error) = DateWindow.Parse(from, to, user.TimeZoneId);
        if (error is not null)
        {
            return error;
        }

        var anomalies = await resources.ListAnomaliesAsync(user.UserId, start, end, http.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<AnomalyResponse>>([.. anomalies.Select(AnomalyResponse.From)]);
    }
}
