using System.Text.Json.Serialization;
using Itinera.Api.Http;
using Itinera.Core.Driving;
using Itinera.Core.Timeline;

namespace Itinera.Api.Timeline;

/// <summary>A timeline event on the wire: <c>Stationary</c> or <c>Transport</c>, by its <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StationaryResponse), "Stationary")]
[JsonDerivedType(typeof(TransportResponse), "Transport")]
public abstract record EventResponse(string Start, string? End, string AnalysisType, string EventId)
{
    public static EventResponse From(TimelineEvent e)
    {
        var start = WireTime.Millis(e.Start, e.TimeZoneId);
        var end = WireTime.Millis(e.End, e.TimeZoneId);
        var analysis = e.AnalysisType.ToString().ToLowerInvariant();
        if (e.Kind == EventKind.Transport)
        {
            var t = e.Transport ?? new TransportDetails(TransportModes.InsufficientData, 0, null);
            return new TransportResponse(start, end, analysis, e.EventId, t.Mode, t.DistanceMeters,
                t.BehaviorFeatures is { } f ? new BehaviorFeaturesResponse(f.PhoneHandlingMilliseconds, f.DistanceDuringAnnotationsMeters) : null);
        }

        var s = e.Stationary ?? new StationaryDetails(0, 0, Significances.New, null, null);
        return new StationaryResponse(start, end, analysis, e.EventId, Math.Round(s.Latitude, 5), Math.Round(s.Longitude, 5),
            e.DurationMilliseconds,
            new StationaryLocationResponse("StationaryLocation", s.Significance, PlaceResponse.From(s.Place)),
            AddressResponse.From(s.Address));
    }
}

public sealed record StationaryResponse(
    string Start, string? End, string AnalysisType, string EventId,
    double Latitude, double Longitude, long? Duration, StationaryLocationResponse Location, AddressResponse? Address)
    : EventResponse(Start, End, AnalysisType, EventId);

public sealed record TransportResponse(
    string Start, string? End, string AnalysisType, string EventId,
    string Mode, long Distance, BehaviorFeaturesResponse? BehaviorFeatures)
    : EventResponse(Start, End, AnalysisType, EventId);

public sealed record BehaviorFeaturesResponse(long PhoneHandling, long DistanceDuringAnnotations);

public sealed record StationaryLocationResponse(string Type, string Significance, PlaceResponse? Place);

public sealed record PlaceResponse(string Type, string? Name, IReadOnlyList<string> Categories)
{
    public static PlaceResponse? From(PlaceCandidate? place) =>
        place is null ? null : new("LocationPlaceCandidate", place.Name, place.Categories);
}

public sealed record AddressResponse(string Type, string? Country, string? City, string? CityType)
{
    public static AddressResponse? From(Address? address) =>
        address is null ? null : new("Address", address.Country, address.City, address.CityType);
}

/// <summary>A transport's path.</summary>
public sealed record TrajectoryResponse(IReadOnlyList<TrajectoryWaypointResponse> Waypoints, string Encoded)
{
    public static TrajectoryResponse From(Trajectory trajectory, string zoneId) => new(
        [.. trajectory.Waypoints.Select(w => new TrajectoryWaypointResponse(
            "TrajectoryWaypoint", Math.Round(w.Latitude, 5), Math.Round(w.Longitude, 5), WireTime.Millis(w.Timestamp, zoneId),
            w.RoadType, Math.Round(w.SpeedKmh, 1), Math.Round(w.DistanceMeters, 1), w.SpeedLimitKmh))],
        trajectory.EncodedPolyline);
}

public sealed record TrajectoryWaypointResponse(
    string Type, double Latitude, double Longitude, string Timestamp, string? RoadType, double Speed, double Distance, int? SpeedLimit);

/// <summary>Per-transport car behaviour scores.</summary>
public sealed record CarBehaviorScoresResponse(
    string Type, double Overall, double Smooth, double Legal, double Anticipative,
    double HardAccel, double HardBrake, double HardEvents, double HardTurn,
    double LegalV2, double SmoothV2, double AnticipativeV2)
{
    /// <summary>Only the "all zones" aggregate carries focus and mounted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Focus { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mounted { get; init; }

    public static CarBehaviorScoresResponse From(DrivingScores s, bool withPhoneScores = false) => new(
        "CarBehaviorScores", R(s.Overall), R(s.Smooth), R(s.Legal), R(s.Anticipative), R(s.HardAccel), R(s.HardBrake),
        R(s.HardEvents), R(s.HardTurn), R(s.LegalV2), R(s.SmoothV2), R(s.AnticipativeV2))
    {
        Focus = withPhoneScores ? R(s.Focus) : null,
        Mounted = withPhoneScores ? R(s.Mounted) : null,
    };

    /// <summary>Scores have two decimals, as the platform's.</summary>
    internal static double R(double score) => Math.Round(score, 2);
}

/// <summary>A behaviour annotation on the wire, by its <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BoundaryAnnotationResponse), "BoundaryBehaviorAnnotation")]
[JsonDerivedType(typeof(AccelerationAnnotationResponse), "AccelerationBehaviorAnnotation")]
[JsonDerivedType(typeof(TurnAnnotationResponse), "TurnBehaviorAnnotation")]
[JsonDerivedType(typeof(PhoneHandlingAnnotationResponse), "AnomalyBehaviorAnnotation")]
[JsonDerivedType(typeof(HandheldCallingAnnotationResponse), "HandheldCallingAnnotation")]
[JsonDerivedType(typeof(HandsfreeCallingAnnotationResponse), "HandsfreeCallingAnnotation")]
[JsonDerivedType(typeof(HandlingWithoutCallingAnnotationResponse), "HandlingWithoutCallingAnnotation")]
public abstract record AnnotationResponse(string Start, string End)
{
    public static AnnotationResponse From(BehaviorAnnotation a, string zoneId)
    {
        var start = WireTime.Micros(a.Start, zoneId);
        var end = WireTime.Micros(a.End, zoneId);
        IReadOnlyList<PathWaypointResponse> path =
            [.. a.Path.Select(static p => new PathWaypointResponse("BehaviorAnnotationPathWaypoint", Math.Round(p.Latitude, 5), Math.Round(p.Longitude, 5)))];
        var magnitude = Math.Round(a.Magnitude, 3);
        return a.Kind switch
        {
            AnnotationKind.Boundary => new BoundaryAnnotationResponse(start, end, "valid"),
            AnnotationKind.Acceleration => new AccelerationAnnotationResponse(start, end, a.Acceleration ?? "accelerate", a.DurationMilliseconds, magnitude, path),
            AnnotationKind.Turn => new TurnAnnotationResponse(start, end, a.DurationMilliseconds, a.Maneuver ?? "left_turn", magnitude, path),
            AnnotationKind.PhoneHandling => new PhoneHandlingAnnotationResponse(start, end, "phone_handling", a.DurationMilliseconds, path),
            AnnotationKind.HandheldCalling => new HandheldCallingAnnotationResponse(start, end, a.DurationMilliseconds, path),
            AnnotationKind.HandsfreeCalling => new HandsfreeCallingAnnotationResponse(start, end, a.DurationMilliseconds, path),
            AnnotationKind.HandlingWithoutCalling => new HandlingWithoutCallingAnnotationResponse(start, end, a.DurationMilliseconds, path),
            _ => throw new ArgumentOutOfRangeException(nameof(a)),
        };
    }
}

public sealed record BoundaryAnnotationResponse(string Start, string End, string Quality) : AnnotationResponse(Start, End);

public sealed record AccelerationAnnotationResponse(
    string Start, string End, string Acceleration, long Duration, double Magnitude, IReadOnlyList<PathWaypointResponse> Path)
    : AnnotationResponse(Start, End);

public sealed record TurnAnnotationResponse(
    string Start, string End, long Duration, string Maneuver, double Magnitude, IReadOnlyList<PathWaypointResponse> Path)
    : AnnotationResponse(Start, End);

public sealed record PhoneHandlingAnnotationResponse(
    string Start, string End, string Anomaly, long Duration, IReadOnlyList<PathWaypointResponse> Path)
    : AnnotationResponse(Start, End);

public sealed record HandheldCallingAnnotationResponse(string Start, string End, long Duration, IReadOnlyList<PathWaypointResponse> Path)
    : AnnotationResponse(Start, End);

public sealed record HandsfreeCallingAnnotationResponse(string Start, string End, long Duration, IReadOnlyList<PathWaypointResponse> Path)
    : AnnotationResponse(Start, End);

public sealed record HandlingWithoutCallingAnnotationResponse(string Start, string End, long Duration, IReadOnlyList<PathWaypointResponse> Path)
    : AnnotationResponse(Start, End);

public sealed record PathWaypointResponse(string Type, double Latitude, double Longitude);
