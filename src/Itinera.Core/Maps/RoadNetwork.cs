using System.Runtime.InteropServices;
using Itinera.Core.Geo;

namespace Itinera.Core.Maps;

/// <summary>Where a position lies on the network: a segment, the fraction along it (0 = its first node), and the
/// distance from the position to that point.</summary>
public readonly record struct RoadPosition(int Segment, double Fraction, double DistanceMeters);

/// <summary>
/// A routable, spatially indexed road graph built from <see cref="MapRoad"/>s. Ways are cut into segments (one per
/// pair of consecutive nodes) and joined at shared OSM nodes; a sparse grid of ~50 m cells indexes the segments for
/// nearest-road lookups; directed arcs (respecting <see cref="Oneway"/>) in compressed rows serve routing.
/// Immutable after construction, so one instance may be shared by threads.
/// </summary>
public sealed class RoadNetwork
{
    private const double CellMeters = 50;

    private readonly MapRoad[] _roads;
    private readonly double[] _nodeLat;
    private readonly double[] _nodeLon;
    private readonly int[] _segFrom;
    private readonly int[] _segTo;
    private readonly int[] _segRoad;
    private readonly float[] _segLength;
    private readonly int[] _arcStart;
    private readonly int[] _arcTarget;
    private readonly int[] _arcSegment;
    // The hash index of the cells; dropped once the dense index below replaces it.
    private readonly Dictionary<long, (int Start, int Count)>? _cells;

    // A dense index of the cells when the network's extent is small enough (city and region extracts): one array
    // read per cell instead of a hash lookup. _denseStart[r * _denseCols + c] .. [.. + 1] bound the cell's segments.
    private readonly int[]? _denseStart;
    private readonly int _denseRows;
    private readonly int _denseCols;
    private const long MaxDenseCells = 16_000_000;
    private readonly int[] _cellSegments;
    private readonly double _originLat;
    private readonly double _originLon;
    private readonly double _cellLat;
    private readonly double _cellLon;

    /// <summary>Builds the network. Roads may repeat (e.g. from overlapping tiles): later copies of a way id are ignored.</summary>
    public RoadNetwork(IEnumerable<MapRoad> roads)
    {
        ArgumentNullException.ThrowIfNull(roads);
        var seen = new HashSet<long>();
        var roadList = new List<MapRoad>();
        foreach (var road in roads)
        {
            if (seen.Add(road.WayId))
            {
                roadList.Add(road);
            }
        }

        roadList.Sort(static (a, b) => a.WayId.CompareTo(b.WayId));
        _roads = [.. roadList];

        var nodeIndex = new Dictionary<long, int>();
        var lats = new List<double>();
        var lons = new List<double>();
        var segFrom = new List<int>();
        var segTo = new List<int>();
        var segRoad = new List<int>();
        var segLength = new List<float>();
        for (var r = 0; r < _roads.Length; r++)
        {
            var road = _roads[r];
            var previous = -1;
            for (var i = 0; i < road.NodeIds.Length; i++)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(nodeIndex, road.NodeIds[i], out var exists);
                if (!exists)
                {
                    slot = lats.Count;
                    lats.Add(road.Latitudes[i]);
                    lons.Add(road.Longitudes[i]);
                }

                var node = slot;
                if (previous >= 0 && previous != node)
                {
                    segFrom.Add(previous);
                    segTo.Add(node);
                    segRoad.Add(r);
                    segLength.Add((float)GeoMath.DistanceMeters(lats[previous], lons[previous], lats[node], lons[node]));
                }

                previous = node;
            }
        }

        _nodeLat = [.. lats];
        _nodeLon = [.. lons];
        _segFrom = [.. segFrom];
        _segTo = [.. segTo];
        _segRoad = [.. segRoad];
        _segLength = [.. segLength];

        (_arcStart, _arcTarget, _arcSegment) = BuildArcs();

        _originLat = _nodeLat.Length > 0 ? _nodeLat.Min() : 0;
        _originLon = _nodeLon.Length > 0 ? _nodeLon.Min() : 0;
        var midLat = _nodeLat.Length > 0 ? (_nodeLat.Min() + _nodeLat.Max()) / 2 : 0;
        _cellLat = CellMeters / GeoMath.MetersPerDegreeLatitude;
        _cellLon = CellMeters / Math.Max(1, GeoMath.MetersPerDegreeLongitude(Math.Min(85, Math.Abs(midLat))));
        (_cells, _cellSegments) = BuildGrid();
        if (_nodeLat.Length > 0)
        {
            _denseRows = Row(_nodeLat.Max()) + 1;
            _denseCols = Col(_nodeLon.Max()) + 1;
            if ((long)_denseRows * _denseCols <= MaxDenseCells)
            {
                _denseStart = new int[_denseRows * _denseCols + 1];
                var ordered = new int[_cellSegments.Length];
                var fill = 0;
                for (var row = 0; row < _denseRows; row++)
                {
                    for (var col = 0; col < _denseCols; col++)
                    {
                        _denseStart[row * _denseCols + col] = fill;
                        if (_cells!.TryGetValue(CellKey(row, col), out var cell))
                        {
                            _cellSegments.AsSpan(cell.Start, cell.Count).CopyTo(ordered.AsSpan(fill));
                            fill += cell.Count;
                        }
                    }
                }

                _denseStart[^1] = fill;
                _cellSegments = ordered;
                _cells = null;
            }
        }
    }

    /// <summary>The roads, ordered by way id.</summary>
    public IReadOnlyList<MapRoad> Roads => _roads;

    /// <summary>Number of segments (pairs of consecutive nodes).</summary>
    public int SegmentCount => _segFrom.Length;

    /// <summary>Number of distinct nodes.</summary>
    public int NodeCount => _nodeLat.Length;

    /// <summary>The road a segment belongs to.</summary>
    public MapRoad RoadOf(int segment) => _roads[_segRoad[segment]];

    /// <summary>Length of a segment in metres.</summary>
    public double SegmentLengthMeters(int segment) => _segLength[segment];

    /// <summary>The point at <paramref name="fraction"/> along a segment.</summary>
    public GeoPoint PointOn(int segment, double fraction)
    {
        var a = _segFrom[segment];
        var b = _segTo[segment];
        return new GeoPoint(
            _nodeLat[a] + (_nodeLat[b] - _nodeLat[a]) * fraction,
            _nodeLon[a] + (_nodeLon[b] - _nodeLon[a]) * fraction);
    }

    /// <summary>The nearest segment within <paramref name="maxDistanceMeters"/>, or null.</summary>
    public RoadPosition? Nearest(double latitude, double longitude, double maxDistanceMeters = 30)
    {
        var best = new RoadPosition(-1, 0, double.PositiveInfinity);
        var metersPerDegLon = GeoMath.MetersPerDegreeLongitude(latitude);
        var (row0, row1, col0, col1) = CellRange(latitude, longitude, maxDistanceMeters, metersPerDegLon);
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                foreach (var segment in CellSegments(row, col))
                {
                    var (fraction, distance) = Project(segment, latitude, longitude, metersPerDegLon);
                    var position = new RoadPosition(segment, fraction, distance);
                    if (Precedes(position, best))
                    {
                        best = position;
                    }
                }
            }
        }

        return best.Segment >= 0 && best.DistanceMeters <= maxDistanceMeters ? best : null;
    }

    /// <summary>
    /// Fills <paramref name="output"/> with the nearest segments within <paramref name="maxDistanceMeters"/>, at most one
    /// per road (its nearest segment), nearest first; returns how many were written.
    /// </summary>
    public int Candidates(double latitude, double longitude, double maxDistanceMeters, Span<RoadPosition> output)
    {
        if (output.IsEmpty || _segFrom.Length == 0)
        {
            return 0;
        }

        var metersPerDegLon = GeoMath.MetersPerDegreeLongitude(latitude);
        var (row0, row1, col0, col1) = CellRange(latitude, longitude, maxDistanceMeters, metersPerDegLon);
        var count = 0;
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                foreach (var segment in CellSegments(row, col))
                {
                    var (fraction, distance) = Project(segment, latitude, longitude, metersPerDegLon);
                    if (distance <= maxDistanceMeters)
                    {
                        count = Insert(output, count, new RoadPosition(segment, fraction, distance));
                    }
                }
            }
        }

        return count;
    }

    /// <summary>Directed arcs leaving a node: (target node, segment). A segment driven from its last node towards its
    /// first appears as an arc whose target is the segment's first node.</summary>
    internal ReadOnlySpan<int> ArcTargets(int node) => _arcTarget.AsSpan(_arcStart[node], _arcStart[node + 1] - _arcStart[node]);

    internal ReadOnlySpan<int> ArcSegments(int node) => _arcSegment.AsSpan(_arcStart[node], _arcStart[node + 1] - _arcStart[node]);

    internal int SegmentFrom(int segment) => _segFrom[segment];

    internal int SegmentTo(int segment) => _segTo[segment];

    internal bool AllowsForward(int segment) => _roads[_segRoad[segment]].Oneway != Oneway.Backward;

    internal bool AllowsBackward(int segment) => _roads[_segRoad[segment]].Oneway != Oneway.Forward;

    internal int RoadIndexOf(int segment) => _segRoad[segment];

    private int Insert(Span<RoadPosition> output, int count, RoadPosition candidate)
    {
        // One candidate per road: a closer segment of the same road replaces the farther one.
        var road = _segRoad[candidate.Segment];
        for (var i = 0; i < count; i++)
        {
            if (_segRoad[output[i].Segment] == road)
            {
                if (!Precedes(candidate, output[i]))
                {
                    return count;
                }

                for (var j = i; j < count - 1; j++)
                {
                    output[j] = output[j + 1];
                }

                count--;
                break;
            }
        }

        var position = count;
        while (position > 0 && Precedes(candidate, output[position - 1]))
        {
            position--;
        }

        if (position >= output.Length)
        {
            return count;
        }

        var last = Math.Min(count, output.Length - 1);
        for (var j = last; j > position; j--)
        {
            output[j] = output[j - 1];
        }

        output[position] = candidate;
        return Math.Min(count + 1, output.Length);
    }

    /// <summary>
    /// Nearer first; at equal distance (a fix nearest to a junction or bend is exactly as far from every segment meeting
    /// there) the lower segment index. Segments are numbered in way-id order, so the choice is the same in any network
    /// holding both segments, however much map around them was loaded (which moves the grid they are found through).
    /// </summary>
    private static bool Precedes(RoadPosition a, RoadPosition b) =>
        a.DistanceMeters < b.DistanceMeters || (a.DistanceMeters == b.DistanceMeters && a.Segment < b.Segment);

    private (double Fraction, double DistanceMeters) Project(int segment, double latitude, double longitude, double metersPerDegLon)
    {
        var a = _segFrom[segment];
        var b = _segTo[segment];
        var ax = (_nodeLon[a] - longitude) * metersPerDegLon;
        var ay = (_nodeLat[a] - latitude) * GeoMath.MetersPerDegreeLatitude;
        var bx = (_nodeLon[b] - longitude) * metersPerDegLon;
        var by = (_nodeLat[b] - latitude) * GeoMath.MetersPerDegreeLatitude;
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared > 0 ? Math.Clamp(-(ax * dx + ay * dy) / lengthSquared, 0, 1) : 0;
        var px = ax + t * dx;
        var py = ay + t * dy;
        return (t, Math.Sqrt(px * px + py * py));
    }

    private (int[] Start, int[] Target, int[] Segment) BuildArcs()
    {
        var outDegree = new int[_nodeLat.Length + 1];
        for (var s = 0; s < _segFrom.Length; s++)
        {
            if (AllowsForward(s))
            {
                outDegree[_segFrom[s]]++;
            }

            if (AllowsBackward(s))
            {
                outDegree[_segTo[s]]++;
            }
        }

        var start = new int[_nodeLat.Length + 1];
        for (var n = 0; n < _nodeLat.Length; n++)
        {
            start[n + 1] = start[n] + outDegree[n];
        }

        var fill = start[..^1].ToArray();
        var target = new int[start[^1]];
        var segments = new int[start[^1]];
        for (var s = 0; s < _segFrom.Length; s++)
        {
            if (AllowsForward(s))
            {
                var k = fill[_segFrom[s]]++;
                target[k] = _segTo[s];
                segments[k] = s;
            }

            if (AllowsBackward(s))
            {
                var k = fill[_segTo[s]]++;
                target[k] = _segFrom[s];
                segments[k] = s;
            }
        }

        return (start, target, segments);
    }

    private (Dictionary<long, (int Start, int Count)> Cells, int[] Segments) BuildGrid()
    {
        var members = new Dictionary<long, List<int>>();
        for (var s = 0; s < _segFrom.Length; s++)
        {
            var a = _segFrom[s];
            var b = _segTo[s];
            var row0 = Row(Math.Min(_nodeLat[a], _nodeLat[b]));
            var row1 = Row(Math.Max(_nodeLat[a], _nodeLat[b]));
            var col0 = Col(Math.Min(_nodeLon[a], _nodeLon[b]));
            var col1 = Col(Math.Max(_nodeLon[a], _nodeLon[b]));
            for (var row = row0; row <= row1; row++)
            {
                for (var col = col0; col <= col1; col++)
                {
                    ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(members, CellKey(row, col), out _);
                    (list ??= []).Add(s);
                }
            }
        }

        var cells = new Dictionary<long, (int Start, int Count)>(members.Count);
        var flat = new List<int>();
        foreach (var (key, list) in members)
        {
            cells[key] = (flat.Count, list.Count);
            flat.AddRange(list);
        }

        return (cells, [.. flat]);
    }

    private ReadOnlySpan<int> CellSegments(int row, int col)
    {
        if (_denseStart is not null)
        {
            if ((uint)row >= (uint)_denseRows || (uint)col >= (uint)_denseCols)
            {
                return [];
            }

            var index = row * _denseCols + col;
            return _cellSegments.AsSpan(_denseStart[index], _denseStart[index + 1] - _denseStart[index]);
        }

        return _cells!.TryGetValue(CellKey(row, col), out var cell) ? _cellSegments.AsSpan(cell.Start, cell.Count) : [];
    }

    private (int Row0, int Row1, int Col0, int Col1) CellRange(double latitude, double longitude, double radiusMeters, double metersPerDegLon)
    {
        var reachLat = radiusMeters / GeoMath.MetersPerDegreeLatitude;
        var reachLon = radiusMeters / Math.Max(1, metersPerDegLon);
        return (Row(latitude - reachLat), Row(latitude + reachLat), Col(longitude - reachLon), Col(longitude + reachLon));
    }

    private int Row(double latitude) => (int)Math.Floor((latitude - _originLat) / _cellLat);

    private int Col(double longitude) => (int)Math.Floor((longitude - _originLon) / _cellLon);

    private static long CellKey(int row, int col) => ((long)row << 32) | (uint)col;
}
