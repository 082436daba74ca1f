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
        var first = KeyOf(minLatitude - marginDegrees, minLongitude - marginDegrees);
        var last = KeyOf(maxLatitude + marginDegrees, maxLongitude + marginDegrees);
        var keys = new List<long>();
        for (var row = first / Columns; row <= last / Columns; row++)
        {
            for (var col = first % Columns; col <= last % Columns; col++)
            {
                keys.Add(row * Columns + col);
            }
        }

        return keys;
    }
}
