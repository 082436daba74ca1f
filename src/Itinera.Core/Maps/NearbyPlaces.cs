using Itinera.Core.Geo;
using Itinera.Core.Timeline;

namespace Itinera.Core.Maps;

/// <summary>
/// The place a stay most likely was, from imported points of interest: the nearest named POI within
/// <see cref="MaxDistanceMeters"/> of the stay's centre (an unnamed one only when no named one is that close).
/// </summary>
public static class NearbyPlaces
{
    /// <summary>A stay's robust centre lies within this distance of the POI it was at (GPS error plus building size).</summary>
    public const double MaxDistanceMeters = 60;

    /// <summary>The place candidate of a stay at (<paramref name="latitude"/>, <paramref name="longitude"/>), or null.</summary>
    public static PlaceCandidate? At(IReadOnlyList<MapPoi> pois, double latitude, double longitude)
    {
        ArgumentNullException.ThrowIfNull(pois);
        MapPoi? best = null;
        var bestScore = double.PositiveInfinity;
        foreach (var poi in pois)
        {
            var distance = GeoMath.ApproxDistanceMeters(latitude, longitude, poi.Latitude, poi.Longitude);
            if (distance > MaxDistanceMeters)
            {
                continue;
            }

            // A named place wins over an unnamed one at any distance within the radius.
            var score = distance + (poi.Name is null ? MaxDistanceMeters : 0);
            if (score < bestScore)
            {
                (best, bestScore) = (poi, score);
            }
        }

        return best is null ? null : new PlaceCandidate(best.Name, best.CategoryHierarchy);
    }
}
