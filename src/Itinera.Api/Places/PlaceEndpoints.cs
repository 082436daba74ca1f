using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Api.Timeline;
using Itinera.Core.Places;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Places;

/// <summary>A user's location clusters and last known location.</summary>
public static class PlaceEndpoints
{
    public static IEndpointRouteBuilder MapPlaceEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2/users/{user_id}").WithTags("Places").RequireUserAccess();
        v2.MapGet("/location_clusters", ListLocationClusters).WithName("ListLocationClusters");
        // The older documentation's singular path, still used by some clients.
        v2.MapGet("/location_cluster", ListLocationClusters).WithName("ListLocationClustersLegacy");
        v2.MapGet("/location", GetLocation).WithName("GetLastLocation");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<LocationClusterResponse>>> ListLocationClusters(HttpContext http, UserResourceStore resources)
    {
        var clusters = await resources.ListLocationClustersAsync(http.TargetUser().UserId, http.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<LocationClusterResponse>>([.. clusters.Select(LocationClusterResponse.From)]);
    }

    private static async Task<Results<Ok<WaypointResponse>, ApiError>> GetLocation(HttpContext http, UserResourceStore resources)
    {
        var user = http.TargetUser();
        var fix = await resources.FindLastLocationAsync(user.UserId, http.RequestAborted);
        return fix is null
            ? ApiError.NotFound("No location is known for this user yet.")
            // The stored fix is the phone's raw reading; coordinates go out with five decimals like every other on the wire.
            : TypedResults.Ok(new WaypointResponse("Waypoint", Math.Round(fix.Latitude, 5), Math.Round(fix.Longitude, 5),
                WireTime.Millis(fix.Timestamp, user.TimeZoneId)));
    }
}

public sealed record LocationClusterResponse(
    string Type, string LastVisit, double Latitude, double Longitude, int Radius, bool IsPoi, string Significance,
    AddressResponse? Address, PlaceResponse? Place)
{
    public static LocationClusterResponse From(LocationCluster c) => new(
        "LocationCluster", WireTime.Seconds(c.LastVisit, c.TimeZoneId), Math.Round(c.Latitude, 5), Math.Round(c.Longitude, 5),
        c.RadiusMeters, c.IsPoi, c.Significance, AddressResponse.From(c.Address), PlaceResponse.From(c.Place));
}

public sealed record WaypointResponse(string Type, double Latitude, double Longitude, string Timestamp);
