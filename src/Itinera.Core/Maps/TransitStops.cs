using Itinera.Core.Geo;

namespace Itinera.Core.Maps;

/// <summary>What stops at a public-transport stop.</summary>
public enum TransitStopKind
{
    /// <summary><c>highway=bus_stop</c>, or a <c>public_transport</c> platform or stop position with <c>bus=yes</c>.</summary>
    Bus,

    /// <summary><c>railway=tram_stop</c>, or a <c>public_transport</c> platform or stop position with <c>tram=yes</c>.</summary>
    Tram,

    /// <summary>A metro station (<c>railway=station</c> with <c>station=subway</c> or <c>subway=yes</c>).</summary>
    Subway,

    /// <summary>Any other railway station or halt.</summary>
    Train,
}

/// <summary>A public-transport stop of an imported map.</summary>
/// <param name="StopId">The OSM element (<c>n123</c>, <c>w123</c> at its centroid).</param>
public sealed record MapTransitStop(string StopId, double Latitude, double Longitude, TransitStopKind Kind, string? Name = null)
{
    /// <summary>The category path under which a stop is stored with the points of interest (<c>public_transport/KIND</c>).</summary>
    public IReadOnlyList<string> CategoryHierarchy => [CategoryRoot, Kind.ToString().ToLowerInvariant()];

    /// <summary>The first level of every stored stop's category path; stops are not places people stay at.</summary>
    public const string CategoryRoot = "public_transport";

    /// <summary>The kinds of stop an OSM element is (usually none or one; a shared bus and tram stop is both).</summary>
    public static IReadOnlyList<TransitStopKind> KindsOf(Func<string, string?> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var kinds = new List<TransitStopKind>(1);
        var publicTransport = tag("public_transport") is "platform" or "stop_position";
        if (tag("highway") == "bus_stop" || (publicTransport && tag("bus") == "yes"))
        {
            kinds.Add(TransitStopKind.Bus);
        }

        if (tag("railway") == "tram_stop" || (publicTransport && tag("tram") == "yes"))
        {
            kinds.Add(TransitStopKind.Tram);
        }

        if (tag("railway") is "station" or "halt")
        {
            kinds.Add(tag("station") == "subway" || tag("subway") == "yes" ? TransitStopKind.Subway : TransitStopKind.Train);
        }

        return kinds;
    }

    /// <summary>A stop read back from a point of interest written by <see cref="ToPoi"/>, or null when the POI is not a stop.</summary>
    public static MapTransitStop? FromPoi(MapPoi poi)
    {
        ArgumentNullException.ThrowIfNull(poi);
        if (poi.CategoryHierarchy is not [CategoryRoot, var kind]
            || !Enum.TryParse<TransitStopKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return null;
        }

        var colon = poi.PoiId.IndexOf(':', StringComparison.Ordinal);
        return new MapTransitStop(colon > 0 ? poi.PoiId[..colon] : poi.PoiId, poi.Latitude, poi.Longitude, parsed, poi.Name);
    }

    /// <summary>The stop as a point of interest row (its id made unique per kind, since one element may be two kinds).</summary>
    public MapPoi ToPoi() => new(StopId + ":" + Kind.ToString().ToLowerInvariant(), Latitude, Longitude, Name, CategoryHierarchy);
}

/// <summary>Public-transport stops indexed in a grid of about 50 m cells, for "is there a stop within r metres" lookups.</summary>
public sealed class TransitStopIndex
{
    private const double CellDegrees = 0.0005;
    private readonly Dictionary<(int Row, int Col), List<int>> _cells = [];
    private readonly MapTransitStop[] _stops;

    /// <summary>Indexes <paramref name="stops"/>.</summary>
    public TransitStopIndex(IEnumerable<MapTransitStop> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        _stops = [.. stops];
        for (var i = 0; i < _stops.Length; i++)
        {
            var key = Cell(_stops[i].Latitude, _stops[i].Longitude);
            if (!_cells.TryGetValue(key, out var list))
            {
                _cells[key] = list = [];
            }

            list.Add(i);
        }
    }

    /// <summary>How many stops are indexed.</summary>
    public int Count => _stops.Length;

    /// <summary>The stop with index <paramref name="index"/> (as returned by <see cref="Nearest"/>).</summary>
    public MapTransitStop this[int index] => _stops[index];

    /// <summary>The index of the nearest stop of <paramref name="kind"/> within <paramref name="maxDistanceMeters"/>, or −1.</summary>
    public int Nearest(double latitude, double longitude, TransitStopKind kind, double maxDistanceMeters)
    {
        var latCells = (int)Math.Ceiling(maxDistanceMeters / 111_320.0 / CellDegrees);
        var lonCells = (int)Math.Ceiling(maxDistanceMeters / Math.Max(1, GeoMath.MetersPerDegreeLongitude(latitude)) / CellDegrees);
        var (row, col) = Cell(latitude, longitude);
        var best = -1;
        var bestDistance = maxDistanceMeters;
        for (var r = row - latCells; r <= row + latCells; r++)
        {
            for (var c = col - lonCells; c <= col + lonCells; c++)
            {
                if (!_cells.TryGetValue((r, c), out var list))
                {
                    continue;
                }

                foreach (var i in list)
                {
                    var stop = _stops[i];
                    if (stop.Kind != kind)
                    {
                        continue;
                    }

                    var distance = GeoMath.ApproxDistanceMeters(latitude, longitude, stop.Latitude, stop.Longitude);
                    if (distance <= bestDistance)
                    {
                        (best, bestDistance) = (i, distance);
                    }
                }
            }
        }

        return best;
    }

    private static (int Row, int Col) Cell(double latitude, double longitude) =>
        ((int)Math.Floor(latitude / CellDegrees), (int)Math.Floor(longitude / CellDegrees));
}
