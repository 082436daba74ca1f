using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itinera.Core.Maps;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera bench mapmatch</c>: single-threaded map matching throughput (and road accuracy) on random drives with
/// GPS noise over a real OSM extract, plus nearest-road point lookups per second.
/// </summary>
internal static class MapMatchBenchmark
{
    public static Command Create()
    {
        var map = new Option<FileInfo>("--map") { Description = "OSM extract (.osm.pbf or .osm).", DefaultValueFactory = _ => new FileInfo("../shared/data/maps/Helsinki.osm.pbf") };
        var waypoints = new Option<int>("--waypoints") { Description = "Waypoints to match in all.", DefaultValueFactory = _ => 200_000 };
        var noise = new Option<double>("--noise") { Description = "GPS noise (standard deviation per axis, metres).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random drives.", DefaultValueFactory = _ => 1 };
        var command = new Command("mapmatch", "Measure map matching (HMM/Viterbi) waypoints per second, single-threaded, and nearest-road lookups per second.")
        {
            map, waypoints, noise, seed,
        };
        command.SetAction((result, ct) =>
        {
            var file = result.GetValue(map)!;
            if (!file.Exists)
            {
                return Task.FromResult(CliContext.Fail(result, $"No such file: {file.FullName}"));
            }

            var figures = Run(file.FullName, Math.Max(1000, result.GetValue(waypoints)), result.GetValue(noise), result.GetValue(seed));
            CliContext.Print(result, figures, string.Create(CultureInfo.InvariantCulture,
                $"map matching: {figures.WaypointsPerSecond:N0} waypoints/s ({figures.Waypoints:N0} waypoints, road accuracy {figures.RoadAccuracy:F3}); nearest-road lookups: {figures.PointLookupsPerSecond:N0}/s; network {figures.Segments:N0} segments built in {figures.BuildSeconds:F3} s"));
            return Task.FromResult(0);
        });
        return command;
    }

    internal sealed record Figures(
        double WaypointsPerSecond, int Waypoints, double RoadAccuracy, double PointLookupsPerSecond, int Segments, double BuildSeconds, double NoiseMeters, int Seed);

    private static Figures Run(string path, int waypoints, double noiseMeters, int seed)
    {
        var extract = OsmExtractReader.Read(path);
        var build = Stopwatch.StartNew();
        var network = new RoadNetwork(extract.Roads);
        var buildSeconds = build.Elapsed.TotalSeconds;

        const int PointsPerDrive = 600;
        var drives = SyntheticDrives.Generate(network, (waypoints + PointsPerDrive - 1) / PointsPerDrive, PointsPerDrive, noiseMeters, seed);
        var matcher = new MapMatcher(network);
        matcher.Match(drives[0].Observed); // warm-up

        var correct = 0;
        var total = 0;
        var stopwatch = Stopwatch.StartNew();
        var matched = new MatchedPoint[drives.Count][];
        for (var d = 0; d < drives.Count; d++)
        {
            matched[d] = matcher.Match(drives[d].Observed);
        }

        var matchSeconds = stopwatch.Elapsed.TotalSeconds;
        for (var d = 0; d < drives.Count; d++)
        {
            for (var i = 0; i < matched[d].Length; i++)
            {
                total++;
                if (matched[d][i].IsMatched && network.RoadOf(matched[d][i].Segment).WayId == drives[d].TrueWayIds[i])
                {
                    correct++;
                }
            }
        }

        // Point lookups: the nearest road to every observed position, repeated to at least a million.
        var points = drives.SelectMany(d => d.Observed).ToArray();
        var lookups = 0;
        var found = 0;
        stopwatch.Restart();
        while (lookups < 1_000_000)
        {
            foreach (var p in points)
            {
                if (network.Nearest(p.Latitude, p.Longitude) is not null)
                {
                    found++;
                }
            }

            lookups += points.Length;
        }

        var lookupSeconds = stopwatch.Elapsed.TotalSeconds;
        GC.KeepAlive(found);
        return new Figures(
            Math.Round(total / matchSeconds), total, Math.Round((double)correct / Math.Max(1, total), 4), Math.Round(lookups / lookupSeconds),
            network.SegmentCount, Math.Round(buildSeconds, 3), noiseMeters, seed);
    }

}
