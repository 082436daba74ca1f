using Itinera.Core.Geo;

namespace Itinera.Core.Maps;

/// <summary>A drive along a road network: the noisy positions a phone would report, and the road really driven.</summary>
public sealed record SyntheticDrive(IReadOnlyList<GeoPoint> Observed, IReadOnlyList<long> TrueWayIds);

/// <summary>
/// Random drives on a <see cref="RoadNetwork"/> for measuring map matching: a walk along legal arcs (no U-turns
/// unless at a dead end) at 8–20 m/s, one position per second, with Gaussian GPS noise. Deterministic for a seed.
/// </summary>
public static class SyntheticDrives
{
    /// <summary>Generates <paramref name="drives"/> drives of <paramref name="pointsPerDrive"/> positions each.</summary>
    public static IReadOnlyList<SyntheticDrive> Generate(RoadNetwork network, int drives, int pointsPerDrive, double noiseMeters, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var random = new Random(seed);
        var result = new List<SyntheticDrive>(drives);
        var attempts = 0;
        while (result.Count < drives && attempts++ < drives * 20 && network.NodeCount > 0)
        {
            if (Drive(network, pointsPerDrive, noiseMeters, random) is { } drive)
            {
                result.Add(drive);
            }
        }

        return result;
    }

    private static SyntheticDrive? Drive(RoadNetwork network, int points, double noiseMeters, Random random)
    {
        var node = random.Next(network.NodeCount);
        if (network.ArcTargets(node).Length == 0)
        {
            return null;
        }

        var observed = new List<GeoPoint>(points);
        var truth = new List<long>(points);
        var previousNode = -1;
        var speed = 8 + random.NextDouble() * 12;
        var carry = random.NextDouble() * speed; // metres already driven into the next second
        var steps = 0;
        while (observed.Count < points && steps++ < points * 50)
        {
            var targets = network.ArcTargets(node);
            var segments = network.ArcSegments(node);
            if (targets.Length == 0)
            {
                break;
            }

            var choice = random.Next(targets.Length);
            if (targets.Length > 1 && targets[choice] == previousNode)
            {
                choice = (choice + 1) % targets.Length;
            }

            var segment = segments[choice];
            var next = targets[choice];
            var length = network.SegmentLengthMeters(segment);
            var forward = network.SegmentFrom(segment) == node;
            var along = speed - carry;
            while (along <= length && observed.Count < points)
            {
                var fraction = length > 0 ? along / length : 0;
                var p = network.PointOn(segment, forward ? fraction : 1 - fraction);
                var (dx, dy) = Gaussian(random, noiseMeters);
                observed.Add(new GeoPoint(
                    p.Latitude + dy / GeoMath.MetersPerDegreeLatitude,
                    p.Longitude + dx / GeoMath.MetersPerDegreeLongitude(p.Latitude)));
                truth.Add(network.RoadOf(segment).WayId);
                along += speed;
            }

            carry = length - (along - speed);
            previousNode = node;
            node = next;
            if (random.NextDouble() < 0.02)
            {
                speed = 8 + random.NextDouble() * 12;
            }
        }

        return observed.Count == points ? new SyntheticDrive(observed, truth) : null;
    }

    private static (double X, double Y) Gaussian(Random random, double sigma)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var r = sigma * Math.Sqrt(-2 * Math.Log(u1));
        return (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
    }
}
