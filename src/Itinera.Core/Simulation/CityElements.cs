namespace Itinera.Core.Simulation;

/// <summary>A node of the synthetic city's road and rail network (an OSM node); ids are positive and dense from 1.</summary>
public readonly record struct CityNode(long Id, double Latitude, double Longitude);

/// <summary>What a <see cref="CityWay"/> carries.</summary>
public enum WayKind
{
    /// <summary>A road (<c>highway=*</c>).</summary>
    Road,
    /// <summary>A main-line railway (<c>railway=rail</c>).</summary>
    Rail,
    /// <summary>A tram track on the street (<c>railway=tram</c>), sharing the road's nodes.</summary>
    Tram,
    /// <summary>An underground metro line (<c>railway=subway</c>, <c>tunnel=yes</c>).</summary>
    Subway,
}

/// <summary>
/// A way of the synthetic city (an OSM way): an ordered list of node ids with OSM-like attributes.
/// </summary>
/// <param name="RoadClass">The road class for <see cref="WayKind.Road"/> ways; null otherwise.</param>
/// <param name="MaxSpeedKmh">The speed limit in km/h (roads) or the line speed (rails).</param>
/// <param name="Oneway">True when a road may only be driven in the order of its nodes.</param>
public sealed record CityWay(
    long Id,
    WayKind Kind,
    RoadClass? RoadClass,
    int MaxSpeedKmh,
    string Name,
    bool Oneway,
    IReadOnlyList<long> NodeIds);

/// <summary>A point of interest (an OSM node with tags) such as a restaurant, a shop, an office or a home.</summary>
/// <param name="Id">The OSM node id; distinct from every <see cref="CityNode"/> id.</param>
/// <param name="Tags">The OSM tags in writing order (the category tag first, then <c>name</c>, ...).</param>
public sealed record PointOfInterest(
    long Id,
    PoiCategory Category,
    string Name,
    double Latitude,
    double Longitude,
    CityArea Area,
    IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    /// <summary>Index of the road node where trips to and from this POI join the road network.</summary>
    internal int AccessNode { get; init; }

    /// <summary>The other end of the street segment the POI's entrance is on, or −1 (trips may leave either way).</summary>
    internal int OtherAccessNode { get; init; } = -1;

    /// <summary>Where the POI's driveway or path meets the street (on the segment to <see cref="AccessNode"/>).</summary>
    internal double EntranceLatitude { get; init; }

    internal double EntranceLongitude { get; init; }
}

/// <summary>A stop or station of a <see cref="TransitLine"/> (an OSM node with tags, not part of any way).</summary>
/// <param name="PathIndex">Index into <see cref="TransitLine.PathNodeIds"/> of the track node the vehicle stops at.</param>
/// <param name="DistanceAlongMeters">Distance from the start of the line to the stop, metres.</param>
public sealed record TransitStop(long Id, string Name, double Latitude, double Longitude, int PathIndex, double DistanceAlongMeters)
{
    /// <summary>Index of the road node pedestrians use to reach the stop.</summary>
    internal int AccessNode { get; init; }
}

/// <summary>A public-transport line: a track (or road) path, its stops in order and the ways it runs on.</summary>
/// <param name="RelationId">The OSM relation id (<c>type=route</c>).</param>
/// <param name="PathNodeIds">Every node the vehicle passes, in order; consecutive nodes are joined by a way.</param>
/// <param name="WayIds">The ways the line runs on, in order (for the route relation).</param>
/// <param name="MaxSpeedKmh">The line's top speed in km/h; road limits also apply to buses and trams.</param>
public sealed record TransitLine(
    long RelationId,
    TransitKind Kind,
    string Ref,
    string Name,
    IReadOnlyList<long> PathNodeIds,
    IReadOnlyList<TransitStop> Stops,
    IReadOnlyList<long> WayIds,
    int MaxSpeedKmh)
{
    /// <summary>Indices (node id − 1) of <see cref="PathNodeIds"/>.</summary>
    internal int[] PathNodes { get; init; } = [];

    /// <summary>Distance from the start of the line to each path node, metres.</summary>
    internal double[] CumulativeMeters { get; init; } = [];

    /// <summary>Speed limit of each path segment (between node k and k + 1), km/h.</summary>
    internal double[] SegmentSpeedsKmh { get; init; } = [];
}
