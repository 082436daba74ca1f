using Itinera.Core.Driving.Detection;
using Itinera.Core.Maps;
using Itinera.Core.Timeline;

namespace Itinera.Core.Driving.Scoring;

/// <summary>What was detected during one car transport, as inputs to its features.</summary>
/// <param name="Annotations">Harsh-event, phone-use and boundary annotations of the transport.</param>
/// <param name="Speeding">Intervals driven above the speed limit.</param>
/// <param name="MountJudgedSeconds">Seconds whose phone orientation could be judged from motion data.</param>
/// <param name="MountedSeconds">Of those, seconds with the phone mounted.</param>
public sealed record DriveDetections(
    IReadOnlyList<BehaviorAnnotation> Annotations,
    IReadOnlyList<SpeedingInterval>? Speeding = null,
    double MountJudgedSeconds = 0,
    double MountedSeconds = 0);

/// <summary>
/// Sums a car transport's trajectory and detections into <see cref="ZoneFeatures"/>: each stretch between two
/// waypoints counts in the zone of its road (matched waypoints carry <c>road_type</c> and <c>speed_limit</c>);
/// each event counts in the zone of the stretch it happened on.
/// </summary>
public static class DriveAnalyzer
{
    /// <summary>Thresholds harsh-event severities are measured against (platform-notes §4.2), m/s².</summary>
    public const double AccelerationThreshold = 2.25;

    /// <inheritdoc cref="AccelerationThreshold"/>
    public const double BrakeThreshold = 3.0;

    /// <inheritdoc cref="AccelerationThreshold"/>
    public const double TurnThreshold = 3.5;

    /// <summary>Speed above the limit (km/h) at which a stretch's speeding weight reaches 1 (legal_v2).</summary>
    public const double FullWeightExcessKmh = 20;

    /// <summary>A harsh acceleration this long before a harsh turn, or a harsh brake overlapping it, is a failure to
    /// anticipate the turn (anticipative_v2).</summary>
    public static readonly TimeSpan TurnAnticipationWindow = TimeSpan.FromSeconds(5);

    /// <summary>Stretches longer than this are gaps in the data, not driving with event detection.</summary>
    public static readonly TimeSpan MaxCoveredStretch = TimeSpan.FromSeconds(2.5);

    /// <summary>The features of one transport.</summary>
    public static ZoneFeatures Features(IReadOnlyList<TrajectoryWaypoint> waypoints, DriveDetections detections)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        ArgumentNullException.ThrowIfNull(detections);
        var zones = new Dictionary<string, DriveFeatures>(StringComparer.Ordinal)
        {
            [RoadZones.Motorway] = DriveFeatures.Empty,
            [RoadZones.City] = DriveFeatures.Empty,
            [RoadZones.NonCity] = DriveFeatures.Empty,
        };
        var all = DriveFeatures.Empty;
        var boundaries = detections.Annotations.Where(a => a.Kind == AnnotationKind.Boundary).ToList();

        for (var i = 0; i + 1 < waypoints.Count; i++)
        {
            var w = waypoints[i];
            var seconds = (waypoints[i + 1].Timestamp - w.Timestamp).TotalSeconds;
            if (seconds <= 0)
            {
                continue;
            }

            var covered = boundaries.Count > 0
                ? boundaries.Any(b => b.Start <= w.Timestamp && w.Timestamp < b.End)
                : seconds <= MaxCoveredStretch.TotalSeconds;
            double speeding = 0, weighted = 0;
            foreach (var interval in detections.Speeding ?? [])
            {
                var overlap = (Min(interval.End, waypoints[i + 1].Timestamp) - Max(interval.Start, w.Timestamp)).TotalSeconds;
                if (overlap > 0)
                {
                    speeding += overlap;
                    weighted += overlap * Math.Clamp((interval.MaxSpeedKmh - interval.LimitKmh) / FullWeightExcessKmh, 0, 1);
                }
            }

            var stretch = new DriveFeatures
            {
                DistanceMeters = w.DistanceMeters,
                DurationSeconds = seconds,
                EventCoverageSeconds = covered ? seconds : 0,
                EventCoverageMeters = covered ? w.DistanceMeters : 0,
                LimitKnownSeconds = w.SpeedLimitKmh is null ? 0 : seconds,
                SpeedingSeconds = speeding,
                SpeedingWeightedSeconds = weighted,
            };
            all = all.Add(stretch);
            if (ZoneOf(w) is { } zone)
            {
                zones[zone] = zones[zone].Add(stretch);
            }
        }

        var turns = detections.Annotations.Where(IsHarshTurn).ToList();
        foreach (var a in detections.Annotations)
        {
            var f = EventFeatures(a, turns);
            if (f is null)
            {
                continue;
            }

            all = all.Add(f);
            if (ZoneOf(WaypointAt(waypoints, a.Start)) is { } zone)
            {
                zones[zone] = zones[zone].Add(f);
            }
        }

        all = all.Add(new DriveFeatures { MountJudgedSeconds = detections.MountJudgedSeconds, MountedSeconds = detections.MountedSeconds });
        return new ZoneFeatures(all, zones[RoadZones.Motorway], zones[RoadZones.City], zones[RoadZones.NonCity]);
    }

    /// <summary>The transport's <c>behavior_features</c>: phone handling (ms) and distance with event detection (m).</summary>
    public static BehaviorFeatures BehaviorFeatures(ZoneFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new BehaviorFeatures((long)Math.Round(features.All.HandlingMilliseconds), (long)Math.Round(features.All.EventCoverageMeters));
    }

    private static DriveFeatures? EventFeatures(BehaviorAnnotation a, List<BehaviorAnnotation> turns)
    {
        var peak = a.MagnitudeMetersPerSecondSquared;
        var ms = (double)a.DurationMilliseconds;
        switch (a.Kind)
        {
            case AnnotationKind.Acceleration when a.Acceleration == AccelerationKinds.Brake:
                var duringTurn = turns.Any(t => a.Start < t.End && t.Start < a.End);
                return new DriveFeatures { BrakeCount = 1, BrakeSeverity = peak / BrakeThreshold, TurnAnticipationCount = duringTurn ? 1 : 0 };
            case AnnotationKind.Acceleration when a.Acceleration == AccelerationKinds.Accelerate:
                var beforeTurn = turns.Any(t => t.Start >= a.Start && t.Start - a.End <= TurnAnticipationWindow);
                return new DriveFeatures { AccelerationCount = 1, AccelerationSeverity = peak / AccelerationThreshold, TurnAnticipationCount = beforeTurn ? 1 : 0 };
            case AnnotationKind.Turn when IsHarshTurn(a):
                return new DriveFeatures { TurnCount = 1, TurnSeverity = peak / TurnThreshold };
            case AnnotationKind.PhoneHandling:
                return new DriveFeatures { HandlingMilliseconds = ms };
            case AnnotationKind.HandheldCalling:
                return new DriveFeatures { HandheldCallMilliseconds = ms };
            case AnnotationKind.HandsfreeCalling:
                return new DriveFeatures { HandsfreeCallMilliseconds = ms };
            case AnnotationKind.HandlingWithoutCalling:
                return new DriveFeatures { HandlingWithoutCallMilliseconds = ms };
            default:
                return null;
        }
    }

    /// <summary>Turn annotations other than lane switches (which are reported, not scored).</summary>
    private static bool IsHarshTurn(BehaviorAnnotation a) => a.Kind == AnnotationKind.Turn && a.Maneuver != ManeuverKinds.LaneSwitch;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string? ZoneOf(TrajectoryWaypoint? w) =>
        w?.RoadType is { } road ? RoadZones.Of(road, w.SpeedLimitKmh) : null;

    private static TrajectoryWaypoint? WaypointAt(IReadOnlyList<TrajectoryWaypoint> waypoints, DateTimeOffset time)
    {
        TrajectoryWaypoint? found = null;
        foreach (var w in waypoints)
        {
            if (w.Timestamp > time)
            {
                break;
            }

            found = w;
        }

        return found ?? (waypoints.Count > 0 ? waypoints[0] : null);
    }
}
