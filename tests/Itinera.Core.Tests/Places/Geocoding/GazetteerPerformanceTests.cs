using System.Diagnostics;
using System.Globalization;
using Itinera.Core.Geo;
using Itinera.Core.Places.Geocoding;

namespace Itinera.Core.Tests.Places.Geocoding;

/// <summary>
/// Measures what docs/gazetteer.md reports: load time of the real cities15000 files and lookups per second. Prints the
/// figures through the test output; run with
/// <c>dotnet test tests/Itinera.Core.Tests -c Release --filter FullyQualifiedName~GazetteerPerformance --logger "console;verbosity=detailed"</c>.
/// The assertions are loose guards against regressions, not the targets. The test runs alone (not in parallel with other
/// test classes) so that the timings and the memory figure are not disturbed by them.
/// </summary>
[Collection(nameof(GazetteerPerformanceTests))]
public sealed class GazetteerPerformanceTests
{
    private const int Lookups = 200_000;

    [Fact]
    public void Loads_in_well_under_a_second_and_looks_up_in_microseconds()
    {
        var output = TestContext.Current.TestOutputHelper;
        var folder = GazetteerData.Folder;

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var gazetteer = Gazetteer.Load(folder);
        var firstLoad = stopwatch.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        var loads = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            stopwatch.Restart();
            _ = Gazetteer.Load(folder);
            loads.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        loads.Sort();
        Line($"load of {gazetteer.Count} places: first {firstLoad.TotalMilliseconds:F0} ms, then median {loads[2]:F0} ms (min {loads[0]:F0}, max {loads[4]:F0}); {allocated / 1_048_576.0:F0} MiB allocated by the first load, {retained / 1_048_576.0:F1} MiB retained");

        var random = new Random(1);
        var places = gazetteer.Places;
        var nearPlaces = new GeoPoint[Lookups];
        var uniform = new GeoPoint[Lookups];
        for (var i = 0; i < Lookups; i++)
        {
            var anchor = places[random.Next(places.Count)];
            nearPlaces[i] = GeoMath.Destination(anchor.Latitude, anchor.Longitude, random.NextDouble() * 360, random.NextDouble() * 20_000);
            uniform[i] = new GeoPoint(Math.Asin(random.NextDouble() * 2 - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180);
        }

        var nearRate = Measure("Nearest (30 km), points within 20 km of a listed place", nearPlaces, p => gazetteer.Nearest(p.Latitude, p.Longitude) is not null);
        var uniformRate = Measure("Nearest (30 km), points uniform on the globe", uniform, p => gazetteer.Nearest(p.Latitude, p.Longitude) is not null);
        var zoneRate = Measure("TimeZoneAt (300 km), points uniform on the globe", uniform, p => gazetteer.TimeZoneAt(p.Latitude, p.Longitude) is not null);
        var zoneNearRate = Measure("TimeZoneAt (300 km), points within 20 km of a listed place", nearPlaces, p => gazetteer.TimeZoneAt(p.Latitude, p.Longitude) is not null);

        Assert.True(firstLoad < TimeSpan.FromSeconds(5), $"first load took {firstLoad.TotalMilliseconds:F0} ms");
        Assert.True(nearRate > 50_000, $"{nearRate:F0} lookups/s");
        Assert.True(uniformRate > 20_000, $"{uniformRate:F0} lookups/s");
        Assert.True(zoneRate > 5_000, $"{zoneRate:F0} lookups/s");
        Assert.True(zoneNearRate > 20_000, $"{zoneNearRate:F0} lookups/s");

        double Measure(string label, GeoPoint[] points, Func<GeoPoint, bool> lookup)
        {
            for (var i = 0; i < 2_000; i++)
            {
                lookup(points[i]);
            }

            var hits = 0;
            var watch = Stopwatch.StartNew();
            foreach (var point in points)
            {
                if (lookup(point))
                {
                    hits++;
                }
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var rate = points.Length / seconds;
            Line($"{label}: {rate:N0} lookups/s ({seconds * 1e6 / points.Length:F2} µs each), {100.0 * hits / points.Length:F1} % found");
            return rate;
        }

        void Line(string text) => output?.WriteLine(text.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>Runs <see cref="GazetteerPerformanceTests"/> without other test classes in parallel.</summary>
[CollectionDefinition(nameof(GazetteerPerformanceTests), DisableParallelization = true)]
public sealed class GazetteerPerformanceRunsAlone;
