using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Core.Timeline;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Timeline;

/// <summary>
/// The timeline: events by date range, and one event with its trajectory, behaviour scores and
/// annotations, by start time (v2, deprecated) or by event id (v3).
/// </summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2/users/{user_id}/events").WithTags("Timeline").RequireUserAccess();
        v2.MapGet("", ListEvents).WithName("ListEvents");
        v2.MapGet("/{start}", GetEventByStart).WithName("GetEventByStart");
        v2.MapGet("/{start}/trajectory", GetTrajectoryByStart).WithName("GetTrajectoryByStart");
        v2.MapGet("/{start}/behavior_scores", GetScoresByStart).WithName("GetBehaviorScoresByStart");
        v2.MapGet("/{start}/behavior_annotations", GetAnnotationsByStart).WithName("GetBehaviorAnnotationsByStart");

        var v3 = app.MapGroup("/v3/users/{user_id}/events").WithTags("Timeline").RequireUserAccess();
        v3.MapGet("/{event_id}", GetEvent).WithName("GetEvent");
        v3.MapGet("/{event_id}/trajectory", GetTrajectory).WithName("GetTrajectory");
        v3.MapGet("/{event_id}/behavior_scores", GetScores).WithName("GetBehaviorScores");
        v3.MapGet("/{event_id}/behavior_annotations", GetAnnotations).WithName("GetBehaviorAnnotations");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<EventResponse>>, ApiError>> ListEvents(
        HttpContext http, UserResourceStore resources, [FromQuery] string? from, [FromQuery] string? to)
    {
        var user = http.TargetUser();
        var (start, end, error) = DateWindow.Parse(from, to, user.TimeZoneId);
        if (error is not null)
        {
            return error;
        }

        var events = await resources.ListEventsAsync(user.UserId, start, end, http.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<EventResponse>>([.. events.Select(EventResponse.From)]);
    }

    private static async Task<(TimelineEvent? Event, ApiError? Error)> FindByStartAsync(HttpContext http, UserResourceStore resources, string start)
    {
        if (!WireTime.TryParseInstant(start, out var instant))
        {
            return (null, ApiError.InvalidParameter("'start' must be an ISO-8601 timestamp with offset, e.g. 2019-03-21T20:08:00.000+01:00."));
        }

        var e = await resources.FindEventByStartAsync(http.TargetUser().UserId, instant, http.RequestAborted);
        return e is null ? (null, ApiError.EventNotFound("starting at " + start)) : (e, null);
    }

    private static async Task<(TimelineEvent? Event, ApiError? Error)> FindByIdAsync(HttpContext http, UserResourceStore resources, string eventId)
    {
        var e = eventId.Length <= 64 ? await resources.FindEventAsync(http.TargetUser().UserId, eventId.ToLowerInvariant(), http.RequestAborted) : null;
        return e is null ? (null, ApiError.EventNotFound("'" + eventId + "'")) : (e, null);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventResponse>>, ApiError>> GetEventByStart(HttpContext http, UserResourceStore resources, string start)
    {
        var (e, error) = await FindByStartAsync(http, resources, start);
        return error ?? (Results<Ok<IReadOnlyList<EventResponse>>, ApiError>)TypedResults.Ok<IReadOnlyList<EventResponse>>([EventResponse.From(e!)]);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventResponse>>, ApiError>> GetEvent(
        HttpContext http, UserResourceStore resources, [FromRoute(Name = "event_id")] string eventId)
    {
        var (e, error) = await FindByIdAsync(http, resources, eventId);
        return error ?? (Results<Ok<IReadOnlyList<EventResponse>>, ApiError>)TypedResults.Ok<IReadOnlyList<EventResponse>>([EventResponse.From(e!)]);
    }

    private static async Task<Results<Ok<TrajectoryResponse>, ApiError>> GetTrajectoryByStart(HttpContext http, UserResourceStore resources, string start)
    {
        var (e, error) = await FindByStartAsync(http, resources, start);
        return error ?? await TrajectoryOfAsync(http, resources, e!);
    }

    private static async Task<Results<Ok<TrajectoryResponse>, ApiError>> GetTrajectory(
        HttpContext http, UserResourceStore resources, [FromRoute(Name = "event_id")] string eventId)
    {
        var (e, error) = await FindByIdAsync(http, resources, eventId);
        return error ?? await TrajectoryOfAsync(http, resources, e!);
    }

    private static async Task<Results<Ok<TrajectoryResponse>, ApiError>> TrajectoryOfAsync(HttpContext http, UserResourceStore resources, TimelineEvent e)
    {
        if (e.Kind != EventKind.Transport)
        {
            return ApiError.NotFound($"Event {e.EventId} is a stay; only transports have a trajectory.");
        }

        var trajectory = await resources.FindTrajectoryAsync(http.TargetUser().UserId, e.EventId, http.RequestAborted);
        return trajectory is null
            ? ApiError.NotFound($"Transport {e.EventId} has no trajectory.")
            : TypedResults.Ok(TrajectoryResponse.From(trajectory, e.TimeZoneId));
    }

    private static async Task<Results<Ok<CarBehaviorScoresResponse>, ApiError>> GetScoresByStart(HttpContext http, UserResourceStore resources, string start)
    {
        var (e, error) = await FindByStartAsync(http, resources, start);
        return error ?? await ScoresOfAsync(http, resources, e!);
    }

    private static async Task<Results<Ok<CarBehaviorScoresResponse>, ApiError>> GetScores(
        HttpContext http, UserResourceStore resources, [FromRoute(Name = "event_id")] string eventId)
    {
        var (e, error) = await FindByIdAsync(http, resources, eventId);
        return error ?? await ScoresOfAsync(http, resources, e!);
    }

    private static async Task<Results<Ok<CarBehaviorScoresResponse>, ApiError>> ScoresOfAsync(HttpContext http, UserResourceStore resources, TimelineEvent e)
    {
        if (IsUnderWay(e))
        {
            return ApiError.NotFound($"Transport {e.EventId} is still under way; its behaviour scores come once it is processed.");
        }

        var scores = e.Kind == EventKind.Transport
            ? await resources.FindBehaviorScoresAsync(http.TargetUser().UserId, e.EventId, http.RequestAborted)
            : null;
        return scores is null
            ? ApiError.NotFound($"Event {e.EventId} has no behaviour scores; they exist only for fully processed car transports.")
            : TypedResults.Ok(CarBehaviorScoresResponse.From(scores));
    }

    private static async Task<Results<Ok<IReadOnlyList<AnnotationResponse>>, ApiError>> GetAnnotationsByStart(
        HttpContext http, UserResourceStore resources, string start)
    {
        var (e, error) = await FindByStartAsync(http, resources, start);
        return error ?? await AnnotationsOfAsync(http, resources, e!);
    }

    private static async Task<Results<Ok<IReadOnlyList<AnnotationResponse>>, ApiError>> GetAnnotations(
        HttpContext http, UserResourceStore resources, [FromRoute(Name = "event_id")] string eventId)
    {
        var (e, error) = await FindByIdAsync(http, resources, eventId);
        return error ?? await AnnotationsOfAsync(http, resources, e!);
    }

    private static async Task<Results<Ok<IReadOnlyList<AnnotationResponse>>, ApiError>> AnnotationsOfAsync(
        HttpContext http, UserResourceStore resources, TimelineEvent e)
    {
        if (IsUnderWay(e))
        {
            return ApiError.NotFound($"Transport {e.EventId} is still under way; its behaviour annotations come once it is processed.");
        }

        var annotations = e.Kind == EventKind.Transport
            ? await resources.FindBehaviorAnnotationsAsync(http.TargetUser().UserId, e.EventId, http.RequestAborted)
            : null;
        return annotations is null
            ? ApiError.NotFound($"Event {e.EventId} has no behaviour annotations; they exist only for fully processed car transports.")
            : TypedResults.Ok<IReadOnlyList<AnnotationResponse>>([.. annotations.Select(a => AnnotationResponse.From(a, e.TimeZoneId))]);
    }

    /// <summary>
    /// A transport not yet processed (ongoing). The pipeline keeps provisional scores and annotations for it,
    /// but the platform serves them "only when the full trip is processed", and they change until then.
    /// </summary>
    private static bool IsUnderWay(TimelineEvent e) => e.Kind == EventKind.Transport && e.AnalysisType != AnalysisType.Processed;
}
