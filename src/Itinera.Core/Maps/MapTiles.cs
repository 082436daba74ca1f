using Itinera.Core.Geo;

namespace Itinera.Core.Maps;

/// <summary>
/// The 0.1° × 0.1° tiles map data is stored and loaded by (about 11 km × 6 km at 60° N). A road is stored in every
/// tile one of its nodes lies in, so loading the tiles around a trip yields every road the trip can touch.
/// </summary>
public static class MapTiles
{
    /// <summary>Tile edge in degrees.</summary>
    public const double TileDegrees = 0.1;

    private const int Columns = 3600;

    /// <summary>The key of the tile containing a position.</summary>
    public static long KeyOf(double latitude, double longitude)
    {
        var row = (long)Math.Floor((Math.Clamp(latitude, -90, 89.999999) + 90) / TileDegrees);
        var col = (long)Math.Floor((Math.Clamp(longitude, -180, 179.999999) + 180) / TileDegrees);
        return row * Columns + col;
    }

    /// <summary>The distinct keys of the tiles a road's nodes lie in.</summary>
    public static IReadOnlyList<long> KeysOf(MapRoad road)
    {
        ArgumentNullException.ThrowIfNull(road);
        var keys = new List<long>(1);
        for (var i = 0; i < road.Latitudes.Length; i++)
        {
            var key = KeyOf(road.Latitudes[i], road.Longitudes[i]);
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>The keys of every tile overlapping a box widened by <paramref name="marginDegrees"/> on each side.</summary>
    public static IReadOnlyList<long> KeysCovering(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude, double marginDegrees = 0.01)
    {
        var (row0, row1, col0, col1) = Range(minLatitude - marginDegrees, minLongitude - marginDegrees, maxLatitude + marginDegrees, maxLongitude + marginDegrees);
        var keys = new List<long>();
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                keys.Add(row * Columns + col);
            }
        }

        return keys;
    }

    /// <summary>
    /// How far around a track's fixes roads are loaded at least. A road that could be a fix's candidate is loaded with
    /// its whole geometry once one of its nodes lies within this distance, so one is missed only if it has a segment over
    /// 4 km long without a node passing the fix (the longest segment of the Helsinki extract is 237 m).
    /// </summary>
    public const double CorridorMeters = 2_000;

    /// <summary>
    /// The keys of the tiles along a track (ordered): around each step between consecutive points, the tiles within
    /// <see cref="CorridorMeters"/> of it, or within <see cref="MapMatcher.StrayMeters"/> when that is more (a gap in
    /// the track, which a route may bridge off the straight line). Only tiles of <see cref="KeysCovering"/> of the
    /// track's box are kept. Matching sees the same roads near the track as with the whole box, while a long diagonal
    /// trip loads a band of tiles instead of a square (docs/maps.md).
    /// </summary>
    public static IReadOnlyList<long> KeysAlong(IReadOnlyList<GeoPoint> points, MapMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return [];
        }

        double minLat = 90, minLon = 180, maxLat = -90, maxLon = -180;
        foreach (var p in points)
        {
            (minLat, maxLat) = (Math.Min(minLat, p.Latitude), Math.Max(maxLat, p.Latitude));
            (minLon, maxLon) = (Math.Min(minLon, p.Longitude), Math.Max(maxLon, p.Longitude));
        }

        const double BoxMarginDegrees = 0.01; // KeysCovering's default, as for a trip's box
        var (boxRow0, boxRow1, boxCol0, boxCol1) = Range(minLat - BoxMarginDegrees, minLon - BoxMarginDegrees, maxLat + BoxMarginDegrees, maxLon + BoxMarginDegrees);
        var keys = new HashSet<long>();
        for (var i = 0; i < points.Count; i++)
        {
            var a = points[i == 0 ? 0 : i - 1];
            var b = points[i];
            var reachMeters = Math.Max(CorridorMeters, MapMatcher.StrayMeters(GeoMath.ApproxDistanceMeters(a, b), options));
            var reachLat = reachMeters / GeoMath.MetersPerDegreeLatitude;
            // A degree of longitude is shortest on the side nearest the pole: convert there so the reach holds everywhere.
            var poleward = Math.Min(85, Math.Max(Math.Abs(a.Latitude), Math.Abs(b.Latitude)) + reachLat);
            var reachLon = reachMeters / GeoMath.MetersPerDegreeLongitude(poleward);
            var (row0, row1, col0, col1) = Range(
                Math.Min(a.Latitude, b.Latitude) - reachLat, Math.Min(a.Longitude, b.Longitude) - reachLon,
                Math.Max(a.Latitude, b.Latitude) + reachLat, Math.Max(a.Longitude, b.Longitude) + reachLon);
            for (var row = Math.Max(row0, boxRow0); row <= Math.Min(row1, boxRow1); row++)
            {
                for (var col = Math.Max(col0, boxCol0); col <= Math.Min(col1, boxCol1); col++)
                {
                    keys.Add(row * Columns + col);
                }
            }
        }

        var ordered = keys.ToList();
        ordered.Sort();
        return ordered;
    }

    private static (long Row0, long Row1, long Col0, long Col1) Range(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude)
    {
        var first = KeyOf(minLatitude, minLongitude);
        var last = KeyOf(maxLatitude, maxLongitude);
        return (first / Columns, last / Columns, first % Columns, last % Columns);
    }
}
