namespace Itinera.Core.Driving;

/// <summary>
/// Driving behaviour scores in 0..1 (higher is better); −1 means there was not enough data.
/// The <c>*DurationSeconds</c> members are durations, not scores.
/// </summary>
public sealed record DrivingScores
{
    public const double Insufficient = -1;

    public double Overall { get; init; } = Insufficient;
    public double Smooth { get; init; } = Insufficient;
    public double Legal { get; init; } = Insufficient;
    public double Anticipative { get; init; } = Insufficient;
    public double Focus { get; init; } = Insufficient;
    public double Mounted { get; init; } = Insufficient;
    public double HardAccel { get; init; } = Insufficient;
    public double HardBrake { get; init; } = Insufficient;
    public double HardEvents { get; init; } = Insufficient;
    public double HardTurn { get; init; } = Insufficient;
    public double LegalV2 { get; init; } = Insufficient;
    public double SmoothV2 { get; init; } = Insufficient;
    public double AnticipativeV2 { get; init; } = Insufficient;
    public double HandheldCalling { get; init; } = Insufficient;
    public double HandheldCallingDurationSeconds { get; init; } = Insufficient;
    public double HandsfreeCalling { get; init; } = Insufficient;
    public double HandlingWithoutCalling { get; init; } = Insufficient;
    public double HandlingWithoutCallingDurationSeconds { get; init; } = Insufficient;
    public double Attention { get; init; } = Insufficient;
}

/// <summary>Scores of one time window split by road zone. <see cref="Total"/> averages the zones;
/// <see cref="All"/> aggregates every transport regardless of zone.</summary>
public sealed record ZoneScores(DrivingScores All, DrivingScores Motorway, DrivingScores City, DrivingScores NonCity, DrivingScores Total);

/// <summary>Features of one time window: average phone handling per hour of driving and distance driven.</summary>
public sealed record WindowFeatures(double PhoneHandlingMillisecondsPerHour, long DistanceMeters);

/// <summary>
/// The user's driving over the last nine weeks: the last seven days (<see cref="Last7Days"/>) and the
/// rest (<see cref="Past"/>). Scores are null when the window has less than 50 km of driving.
/// </summary>
public sealed record CarBehaviorSummary(
    ZoneScores? Last7Days,
    ZoneScores? Past,
    WindowFeatures Last7DaysFeatures,
    WindowFeatures PastFeatures);

/// <summary>Aggregation periods of time-aggregated driving scores.</summary>
public enum ScorePeriod
{
    Day,
    Week,
    Month,
    All,
}
