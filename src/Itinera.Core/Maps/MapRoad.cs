namespace Itinera.Core.Maps;

/// <summary>Which way a road may be driven, relative to the order of its points.</summary>
public enum Oneway : sbyte
{
    /// <summary>Both directions.</summary>
    No = 0,
    /// <summary>Only in the order of the points (<c>oneway=yes</c>, roundabouts, motorways).</summary>
    Forward = 1,
    /// <summary>Only against the order of the points (<c>oneway=-1</c>).</summary>
    Backward = -1,
}

/// <summary>
/// One drivable OSM way: its <c>highway</c> class, speed limit, direction and geometry. Node ids join ways at
/// shared nodes when a <see cref="RoadNetwork"/> is built.
/// </summary>
public sealed record MapRoad(
    long WayId,
    string Highway,
    SpeedLimit SpeedLimit,
    Oneway Oneway,
    string? Name,
    long[] NodeIds,
    double[] Latitudes,
    double[] Longitudes)
{
    /// <summary>The speed limit in km/h, or null when none is known.</summary>
    public int? SpeedLimitKmh => SpeedLimit.Kmh;
}

/// <summary>A named point of interest with its category hierarchy (broad → specific).</summary>
/// <param name="PoiId">The OSM element: <c>n123</c> for a node, <c>w123</c> for a way (at its centroid).</param>
public sealed record MapPoi(string PoiId, double Latitude, double Longitude, string? Name, IReadOnlyList<string> CategoryHierarchy);
