namespace Itinera.Core.Timeline;

/// <summary>Whether a timeline event is a stay or a movement.</summary>
public enum EventKind
{
    Stationary,
    Transport,
}

/// <summary>
/// One event of a user's timeline: a stay (<see cref="EventKind.Stationary"/>) or a movement
/// (<see cref="EventKind.Transport"/>). Events are half-open intervals [Start, End); <see cref="End"/>
/// is null while the event is ongoing.
/// </summary>
/// <param name="EventId">Opaque id: 64 hex characters for transports, a UUID for stays.</param>
/// <param name="TimeZoneId">IANA zone of the place where the event happened; timestamps are written at its offset.</param>
public sealed record TimelineEvent(
    string EventId,
    EventKind Kind,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string TimeZoneId,
    AnalysisType AnalysisType,
    StationaryDetails? Stationary,
    TransportDetails? Transport)
{
    /// <summary>Length of the event in milliseconds; null while it is ongoing.</summary>
    public long? DurationMilliseconds => End is { } end ? (long)(end - Start).TotalMilliseconds : null;
}

/// <summary>What is known about a stay: its robust centre, the meaning of the place and its address.</summary>
public sealed record StationaryDetails(
    double Latitude,
    double Longitude,
    string Significance,
    PlaceCandidate? Place,
    Address? Address);

/// <summary>What is known about a movement: its mode, its length and, for car trips, driving features.</summary>
/// <param name="Mode">A wire name from <see cref="TransportModes"/>.</param>
public sealed record TransportDetails(
    string Mode,
    long DistanceMeters,
    BehaviorFeatures? BehaviorFeatures);

/// <summary>Per-transport driving features; −1 means the data was insufficient.</summary>
public sealed record BehaviorFeatures(long PhoneHandlingMilliseconds, long DistanceDuringAnnotationsMeters);

/// <summary>A named place a stay or cluster may be, with categories from broad to specific.</summary>
public sealed record PlaceCandidate(string? Name, IReadOnlyList<string> Categories);

/// <summary>An address from offline reverse geocoding.</summary>
public sealed record Address(string? Country, string? City, string? CityType);

/// <summary>The processing stage of a result. The platform deprecated multiple stages; Itinera emits <see cref="Processed"/>
/// for finalised results and <see cref="Preliminary"/> for ongoing ones.</summary>
public enum AnalysisType
{
    Preliminary,
    Indepth,
    Processed,
}
