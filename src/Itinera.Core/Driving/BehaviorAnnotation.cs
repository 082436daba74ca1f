namespace Itinera.Core.Driving;

/// <summary>Kinds of behaviour annotations on a transport.</summary>
public enum AnnotationKind
{
    /// <summary>A section where event detection was possible (quality <c>valid</c>).</summary>
    Boundary,
    /// <summary>A harsh acceleration or braking (<see cref="BehaviorAnnotation.Acceleration"/>).</summary>
    Acceleration,
    /// <summary>A harsh turn (<see cref="BehaviorAnnotation.Maneuver"/>).</summary>
    Turn,
    /// <summary>Phone handling detected as an anomaly (any handling, during a call or not).</summary>
    PhoneHandling,
    /// <summary>A call with the phone held.</summary>
    HandheldCalling,
    /// <summary>A call on speaker or a headset, the phone not held.</summary>
    HandsfreeCalling,
    /// <summary>Handling the phone outside calls.</summary>
    HandlingWithoutCalling,
}

/// <summary>
/// One annotation of a transport: a time interval with what happened in it and the path driven.
/// </summary>
/// <param name="Acceleration"><c>accelerate</c>, <c>brake</c> or <c>coast</c> for acceleration annotations.</param>
/// <param name="Maneuver"><c>left_turn</c>, <c>right_turn</c>, <c>roundabout</c> or <c>lane_switch</c> for turns.</param>
/// <param name="Magnitude">Peak magnitude in g, the platform's unit (see docs/scoring.md).</param>
public sealed record BehaviorAnnotation(
    AnnotationKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Acceleration,
    string? Maneuver,
    double Magnitude,
    IReadOnlyList<PathPoint> Path)
{
    /// <summary>Length of the annotation in milliseconds.</summary>
    public long DurationMilliseconds => (long)(End - Start).TotalMilliseconds;

    /// <summary>
    /// One platform magnitude unit in m/s²: standard gravity. The reference calls magnitudes a "g-force" (and writes
    /// the unit as "(0.2*m)/s²"); its examples, 0.189 for a hard acceleration and 0.467 for a hard turn, are plausible
    /// only in g (1.9 and 4.6 m/s²), not in units of 0.2 m/s² (0.04 and 0.09 m/s²). See docs/scoring.md.
    /// </summary>
    public const double PlatformMagnitudeUnitMetersPerSecondSquared = 9.80665;

    /// <summary><see cref="Magnitude"/> in m/s².</summary>
    public double MagnitudeMetersPerSecondSquared => Magnitude * PlatformMagnitudeUnitMetersPerSecondSquared;

    /// <summary>Converts an acceleration in m/s² to the platform's magnitude unit.</summary>
    public static double ToPlatformMagnitude(double metersPerSecondSquared) => metersPerSecondSquared / PlatformMagnitudeUnitMetersPerSecondSquared;
}

/// <summary>Values of <see cref="BehaviorAnnotation.Acceleration"/>.</summary>
public static class AccelerationKinds
{
    public const string Accelerate = "accelerate";
    public const string Brake = "brake";
    public const string Coast = "coast";
}

/// <summary>Values of <see cref="BehaviorAnnotation.Maneuver"/>.</summary>
public static class ManeuverKinds
{
    public const string LeftTurn = "left_turn";
    public const string RightTurn = "right_turn";
    public const string Roundabout = "roundabout";
    public const string LaneSwitch = "lane_switch";
}

/// <summary>A point of an annotation's path.</summary>
public sealed record PathPoint(double Latitude, double Longitude);
