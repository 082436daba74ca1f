namespace Itinera.Core.Timeline;

/// <summary>The cleaned path of a transport.</summary>
/// <param name="EncodedPolyline">Google encoded polyline (precision 5) of the path.</param>
public sealed record Trajectory(IReadOnlyList<TrajectoryWaypoint> Waypoints, string EncodedPolyline);

/// <summary>
/// One point of a trajectory. <see cref="SpeedKmh"/> and <see cref="DistanceMeters"/> describe the
/// stretch from this waypoint to the next (zero on the last one).
/// </summary>
public sealed record TrajectoryWaypoint(
    double Latitude,
    double Longitude,
    DateTimeOffset Timestamp,
    string? RoadType,
    double SpeedKmh,
    double DistanceMeters,
    int? SpeedLimitKmh);
