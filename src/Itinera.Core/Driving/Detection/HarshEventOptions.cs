namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Thresholds of harsh-event detection. The defaults are the platform's documented thresholds
/// (platform-notes §4.2); the durations and windows are round values chosen a priori, not fitted to any data.
/// </summary>
public sealed record HarshEventOptions
{
    /// <summary>The platform's defaults.</summary>
    public static HarshEventOptions Default { get; } = new();

    /// <summary>Longitudinal acceleration above which a speed-up is harsh, m/s².</summary>
    public double AccelerationThresholdMetersPerSecondSquared { get; init; } = 2.25;

    /// <summary>Longitudinal deceleration above which a brake is harsh, m/s² (a positive number).</summary>
    public double BrakingThresholdMetersPerSecondSquared { get; init; } = 3.0;

    /// <summary>Lateral (centripetal) acceleration above which a turn is harsh, m/s².</summary>
    public double TurnThresholdMetersPerSecondSquared { get; init; } = 3.5;

    /// <summary>How long the smoothed acceleration must stay above its threshold, milliseconds.</summary>
    public long MinDurationMs { get; init; } = 500;

    /// <summary>Moving-average window applied to IMU accelerations before thresholding (removes engine and road
    /// vibration, tens of Hz), milliseconds.</summary>
    public long ImuSmoothingMs { get; init; } = 250;

    /// <summary>Events of the same kind closer than this are merged into one, milliseconds.</summary>
    public long MergeGapMs { get; init; } = 1000;

    /// <summary>
    /// A lateral event whose heading changes less than this (measured from one second before to one second
    /// after it) is a lane switch, not a turn, degrees. Needs a gyroscope or GPS bearings; without them every
    /// lateral event is a turn.
    /// </summary>
    public double MinTurnHeadingChangeDegrees { get; init; } = 30;

    /// <summary>GPS detection: half-width of the centred moving average applied to 1 Hz speeds before
    /// differentiating, milliseconds.</summary>
    public long GpsSmoothingHalfWindowMs { get; init; } = 1000;

    /// <summary>GPS detection: the heading rate is the heading change across a centred window this long, milliseconds.
    /// A 90° turn takes about 3 s at harsh speeds; shorter windows turn 1 Hz heading noise and the jumps of polyline
    /// corners into false lateral peaks.</summary>
    public long GpsHeadingWindowMs { get; init; } = 3000;

    /// <summary>GPS detection: how long the acceleration must stay above its threshold, milliseconds. Two 1 Hz fixes:
    /// one derivative sample alone is not trusted.</summary>
    public long GpsMinDurationMs { get; init; } = 2000;

    /// <summary>GPS detection: fixes further apart than this break the signal (no event spans a gap), milliseconds.</summary>
    public long GpsMaxGapMs { get; init; } = 3000;
}
