namespace Itinera.Core.Simulation;

/// <summary>Who travels on the road network; decides the allowed roads, the speeds and the turn costs.</summary>
internal enum RouteProfile
{
    Car = 0,
    Bike = 1,
    Foot = 2,
}

/// <summary>
/// The directed road graph of a <see cref="SyntheticCity"/> in compressed adjacency form, with turn-aware
/// shortest paths by travel time. Node indices are <see cref="CityNode.Id"/> − 1. Immutable and thread-safe.
/// </summary>
internal sealed class RoadGraph
{
    private const double CarTurnPenaltySeconds = 8;
    private const double BikeTurnPenaltySeconds = 4;
    private const double FootTurnPenaltySeconds = 1;
    private const double BikeSpeedMetersPerSecond = 5;
    private const double FootSpeedMetersPerSecond = 1.35;

    private readonly int[] _edgeStart;
    private readonly int[] _edgeSource;
    private readonly int[] _edgeTarget;
    private readonly double[] _edgeLength;
    private readonly double[] _edgeBearing;
    private readonly int[] _edgeSpeedKmh;
    private readonly RoadClass[] _edgeClass;
    private readonly bool[] _edgeCarForbidden;
    private readonly int[] _degree;

    public RoadGraph(double[] latitudes, double[] longitudes, IReadOnlyList<CityWay> ways)
    {
        Latitudes = latitudes;
        Longitudes = longitudes;
        var nodeCount = latitudes.Length;
        var edges = new List<(int From, int To, int SpeedKmh, RoadClass Class, bool CarForbidden)>();
        foreach (var way in ways)
        {
            if (way.Kind != WayKind.Road || way.RoadClass is not { } roadClass)
            {
                continue;
            }

            for (var i = 1; i < way.NodeIds.Count; i++)
            {
                var a = (int)way.NodeIds[i - 1] - 1;
                var b = (int)way.NodeIds[i] - 1;
                edges.Add((a, b, way.MaxSpeedKmh, roadClass, false));
                edges.Add((b, a, way.MaxSpeedKmh, roadClass, way.Oneway));
            }
        }

        // Stable ordering by source keeps the adjacency (and so every tie-break) deterministic.
        var ordered = edges.Select((edge, index) => (edge, index))
            .OrderBy(item => item.edge.From).ThenBy(item => item.index).Select(item => item.edge).ToArray();
        _edgeStart = new int[nodeCount + 1];
        _edgeSource = new int[ordered.Length];
        _edgeTarget = new int[ordered.Length];
        _edgeLength = new double[ordered.Length];
        _edgeBearing = new double[ordered.Length];
        _edgeSpeedKmh = new int[ordered.Length];
        _edgeClass = new RoadClass[ordered.Length];
        _edgeCarForbidden = new bool[ordered.Length];
        _degree = new int[nodeCount];
        for (var e = 0; e < ordered.Length; e++)
        {
            var (from, to, speed, roadClass, carForbidden) = ordered[e];
            _edgeStart[from + 1]++;
            _edgeSource[e] = from;
            _edgeTarget[e] = to;
            _edgeLength[e] = Geodesy.DistanceMeters(latitudes[from], longitudes[from], latitudes[to], longitudes[to]);
            _edgeBearing[e] = Geodesy.BearingDegrees(latitudes[from], longitudes[from], latitudes[to], longitudes[to]);
            _edgeSpeedKmh[e] = speed;
            _edgeClass[e] = roadClass;
            _edgeCarForbidden[e] = carForbidden;
            _degree[from]++;
        }

        for (var n = 0; n < nodeCount; n++)
        {
            _edgeStart[n + 1] += _edgeStart[n];
        }
    }

    public double[] Latitudes { get; }

    public double[] Longitudes { get; }

    public int NodeCount => Latitudes.Length;

    /// <summary>Number of roads meeting at a node (an intersection has three or more).</summary>
    public int Degree(int node) => _degree[node];

    /// <summary>True when at least one road touches the node.</summary>
    public bool IsRoadNode(int node) => _degree[node] > 0;

    /// <summary>The edge from <paramref name="from"/> to <paramref name="to"/>, or −1.</summary>
    public int FindEdge(int from, int to)
    {
        for (var e = _edgeStart[from]; e < _edgeStart[from + 1]; e++)
        {
            if (_edgeTarget[e] == to)
            {
                return e;
            }
        }

        return -1;
    }

    public int EdgeSpeedKmh(int edge) => _edgeSpeedKmh[edge];

    public RoadClass EdgeClass(int edge) => _edgeClass[edge];

    /// <summary>
    /// The node sequence of the fastest path from any of <paramref name="sources"/> to any of
    /// <paramref name="targets"/> for the profile, each with an extra cost in seconds (the way from a POI to that
    /// junction), with a penalty for every turn of more than 45°; null when no path exists.
    /// </summary>
    public int[]? ShortestPath(IReadOnlyList<(int Node, double Seconds)> sources, IReadOnlyList<(int Node, double Seconds)> targets, RouteProfile profile)
    {
        var best = double.PositiveInfinity;
        var bestEdge = -1;
        var bestDirect = -1;
        foreach (var (sourceNode, sourceCost) in sources)
        {
            foreach (var (targetNode, targetCost) in targets)
            {
                if (sourceNode == targetNode && sourceCost + targetCost < best)
                {
                    best = sourceCost + targetCost;
                    bestDirect = sourceNode;
                }
            }
        }

        var edgeCount = _edgeTarget.Length;
        var cost = new double[edgeCount];
        var previous = new int[edgeCount];
        Array.Fill(cost, double.PositiveInfinity);
        var queue = new PriorityQueue<int, double>();
        foreach (var (sourceNode, sourceCost) in sources)
        {
            for (var e = _edgeStart[sourceNode]; e < _edgeStart[sourceNode + 1]; e++)
            {
                var initial = sourceCost + EdgeCost(e, profile);
                if (Allowed(e, profile) && initial < cost[e])
                {
                    cost[e] = initial;
                    previous[e] = -1;
                    queue.Enqueue(e, initial);
                }
            }
        }

        var turnPenalty = profile switch
        {
            RouteProfile.Car => CarTurnPenaltySeconds,
            RouteProfile.Bike => BikeTurnPenaltySeconds,
            _ => FootTurnPenaltySeconds,
        };
        while (queue.TryDequeue(out var edge, out var edgeCost))
        {
            if (edgeCost >= best)
            {
                break;
            }

            if (edgeCost > cost[edge])
            {
                continue;
            }

            var node = _edgeTarget[edge];
            foreach (var (targetNode, targetCost) in targets)
            {
                if (node == targetNode && edgeCost + targetCost < best)
                {
                    best = edgeCost + targetCost;
                    bestEdge = edge;
                    bestDirect = -1;
                }
            }

            for (var next = _edgeStart[node]; next < _edgeStart[node + 1]; next++)
            {
                if (!Allowed(next, profile) || (_edgeTarget[next] == _edgeSource[edge] && _degree[node] > 1))
                {
                    continue;
                }

                var turn = Math.Abs(Geodesy.TurnDegrees(_edgeBearing[edge], _edgeBearing[next]));
                var candidate = edgeCost + EdgeCost(next, profile) + (turn > 45 ? turnPenalty : 0);
                if (candidate < cost[next])
                {
                    cost[next] = candidate;
                    previous[next] = edge;
                    queue.Enqueue(next, candidate);
                }
            }
        }

        if (bestDirect >= 0)
        {
            return [bestDirect];
        }

        if (bestEdge < 0)
        {
            return null;
        }

        var nodes = new List<int>();
        var e2 = bestEdge;
        while (true)
        {
            nodes.Add(_edgeTarget[e2]);
            if (previous[e2] < 0)
            {
                nodes.Add(_edgeSource[e2]);
                break;
            }

            e2 = previous[e2];
        }

        nodes.Reverse();
        return [.. nodes];
    }

    /// <summary>Seconds to cover a straight stretch off the network (a driveway, a path) for the profile.</summary>
    public static double OffNetworkSeconds(double meters, RouteProfile profile) => profile switch
    {
        RouteProfile.Car => meters / (20 / 3.6),
        RouteProfile.Bike => meters / BikeSpeedMetersPerSecond,
        _ => meters / FootSpeedMetersPerSecond,
    };

    /// <summary>The road node nearest to a point, optionally excluding motorways (for pedestrians and cyclists).</summary>
    public int NearestNode(double latitude, double longitude, bool excludeMotorway)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var n = 0; n < NodeCount; n++)
        {
            if (!IsRoadNode(n) || (excludeMotorway && OnlyMotorway(n)))
            {
                continue;
            }

            var distance = Geodesy.DistanceMeters(latitude, longitude, Latitudes[n], Longitudes[n]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = n;
            }
        }

        return best;
    }

    private bool OnlyMotorway(int node)
    {
        for (var e = _edgeStart[node]; e < _edgeStart[node + 1]; e++)
        {
            if (_edgeClass[e] != RoadClass.Motorway)
            {
                return false;
            }
        }

        return true;
    }

    private bool Allowed(int edge, RouteProfile profile) => profile switch
    {
        RouteProfile.Car => !_edgeCarForbidden[edge],
        _ => _edgeClass[edge] != RoadClass.Motorway,
    };

    private double EdgeCost(int edge, RouteProfile profile)
    {
        var length = _edgeLength[edge];
        return profile switch
        {
            RouteProfile.Car => length / (_edgeSpeedKmh[edge] / 3.6 * 0.9),
            RouteProfile.Bike => length / BikeSpeedMetersPerSecond * (_edgeClass[edge] switch
            {
                RoadClass.Primary => 1.5,
                RoadClass.Secondary => 1.15,
                _ => 1.0,
            }),
            _ => length / FootSpeedMetersPerSecond,
        };
    }
}
