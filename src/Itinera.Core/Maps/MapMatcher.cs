using Itinera.Core.Geo;

namespace Itinera.Core.Maps;

/// <summary>Parameters of the map matcher (Newson &amp; Krumm 2009).</summary>
/// <param name="GpsSigmaMeters">Standard deviation of GPS error in the emission model.</param>
/// <param name="BetaMeters">Scale of the exponential on |route distance − great-circle distance| in the transition model.</param>
/// <param name="CandidateRadiusMeters">Only roads this close to a fix are candidates.</param>
/// <param name="MaxCandidates">Candidates kept per fix (nearest first, one per road).</param>
public sealed record MapMatchOptions(
    double GpsSigmaMeters = 8,
    double BetaMeters = 6,
    double CandidateRadiusMeters = 40,
    int MaxCandidates = 4);

/// <summary>Where a fix was matched: a segment of the <see cref="RoadNetwork"/> and the fraction along it, or
/// <see cref="Segment"/> = −1 when no road was near enough.</summary>
public readonly record struct MatchedPoint(int Segment, double Fraction, double DistanceMeters)
{
    /// <summary>A fix without a road.</summary>
    public static readonly MatchedPoint Unmatched = new(-1, 0, double.NaN);

    /// <summary>Whether a road was found.</summary>
    public bool IsMatched => Segment >= 0;
}

/// <summary>
/// Hidden-Markov map matching in the style of Newson &amp; Krumm (2009): candidates are the nearest segment of each
/// road within a radius; emission is Gaussian in the fix-to-road distance; transition is exponential in the
/// difference between the shortest route between two candidates (a bounded Dijkstra that respects one-way roads) and
/// the great-circle distance between the fixes; Viterbi picks the path. A fix without candidates, or a step with no
/// plausible route, breaks the chain and matching restarts. Not thread-safe (it reuses search buffers): use one
/// instance per thread over a shared network.
/// </summary>
public sealed class MapMatcher
{
    private readonly RoadNetwork _network;
    private readonly MapMatchOptions _options;
    private readonly double[] _nodeDistance;
    private readonly int[] _nodeStamp;
    private readonly PriorityQueue<int, double> _queue = new();
    private int _stamp;

    public MapMatcher(RoadNetwork network, MapMatchOptions? options = null)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _options = options ?? new MapMatchOptions();
        _nodeDistance = new double[network.NodeCount];
        _nodeStamp = new int[network.NodeCount];
    }

    /// <summary>Matches a sequence of positions (in time order) to the network.</summary>
    public MatchedPoint[] Match(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var k = _options.MaxCandidates;
        var result = new MatchedPoint[n];
        var candidates = new RoadPosition[n * k];
        var counts = new int[n];
        var score = new double[n * k];
        var back = new int[n * k];
        var emissionScale = -0.5 / (_options.GpsSigmaMeters * _options.GpsSigmaMeters);
        var routeDistances = new double[k];

        var chainStart = 0;
        for (var t = 0; t < n; t++)
        {
            var count = _network.Candidates(points[t].Latitude, points[t].Longitude, _options.CandidateRadiusMeters, candidates.AsSpan(t * k, k));
            counts[t] = count;
            if (count == 0)
            {
                Backtrack(chainStart, t - 1);
                result[t] = MatchedPoint.Unmatched;
                chainStart = t + 1;
                continue;
            }

            var chained = false;
            if (t > chainStart)
            {
                var gc = GeoMath.ApproxDistanceMeters(points[t - 1], points[t]);
                var bound = RouteBoundMeters(gc);
                for (var j = 0; j < count; j++)
                {
                    score[t * k + j] = double.NegativeInfinity;
                }

                for (var i = 0; i < counts[t - 1]; i++)
                {
                    var previous = score[(t - 1) * k + i];
                    if (double.IsNegativeInfinity(previous))
                    {
                        continue;
                    }

                    RouteDistances(candidates[(t - 1) * k + i], candidates.AsSpan(t * k, count), bound, routeDistances);
                    for (var j = 0; j < count; j++)
                    {
                        if (double.IsPositiveInfinity(routeDistances[j]))
                        {
                            continue;
                        }

                        var value = previous - Math.Abs(routeDistances[j] - gc) / _options.BetaMeters;
                        if (value > score[t * k + j])
                        {
                            score[t * k + j] = value;
                            back[t * k + j] = i;
                            chained = true;
                        }
                    }
                }

                if (!chained)
                {
                    Backtrack(chainStart, t - 1);
                    chainStart = t;
                }
            }

            for (var j = 0; j < count; j++)
            {
                var d = candidates[t * k + j].DistanceMeters;
                score[t * k + j] = (chained ? score[t * k + j] : 0) + emissionScale * d * d;
            }
        }

        Backtrack(chainStart, n - 1);
        return result;

        void Backtrack(int first, int last)
        {
            if (last < first)
            {
                return;
            }

            var best = 0;
            for (var j = 1; j < counts[last]; j++)
            {
                if (score[last * k + j] > score[last * k + best])
                {
                    best = j;
                }
            }

            for (var t = last; t >= first; t--)
            {
                var c = candidates[t * k + best];
                result[t] = new MatchedPoint(c.Segment, c.Fraction, c.DistanceMeters);
                best = t > first ? back[t * k + best] : 0;
            }
        }
    }

    /// <summary>
    /// How far from the straight line between two fixes <paramref name="stepMeters"/> apart a road can lie and still
    /// change how they are matched: a candidate is within the candidate radius of its fix, and every point of a route
    /// between candidates no longer than <see cref="RouteBoundMeters"/> is within half that bound of one of them (a
    /// point further from both would make the route longer). A second candidate radius is slack for the distance
    /// approximations. Map data beyond this cannot change the result.
    /// </summary>
    public static double StrayMeters(double stepMeters, MapMatchOptions? options = null) =>
        RouteBoundMeters(stepMeters) / 2 + 2 * (options ?? new MapMatchOptions()).CandidateRadiusMeters;

    /// <summary>The longest route considered between candidates of fixes <paramref name="stepMeters"/> apart.</summary>
    private static double RouteBoundMeters(double stepMeters) => 2 * stepMeters + 60;

    /// <summary>Shortest driving distances from <paramref name="from"/> to each of <paramref name="targets"/>, or +∞
    /// when longer than <paramref name="boundMeters"/>.</summary>
    private void RouteDistances(RoadPosition from, ReadOnlySpan<RoadPosition> targets, double boundMeters, double[] output)
    {
        var fromLength = _network.SegmentLengthMeters(from.Segment);
        var needSearch = false;
        for (var j = 0; j < targets.Length; j++)
        {
            if (targets[j].Segment == from.Segment)
            {
                // Along one segment; a small backwards step is GPS noise, not a U-turn.
                output[j] = Math.Abs(targets[j].Fraction - from.Fraction) * fromLength;
            }
            else
            {
                output[j] = double.PositiveInfinity;
                needSearch = true;
            }
        }

        if (!needSearch)
        {
            return;
        }

        _stamp++;
        _queue.Clear();
        if (_network.AllowsForward(from.Segment))
        {
            Relax(_network.SegmentTo(from.Segment), (1 - from.Fraction) * fromLength);
        }

        if (_network.AllowsBackward(from.Segment))
        {
            Relax(_network.SegmentFrom(from.Segment), from.Fraction * fromLength);
        }

        while (_queue.TryDequeue(out var node, out var distance))
        {
            if (distance > _nodeDistance[node] || distance > boundMeters)
            {
                continue;
            }

            var arcTargets = _network.ArcTargets(node);
            var arcSegments = _network.ArcSegments(node);
            for (var a = 0; a < arcTargets.Length; a++)
            {
                Relax(arcTargets[a], distance + _network.SegmentLengthMeters(arcSegments[a]));
            }
        }

        for (var j = 0; j < targets.Length; j++)
        {
            var target = targets[j];
            if (target.Segment == from.Segment)
            {
                continue;
            }

            var length = _network.SegmentLengthMeters(target.Segment);
            var best = double.PositiveInfinity;
            var entry = _network.SegmentFrom(target.Segment);
            if (_network.AllowsForward(target.Segment) && _nodeStamp[entry] == _stamp)
            {
                best = _nodeDistance[entry] + target.Fraction * length;
            }

            entry = _network.SegmentTo(target.Segment);
            if (_network.AllowsBackward(target.Segment) && _nodeStamp[entry] == _stamp)
            {
                best = Math.Min(best, _nodeDistance[entry] + (1 - target.Fraction) * length);
            }

            output[j] = best <= boundMeters ? best : double.PositiveInfinity;
        }

        void Relax(int node, double distance)
        {
            if (_nodeStamp[node] != _stamp || distance < _nodeDistance[node])
            {
                _nodeStamp[node] = _stamp;
                _nodeDistance[node] = distance;
                if (distance <= boundMeters)
                {
                    _queue.Enqueue(node, distance);
                }
            }
        }
    }
}
