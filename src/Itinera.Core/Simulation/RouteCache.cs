using System.Collections.Concurrent;

namespace Itinera.Core.Simulation;

/// <summary>One leg of a public-transport plan: a walk between two anchors, or a ride between two stops of a line.</summary>
/// <param name="Line">The line ridden, or null for a walk.</param>
/// <param name="FromStop">Index into <see cref="TransitLine.Stops"/> of the boarding stop (rides only).</param>
/// <param name="ToStop">Index into <see cref="TransitLine.Stops"/> of the alighting stop (rides only).</param>
internal readonly record struct TransitLeg(TransitLine? Line, int FromStop, int ToStop, Anchor From, Anchor To);

/// <summary>A door-to-door public-transport plan: walk, ride, (walk, ride,) walk.</summary>
internal sealed record TransitPlan(IReadOnlyList<TransitLeg> Legs, double CostSeconds);

/// <summary>
/// Computes and caches the paths of a <see cref="SyntheticCity"/>: road paths between anchors per profile, rides
/// along lines and public-transport plans. Results depend only on the city, so the cache is shared by every user
/// and is safe for concurrent use; caching never changes a result.
/// </summary>
internal sealed class RouteCache(SyntheticCity city)
{
    private const double WalkDetourFactor = 1.3;
    private const double WalkSpeedMetersPerSecond = 1.35;
    private const double AccessWalkLimitMeters = 1500;
    private const double LongWalkLimitMeters = 5000;
    private const double MinimumTransitDistanceMeters = 700;

    private readonly ConcurrentDictionary<(long From, long To, RouteProfile Profile), TravelPath> _roads = new();
    private readonly ConcurrentDictionary<(long Line, int From, int To), TravelPath> _rides = new();
    private readonly ConcurrentDictionary<(long Home, long Via, long Turnaround), TravelPath> _loops = new();
    private readonly ConcurrentDictionary<(long From, long To, int Kinds), TransitPlan?> _plans = new();

    /// <summary>Bit mask of every kind used inside the city (bus, tram, metro).</summary>
    public const int CityKinds = (1 << (int)TransitKind.Bus) | (1 << (int)TransitKind.Tram) | (1 << (int)TransitKind.Subway);

    public static int Mask(TransitKind kind) => 1 << (int)kind;

    /// <summary>The road path between two anchors for a profile (a straight line when the graph has none).</summary>
    public TravelPath Road(Anchor from, Anchor to, RouteProfile profile) =>
        _roads.GetOrAdd((from.Id, to.Id, profile), _ => BuildRoad(from, to, profile));

    /// <summary>A loop on foot (a run) from <paramref name="home"/> through <paramref name="via"/> and <paramref name="turnaround"/> back home.</summary>
    public TravelPath Loop(Anchor home, Anchor via, Anchor turnaround) =>
        _loops.GetOrAdd((home.Id, via.Id, turnaround.Id), _ =>
        {
            var builder = new TravelPath.Builder();
            foreach (var part in new[] { Road(home, via, RouteProfile.Foot), Road(via, turnaround, RouteProfile.Foot), Road(turnaround, home, RouteProfile.Foot) })
            {
                for (var k = 0; k < part.VertexCount; k++)
                {
                    builder.Add(part.Latitudes[k], part.Longitudes[k], k == 0 ? 20 : part.SegmentSpeedsKmh[k - 1],
                        k == 0 ? RoadClass.Service : part.SegmentClasses[k - 1], part.Intersections[k]);
                }
            }

            return builder.Build();
        });

    /// <summary>The path of a ride from stop <paramref name="fromStop"/> to stop <paramref name="toStop"/> of a line.</summary>
    public TravelPath Ride(TransitLine line, int fromStop, int toStop) =>
        _rides.GetOrAdd((line.RelationId, fromStop, toStop), _ => BuildRide(line, fromStop, toStop));

    /// <summary>The cheapest plan using lines of the given kinds, or null when walking is better or nothing fits.</summary>
    public TransitPlan? Transit(Anchor from, Anchor to, int kinds) =>
        _plans.GetOrAdd((from.Id, to.Id, kinds), _ => BuildPlan(from, to, kinds));

    private TravelPath BuildRoad(Anchor from, Anchor to, RouteProfile profile)
    {
        var roads = city.Roads;
        var nodes = roads.ShortestPath(Junctions(from, profile), Junctions(to, profile), profile) ?? [];
        var builder = new TravelPath.Builder();
        builder.Add(from.Latitude, from.Longitude, 20, RoadClass.Service, false);
        builder.Add(from.EntranceLatitude, from.EntranceLongitude, 20, RoadClass.Service, false);
        for (var k = 0; k < nodes.Length; k++)
        {
            var node = nodes[k];
            var edge = k == 0 ? -1 : roads.FindEdge(nodes[k - 1], node);
            var speed = edge < 0 ? 20f : roads.EdgeSpeedKmh(edge);
            var roadClass = edge < 0 ? RoadClass.Service : roads.EdgeClass(edge);
            builder.Add(roads.Latitudes[node], roads.Longitudes[node], speed, roadClass, roads.Degree(node) >= 3);
        }

        builder.Add(to.EntranceLatitude, to.EntranceLongitude, 20, RoadClass.Service, false);
        builder.Add(to.Latitude, to.Longitude, 20, RoadClass.Service, false);
        return builder.Build();
    }

    /// <summary>The junctions an anchor's entrance leads to, with the seconds from the entrance to each.</summary>
    private (int Node, double Seconds)[] Junctions(Anchor anchor, RouteProfile profile)
    {
        var roads = city.Roads;
        double Seconds(int node) => RoadGraph.OffNetworkSeconds(
            Geodesy.DistanceMeters(anchor.EntranceLatitude, anchor.EntranceLongitude, roads.Latitudes[node], roads.Longitudes[node]), profile);
        return anchor.OtherAccessNode < 0
            ? [(anchor.AccessNode, 0)]
            : [(anchor.AccessNode, Seconds(anchor.AccessNode)), (anchor.OtherAccessNode, Seconds(anchor.OtherAccessNode))];
    }

    private TravelPath BuildRide(TransitLine line, int fromStop, int toStop)
    {
        var first = line.Stops[fromStop].PathIndex;
        var last = line.Stops[toStop].PathIndex;
        var step = last >= first ? 1 : -1;
        var stopIndices = new HashSet<int>(line.Stops.Select(s => s.PathIndex));
        var builder = new TravelPath.Builder();
        for (var k = first; k != last + step; k += step)
        {
            var node = line.PathNodes[k];
            var segment = step > 0 ? k - 1 : k;
            var speed = k == first ? line.MaxSpeedKmh : (float)line.SegmentSpeedsKmh[segment];
            builder.Add(city.Roads.Latitudes[node], city.Roads.Longitudes[node], speed, RoadClass.Primary, false, stopIndices.Contains(k));
        }

        return builder.Build();
    }

    private TransitPlan? BuildPlan(Anchor from, Anchor to, int kinds)
    {
        if (from.DistanceTo(to) < MinimumTransitDistanceMeters)
        {
            return null;
        }

        var best = BestSingleLine(from, to, kinds, 1800);
        if ((kinds & Mask(TransitKind.Train)) != 0)
        {
            foreach (var line in city.Lines.Where(l => l.Kind == TransitKind.Train))
            {
                for (var a = 0; a < line.Stops.Count; a++)
                {
                    for (var b = 0; b < line.Stops.Count; b++)
                    {
                        if (a == b)
                        {
                            continue;
                        }

                        var boarding = Anchor.Of(line.Stops[a], TransitKind.Train);
                        var alighting = Anchor.Of(line.Stops[b], TransitKind.Train);
                        var access = Access(from, boarding);
                        var egress = access is null ? null : Access(alighting, to);
                        if (access is null || egress is null)
                        {
                            continue;
                        }

                        var ride = RideSeconds(line, a, b) + 300;
                        var cost = access.CostSeconds + ride + egress.CostSeconds;
                        if (best is null || cost < best.CostSeconds)
                        {
                            var legs = new List<TransitLeg>(access.Legs) { new(line, a, b, boarding, alighting) };
                            legs.AddRange(egress.Legs);
                            best = new TransitPlan(legs, cost);
                        }
                    }
                }
            }
        }

        return best;
    }

    /// <summary>How to get from an anchor to a station (or back): on foot when close, else by one city line, else a long walk.</summary>
    private TransitPlan? Access(Anchor from, Anchor to)
    {
        var distance = from.DistanceTo(to) * WalkDetourFactor;
        var walk = new TransitPlan([new TransitLeg(null, -1, -1, from, to)], distance / WalkSpeedMetersPerSecond);
        if (distance <= AccessWalkLimitMeters * WalkDetourFactor)
        {
            return walk;
        }

        return BestSingleLine(from, to, CityKinds, AccessWalkLimitMeters) ?? (distance <= LongWalkLimitMeters ? walk : null);
    }

    private TransitPlan? BestSingleLine(Anchor from, Anchor to, int kinds, double maxWalkMeters)
    {
        TransitPlan? best = null;
        foreach (var line in city.Lines)
        {
            if ((kinds & Mask(line.Kind)) == 0)
            {
                continue;
            }

            var boarding = NearestStops(line, from);
            var alighting = NearestStops(line, to);
            foreach (var a in boarding)
            {
                foreach (var b in alighting)
                {
                    if (a == b)
                    {
                        continue;
                    }

                    var walk = (from.DistanceTo(Anchor.Of(line.Stops[a], line.Kind)) + Anchor.Of(line.Stops[b], line.Kind).DistanceTo(to)) * WalkDetourFactor;
                    if (walk > maxWalkMeters)
                    {
                        continue;
                    }

                    var cost = walk / WalkSpeedMetersPerSecond + RideSeconds(line, a, b) + 180;
                    if (best is null || cost < best.CostSeconds)
                    {
                        var boardingAnchor = Anchor.Of(line.Stops[a], line.Kind);
                        var alightingAnchor = Anchor.Of(line.Stops[b], line.Kind);
                        best = new TransitPlan(
                        [
                            new TransitLeg(null, -1, -1, from, boardingAnchor),
                            new TransitLeg(line, a, b, boardingAnchor, alightingAnchor),
                            new TransitLeg(null, -1, -1, alightingAnchor, to),
                        ], cost);
                    }
                }
            }
        }

        // A ride must beat walking the whole way by a clear margin to be worth it.
        var walkAll = from.DistanceTo(to) * WalkDetourFactor / WalkSpeedMetersPerSecond;
        return best is not null && best.CostSeconds < walkAll * 0.8 ? best : null;
    }

    private static int[] NearestStops(TransitLine line, Anchor anchor) =>
        [.. Enumerable.Range(0, line.Stops.Count)
            .OrderBy(i => Geodesy.DistanceMeters(anchor.Latitude, anchor.Longitude, line.Stops[i].Latitude, line.Stops[i].Longitude))
            .ThenBy(i => i)
            .Take(3)];

    private static double RideSeconds(TransitLine line, int fromStop, int toStop)
    {
        var distance = Math.Abs(line.Stops[toStop].DistanceAlongMeters - line.Stops[fromStop].DistanceAlongMeters);
        var speed = line.Kind switch
        {
            TransitKind.Bus => 5.5,
            TransitKind.Tram => 6.0,
            TransitKind.Subway => 10.0,
            _ => 22.0,
        };
        return distance / speed + 25 * Math.Abs(toStop - fromStop);
    }
}
