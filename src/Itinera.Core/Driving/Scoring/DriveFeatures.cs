namespace Itinera.Core.Driving.Scoring;

/// <summary>
/// What scores are computed from: sums over one transport, or over many (features add up, scores do not). Every
/// duration is in seconds and every distance in metres. See docs/scoring.md.
/// </summary>
public sealed record DriveFeatures
{
    /// <summary>Features of nothing (the identity of <see cref="Add"/>).</summary>
    public static readonly DriveFeatures Empty = new();

    public double DistanceMeters { get; init; }
    public double DurationSeconds { get; init; }

    /// <summary>Harsh accelerations, brakings and turns, and their severities: Σ peak / threshold.</summary>
    public int AccelerationCount { get; init; }
    public int BrakeCount { get; init; }
    public int TurnCount { get; init; }
    public double AccelerationSeverity { get; init; }
    public double BrakeSeverity { get; init; }
    public double TurnSeverity { get; init; }

    /// <summary>Harsh accelerations just before a harsh turn, and harsh brakings during one (anticipative_v2).</summary>
    public int TurnAnticipationCount { get; init; }

    /// <summary>Seconds of driving where harsh-event detection was possible (IMU windows or GPS at ≤ 2 s spacing).</summary>
    public double EventCoverageSeconds { get; init; }

    /// <summary>Distance driven where event detection was possible (the transport's <c>distance_during_annotations</c>).</summary>
    public double EventCoverageMeters { get; init; }

    /// <summary>Seconds with a known speed limit; seconds above it; and Σ seconds × min(1, excess / 20 km/h).</summary>
    public double LimitKnownSeconds { get; init; }
    public double SpeedingSeconds { get; init; }
    public double SpeedingWeightedSeconds { get; init; }

    /// <summary>Phone use during the drive, from uploaded phone events (milliseconds).</summary>
    public double HandlingMilliseconds { get; init; }
    public double HandheldCallMilliseconds { get; init; }
    public double HandsfreeCallMilliseconds { get; init; }
    public double HandlingWithoutCallMilliseconds { get; init; }

    /// <summary>Seconds whose phone orientation could be judged (motion data), and those of them with the phone mounted.</summary>
    public double MountJudgedSeconds { get; init; }
    public double MountedSeconds { get; init; }

    /// <summary>The sum of two sets of features.</summary>
    public DriveFeatures Add(DriveFeatures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new DriveFeatures
        {
            DistanceMeters = DistanceMeters + other.DistanceMeters,
            DurationSeconds = DurationSeconds + other.DurationSeconds,
            AccelerationCount = AccelerationCount + other.AccelerationCount,
            BrakeCount = BrakeCount + other.BrakeCount,
            TurnCount = TurnCount + other.TurnCount,
            AccelerationSeverity = AccelerationSeverity + other.AccelerationSeverity,
            BrakeSeverity = BrakeSeverity + other.BrakeSeverity,
            TurnSeverity = TurnSeverity + other.TurnSeverity,
            TurnAnticipationCount = TurnAnticipationCount + other.TurnAnticipationCount,
            EventCoverageSeconds = EventCoverageSeconds + other.EventCoverageSeconds,
            EventCoverageMeters = EventCoverageMeters + other.EventCoverageMeters,
            LimitKnownSeconds = LimitKnownSeconds + other.LimitKnownSeconds,
            SpeedingSeconds = SpeedingSeconds + other.SpeedingSeconds,
            SpeedingWeightedSeconds = SpeedingWeightedSeconds + other.SpeedingWeightedSeconds,
            HandlingMilliseconds = HandlingMilliseconds + other.HandlingMilliseconds,
            HandheldCallMilliseconds = HandheldCallMilliseconds + other.HandheldCallMilliseconds,
            HandsfreeCallMilliseconds = HandsfreeCallMilliseconds + other.HandsfreeCallMilliseconds,
            HandlingWithoutCallMilliseconds = HandlingWithoutCallMilliseconds + other.HandlingWithoutCallMilliseconds,
            MountJudgedSeconds = MountJudgedSeconds + other.MountJudgedSeconds,
            MountedSeconds = MountedSeconds + other.MountedSeconds,
        };
    }
}

/// <summary>A transport's features split by zone (see <see cref="Maps.RoadZones"/>); <see cref="All"/> is their sum
/// plus the stretches no road was matched for.</summary>
public sealed record ZoneFeatures(DriveFeatures All, DriveFeatures Motorway, DriveFeatures City, DriveFeatures NonCity)
{
    /// <summary>No driving.</summary>
    public static readonly ZoneFeatures Empty = new(DriveFeatures.Empty, DriveFeatures.Empty, DriveFeatures.Empty, DriveFeatures.Empty);

    /// <summary>The zone-wise sum.</summary>
    public ZoneFeatures Add(ZoneFeatures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ZoneFeatures(All.Add(other.All), Motorway.Add(other.Motorway), City.Add(other.City), NonCity.Add(other.NonCity));
    }
}
