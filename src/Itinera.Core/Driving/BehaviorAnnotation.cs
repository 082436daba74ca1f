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
    /// <summary>Phone handling detected as an anomaly.</summary>
    PhoneHandling,
    HandheldCalling,
    HandsfreeCalling,
    HandlingWithoutCalling,
}

/// <summary>
/// One annotation of a transport: a time interval with what happened in it and the path driven.
/// </summary>
/// <param name="Acceleration"><c>accelerate</c>, <c>brake</c> or <c>coast</c> for acceleration annotations.</param>
/// <param name="Maneuver"><c>left_turn</c>, <c>right_turn</c>, <c>roundabout</c> or <c>lane_switch</c> for turns.</param>
/// <param name="Magnitude">Peak magnitude in the platform's unit ((0.2·m)/s², see docs/scoring.md).</param>
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
}

/// <summary>A point of an annotation's path.</summary>
public sealed record PathPoint(double Latitude, double Longitude);
