using Itinera.Core.Timeline;

namespace Itinera.Core.Places;

/// <summary>A place where the user stays repeatedly, with what has been learnt about it.</summary>
/// <param name="Significance">A wire name from <see cref="Significances"/>.</param>
public sealed record LocationCluster(
    string ClusterId,
    double Latitude,
    double Longitude,
    int RadiusMeters,
    DateTimeOffset LastVisit,
    string TimeZoneId,
    bool IsPoi,
    string Significance,
    Address? Address,
    PlaceCandidate? Place);

/// <summary>A raw location fix as uploaded by a phone.</summary>
/// <param name="SpeedMetersPerSecond">Instantaneous device speed; null when the phone did not report it.</param>
public sealed record LocationFix(
    DateTimeOffset Timestamp,
    double Latitude,
    double Longitude,
    double? AccuracyMeters,
    double? SpeedMetersPerSecond,
    double? AltitudeMeters);
