using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Core.Ingestion;
using Itinera.Storage.Identity;
using Itinera.Storage.Raw;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Uploads;

/// <summary>Data in from phones (<c>POST /v3/sdk/uploads</c>) and raw fixes out (<c>GET /v3/users/:user_id/fixes</c>).</summary>
public static class UploadEndpoints
{
    /// <summary>Default and largest page of <c>GET …/fixes</c>.</summary>
    public const int DefaultFixLimit = 10_000;

    public const int MaxFixLimit = 100_000;

    /// <summary>Response header with the <c>from</c> of the next page when a page was full.</summary>
    public const string NextFromHeader = "Itinera-Next-From";

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v3/sdk/uploads", Upload).WithTags("SDK").RequireUserToken().WithName("Upload");
        app.MapGet("/v3/users/{user_id}/fixes", ListFixes).WithTags("Raw data").RequireUserAccess().WithName("ListFixes");
        return app;
    }

    private static async Task<Results<Ok<UploadResponse>, ApiError>> Upload(
        HttpContext http, UploadWriter queue, ProcessingBacklog backlog, TimeZoneResolver zones, IdentityStore identity, TimeProvider time, UploadLimits limits)
    {
        if (http.AllowedCaller() is not SdkUserCaller caller)
        {
            return ApiError.Forbidden("Uploads need an SDK user's access token.");
        }

        var (body, error) = await JsonBody.ReadBytesAsync(http.Request, limits.MaxBodyBytes);
        if (error is not null)
        {
            return error;
        }

        UploadBatch? batch;
        ApiError? invalid;
        using (body)
        {
            (batch, invalid) = UploadParser.Parse(body!.Memory.Span, time.GetUtcNow().ToUnixTimeMilliseconds(), limits);
        }

        if (invalid is not null)
        {
            return invalid;
        }

        if (batch!.TimeZoneId is null && batch.Fixes.Count > 0 && zones.CanResolve
            && (caller.User ?? await identity.FindSdkUserAsync(caller.UserId, http.RequestAborted)) is { TimeZoneId: null })
        {
            // The phone sent no zone and none is known: take the zone of where the user is.
            var latest = batch.Fixes.MaxBy(f => f.TimestampMs);
            batch.TimeZoneId = zones.At(latest.Latitude, latest.Longitude);
        }

        if (await backlog.IsOverAsync(http.RequestAborted))
        {
            return new ApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                "Processing is behind; retry after the number of seconds in Retry-After.")
            { RetryAfterSeconds = 5 };
        }

        if (!queue.TryEnqueue(new UploadWrite(caller.UserId, batch!), out var stored))
        {
            return new ApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                "The server is busy storing uploads; retry after the number of seconds in Retry-After.")
            { RetryAfterSeconds = 1 };
        }

        var result = await stored;
        return TypedResults.Ok(new UploadResponse(result.Accepted, result.Duplicates,
            [.. result.Rejected.Select(static r => new RejectionResponse(r.Kind, r.Index, r.Reason))]));
    }

    private static async Task<Results<Ok<IReadOnlyList<FixResponse>>, ApiError>> ListFixes(
        HttpContext http, RawDataStore raw, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit)
    {
        var user = http.TargetUser();
        var (fromMs, e1) = ParseBound(from, "from", user.TimeZoneId, SensorValidator.EarliestTimestampMs, endOfDay: false);
        var (toMs, e2) = ParseBound(to, "to", user.TimeZoneId, long.MaxValue / 2, endOfDay: true);
        if ((e1 ?? e2) is { } error)
        {
            return error;
        }

        if (toMs < fromMs)
        {
            return ApiError.InvalidParameter("'to' must not be before 'from'.");
        }

        var pageSize = DefaultFixLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize)
            || pageSize is < 1 or > MaxFixLimit))
        {
            return ApiError.InvalidParameter($"'limit' must be a whole number from 1 to {MaxFixLimit}.");
        }

        var fixes = await raw.ReadFixesAsync(user.UserId, fromMs, toMs, pageSize, http.RequestAborted);
        if (fixes.Count == pageSize)
        {
            http.Response.Headers[NextFromHeader] = WireTime.Millis(DateTimeOffset.FromUnixTimeMilliseconds(fixes[^1].TimestampMs + 1), user.TimeZoneId);
        }

        return TypedResults.Ok<IReadOnlyList<FixResponse>>([.. fixes.Select(f => new FixResponse(
            "Waypoint", f.Latitude, f.Longitude, WireTime.Millis(DateTimeOffset.FromUnixTimeMilliseconds(f.TimestampMs), user.TimeZoneId),
            f.AccuracyMeters, f.SpeedMetersPerSecond, f.AltitudeMeters))]);
    }

    /// <summary>An ISO timestamp (inclusive) or a local date: its start for <c>from</c>, the next day's start for <c>to</c>.</summary>
    private static (long Ms, ApiError? Error) ParseBound(string? value, string name, string? zoneId, long fallback, bool endOfDay)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (fallback, null);
        }

        if (WireTime.TryParseDate(value, out var day))
        {
            return ((endOfDay ? DateWindow.EndOfLocalDay(day, zoneId) : DateWindow.StartOfLocalDay(day, zoneId)).ToUnixTimeMilliseconds(), null);
        }

        return WireTime.TryParseInstant(value, out var instant)
            ? (instant.ToUnixTimeMilliseconds(), null)
            : (0, ApiError.InvalidParameter($"'{name}' must be a date (YYYY-MM-DD) or an ISO-8601 timestamp with offset."));
    }
}

/// <summary>The answer to an upload.</summary>
public sealed record UploadResponse(int Accepted, int Duplicates, IReadOnlyList<RejectionResponse> Rejected);

public sealed record RejectionResponse(string Kind, int Index, string Reason);

/// <summary>A stored fix; <c>speed</c> in m/s, <c>accuracy</c> and <c>altitude</c> in metres, null when unknown.</summary>
public sealed record FixResponse(string Type, double Latitude, double Longitude, string Timestamp, double? Accuracy, double? Speed, double? Altitude);
