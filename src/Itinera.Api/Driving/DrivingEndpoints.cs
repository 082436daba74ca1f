using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Core.Driving;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Driving;

/// <summary>Aggregated driving behaviour: the nine-week summary and the day/week/month/all scores.</summary>
public static class DrivingEndpoints
{
    public static IEndpointRouteBuilder MapDrivingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v2/users/{user_id}").WithTags("Driving").RequireUserAccess()
            .MapGet("/car_behavior", GetCarBehavior).WithName("GetCarBehavior");

        var v3 = app.MapGroup("/v3/users/{user_id}/aggregated_driving_scores").WithTags("Driving").RequireUserAccess();
        v3.MapGet("", GetAggregatedScores).WithName("GetAggregatedDrivingScores");
        // The reference calls type and date path parameters without placing them; both spellings are served.
        v3.MapGet("/{type}", GetAggregatedScoresByPath).WithName("GetAggregatedDrivingScoresByType");
        v3.MapGet("/{type}/{date}", GetAggregatedScoresByPath).WithName("GetAggregatedDrivingScoresByTypeAndDate");
        return app;
    }

    private static async Task<Ok<UserCarBehaviorResponse>> GetCarBehavior(HttpContext http, UserResourceStore resources)
    {
        var summary = await resources.FindCarBehaviorAsync(http.TargetUser().UserId, http.RequestAborted)
            ?? new CarBehaviorSummary(null, null, new WindowFeatures(0, 0), new WindowFeatures(0, 0));
        return TypedResults.Ok(UserCarBehaviorResponse.From(summary));
    }

    private static Task<Results<Ok<Dictionary<string, AggregatedScoresResponse?>>, ApiError>> GetAggregatedScores(
        HttpContext http, UserResourceStore resources, TimeProvider time, [FromQuery] string? type, [FromQuery] string? date) =>
        AggregatedAsync(http, resources, time, type, date);

    private static Task<Results<Ok<Dictionary<string, AggregatedScoresResponse?>>, ApiError>> GetAggregatedScoresByPath(
        HttpContext http, UserResourceStore resources, TimeProvider time, string type, string? date) =>
        AggregatedAsync(http, resources, time, type, date);

    private static async Task<Results<Ok<Dictionary<string, AggregatedScoresResponse?>>, ApiError>> AggregatedAsync(
        HttpContext http, UserResourceStore resources, TimeProvider time, string? type, string? date)
    {
        var (period, periodStart, error) = ParsePeriod(type, date, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (error is not null)
        {
            return error;
        }

        var scores = await resources.FindDrivingScoreAggregateAsync(http.TargetUser().UserId, period, periodStart, http.RequestAborted);
        var key = period.ToString().ToLowerInvariant();
        return TypedResults.Ok(new Dictionary<string, AggregatedScoresResponse?>
        {
            [key] = scores is null ? null : AggregatedScoresResponse.From(scores),
        });
    }

    /// <summary>
    /// The period and its first day. Without a date: the current day, week (from Monday) or month in UTC.
    /// A week date must be a Monday and a month date the 1st.
    /// </summary>
    public static (ScorePeriod Period, DateOnly? Start, ApiError? Error) ParsePeriod(string? type, string? date, DateOnly todayUtc)
    {
        ScorePeriod period;
        switch (type?.ToLowerInvariant())
        {
            case "day": period = ScorePeriod.Day; break;
            case "week": period = ScorePeriod.Week; break;
            case "month": period = ScorePeriod.Month; break;
            case "all": period = ScorePeriod.All; break;
            case null or "": return (default, null, ApiError.InvalidParameter("'type' is required: day, week, month or all."));
            default: return (default, null, ApiError.InvalidParameter("'type' must be day, week, month or all."));
        }

        if (period == ScorePeriod.All)
        {
            return string.IsNullOrEmpty(date)
                ? (period, null, null)
                : (default, null, ApiError.InvalidParameter("'date' is not accepted with type=all, which covers the last nine weeks."));
        }

        DateOnly day;
        if (string.IsNullOrEmpty(date))
        {
            day = period switch
            {
                ScorePeriod.Week => todayUtc.AddDays(-(((int)todayUtc.DayOfWeek + 6) % 7)),
                ScorePeriod.Month => new DateOnly(todayUtc.Year, todayUtc.Month, 1),
                _ => todayUtc,
            };
            return (period, day, null);
        }

        if (!WireTime.TryParseDate(date, out day))
        {
            return (default, null, ApiError.InvalidParameter("'date' must be a date as YYYY-MM-DD."));
        }

        if (period == ScorePeriod.Week && day.DayOfWeek != DayOfWeek.Monday)
        {
            return (default, null, ApiError.InvalidParameter("For type=week, 'date' must be a Monday."));
        }

        if (period == ScorePeriod.Month && day.Day != 1)
        {
            return (default, null, ApiError.InvalidParameter("For type=month, 'date' must be the 1st of a month."));
        }

        return (period, day, null);
    }
}
