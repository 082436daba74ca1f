using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Itinera.Core.Evaluation;
using Itinera.Core.Geo;
using Itinera.Core.Insights;
using Itinera.Core.Places.Detection;
using Itinera.Core.Places.Geocoding;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera eval insights --sim</c>: simulates users in-process, runs the timeline engine and place detection on
/// their phones' data, then the insight rules, and scores segments, routine moments and anomalies against the truth
/// (docs/accuracy.md, "Insights"). Place candidates come from the simulated region's map (as an OpenStreetMap import
/// would give them), addresses from a gazetteer; nothing comes from the personas.
/// </summary>
internal static class SimulatedInsights
{
    /// <summary>The segment ids the simulator asserts or denies (docs/simulator.md): precision and recall are over these.</summary>
    public static readonly IReadOnlySet<string> Assessed = new HashSet<string>(StringComparer.Ordinal)
    {
        "mobility.long_commuter", "mobility.short_commuter", "mobility.green_commuter", "mobility.public_transports_user",
        "mobility.die_hard_driver", "lifestyle.sportive", "lifestyle.resto_lover", "lifestyle.culture_buff", "behavior.shopaholic",
        "lifestyle.clubber", "lifestyle.student", "behavior.nightworker", "behavior.homeworker", "lifestyle.fulltime_worker",
        "driver_behavior.aggressive_driver", "driver_behavior.illegal_driver", "driver_behavior.distracted_driver",
    };

    /// <summary>Within this distance of a stay's centre, the nearest point of interest is its place candidate.</summary>
    private const double PoiSnapMeters = 60;

    public static string Evaluate(int users, int days, int seed, Gazetteer? gazetteer, bool perUser, CancellationToken ct)
    {
        var run = MobilitySimulator.Simulate(new SimulationOptions { Users = Math.Max(1, users), Days = Math.Max(1, days), Seed = seed, InjectAnomalies = true });
        var pois = new PoiIndex(run.City.PointsOfInterest);
        gazetteer ??= RegionGazetteer(run.City);
        var results = new ConcurrentDictionary<int, (InsightCounts Counts, JsonObject Detail)>();
        Parallel.ForEach(run.Users, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, user =>
        {
            results[user.Index] = EvaluateUser(run, user, pois, gazetteer);
        });

        var total = results.OrderBy(r => r.Key).Select(r => r.Value.Counts).Aggregate(new InsightCounts(), InsightCounts.Add);
        var json = new JsonObject
        {
            ["segment_precision"] = Math.Round(total.SegmentPrecision, 4),
            ["segment_recall"] = Math.Round(total.SegmentRecall, 4),
            ["moment_accuracy"] = Math.Round(total.MomentAccuracy, 4),
            ["anomaly_recall"] = Math.Round(total.AnomalyRecall, 4),
            ["false_anomalies_per_user_month"] = Math.Round(total.FalseAnomaliesPerUserMonth, 4),
            ["segments"] = new JsonObject { ["predicted"] = total.PredictedSegments, ["expected"] = total.ExpectedSegments, ["correct"] = total.TruePositiveSegments },
            ["anomalies"] = new JsonObject { ["injected"] = total.InjectedAnomalies, ["found"] = total.FoundAnomalies, ["false_days"] = total.FalseAnomalyDays, ["judged_days"] = total.JudgedDays },
            ["simulation"] = new JsonObject { ["users"] = run.Users.Count, ["days"] = days, ["seed"] = seed },
            ["compute_ms"] = new JsonObject
            {
                ["median"] = Median([.. results.Values.Select(r => r.Detail["compute_ms"]!.GetValue<double>())]),
                ["max"] = results.Values.Max(r => r.Detail["compute_ms"]!.GetValue<double>()),
            },
        };
        if (perUser)
        {
            json["users"] = new JsonArray([.. results.OrderBy(r => r.Key).Select(r => (JsonNode)r.Value.Detail)]);
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }

    private static (InsightCounts, JsonObject) EvaluateUser(SimulationRun run, SimulatedUser user, PoiIndex pois, Gazetteer gazetteer)
    {
        var options = TimelineOptions.Default;
        var (fixes, activities, truth) = user.CollectTrack();
        var zone = user.TimeZoneId;
        var now = run.End;

        // What the platform would know: the timeline engine's stays and legs, places from the stays.
        var segments = TimelineBuilder.Build(FixCleaner.Clean(fixes, options), activities, options);
        var stays = segments.Where(s => s.Kind == EventKind.Stationary).ToList();
        var places = PlaceDetector.Detect([.. stays.Select(s => new StayVisit(s.StartMs, s.EndMs, s.Latitude, s.Longitude))], zone);
        var events = segments.Select(s => s.Kind == EventKind.Stationary
            ? Stay(s.StartMs, s.EndMs, s.Latitude, s.Longitude, PlaceDetector.PlaceOf(places, s.Latitude, s.Longitude)?.Significance ?? Significances.NonRegular,
                pois.Candidate(s.Latitude, s.Longitude), gazetteer, zone)
            : Transport(s.StartMs, s.EndMs, s.Mode ?? TransportModes.InsufficientData, s.DistanceMeters, zone)).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = InsightEngine.Compute(events, zone, now, run.Start);
        var computeMs = watch.Elapsed.TotalMilliseconds;

        // The truth through the same moment rules: true stays with their true kinds and categories.
        var kinds = truth.Places.ToDictionary(p => p.PlaceId, p => p, StringComparer.Ordinal);
        var truthEvents = truth.Stays.Select(s =>
            {
                var place = kinds[s.PlaceId];
                var significance = place.Kind == PlaceKinds.Home ? Significances.Home : place.Kind == PlaceKinds.Work ? Significances.Work : Significances.Regular;
                return Stay(s.Start.ToUnixTimeMilliseconds(), s.End.ToUnixTimeMilliseconds(), s.Latitude, s.Longitude, significance,
                    pois.Candidate(s.Latitude, s.Longitude), gazetteer, zone);
            })
            .Concat(truth.Transports.Select(t => Transport(t.Start.ToUnixTimeMilliseconds(), t.End.ToUnixTimeMilliseconds(), t.Mode, t.DistanceMeters, zone)))
            .ToList();
        var truthTimeline = InsightTimeline.From(truthEvents, zone, now, now - InsightEngine.History);
        var truthMoments = MomentDetector.Detect(truthTimeline, run.Start);

        var timeline = InsightTimeline.From(events, zone, now, now - InsightEngine.History);
        var judged = AnomalyDetector.JudgedDays(timeline, run.Start).Count();
        var predictedIds = result.Segments.Select(s => s.DefinitionId).ToList();
        var counts = InsightScorer.Segments(predictedIds, truth.ExpectedSegments, Assessed)
            + InsightScorer.Moments(result.Moments, truthMoments, run.Start, now)
            + InsightScorer.Anomalies(result.Anomalies, [.. truth.Anomalies.Select(a => a.Date)], timeline.LocalDay, judged);
        var detail = new JsonObject
        {
            ["user"] = truth.ExternalId,
            ["persona"] = truth.Persona,
            ["expected"] = new JsonArray([.. truth.ExpectedSegments.Where(Assessed.Contains).Select(s => (JsonNode)s)]),
            ["predicted"] = new JsonArray([.. predictedIds.Where(Assessed.Contains).Select(s => (JsonNode)s)]),
            ["moment_accuracy"] = Math.Round(InsightScorer.Moments(result.Moments, truthMoments, run.Start, now).MomentAccuracy, 4),
            ["injected"] = new JsonArray([.. truth.Anomalies.Select(a => (JsonNode)string.Create(CultureInfo.InvariantCulture, $"{a.Date:yyyy-MM-dd} {a.Kind}"))]),
            ["anomalies"] = new JsonArray([.. result.Anomalies.Select(a => (JsonNode)string.Create(CultureInfo.InvariantCulture,
                $"{timeline.LocalDay(a.Start):yyyy-MM-dd}|{a.Name}|{a.DayPart}|{a.LocationSignificance}{a.TransportMode}{a.TransportModeCategory}|{a.Sigma:F2}|{a.Observed:F0}|{a.Expected:F0}"))]),
            ["moments"] = new JsonObject([.. result.Moments.GroupBy(m => m.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]),
            ["active_moments"] = new JsonArray([.. result.Moments.Where(m => m.End is null).Select(m => (JsonNode)(m.DefinitionId + " " + (m.CityName ?? m.CountryName ?? "")))]),
            ["explanations"] = new JsonArray([.. result.Segments.Select(s => (JsonNode)(s.DefinitionId + ": " + s.ExplanationYou))]),
        };
        detail["compute_ms"] = Math.Round(computeMs, 1);
        return (counts, detail);
    }

    private static TimelineEvent Stay(long startMs, long endMs, double latitude, double longitude, string significance, PlaceCandidate? place, Gazetteer gazetteer, string zone)
    {
        var town = gazetteer.Nearest(latitude, longitude);
        var address = town is null ? null : new Address(town.CountryName, town.Name, town.CityType);
        return new TimelineEvent(Id("stay", startMs), EventKind.Stationary, DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs),
            zone, AnalysisType.Processed, new StationaryDetails(latitude, longitude, significance, place, address), null);
    }

    private static TimelineEvent Transport(long startMs, long endMs, string mode, double meters, string zone) =>
        new(Id("transport", startMs), EventKind.Transport, DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs),
            zone, AnalysisType.Processed, null, new TransportDetails(mode, (long)Math.Round(meters), null));

    private static string Id(string kind, long startMs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind}|{startMs}"))));

    /// <summary>The simulated region as a gazetteer: the city (at Brussels' coordinates by default), the town and the resort.</summary>
    private static Gazetteer RegionGazetteer(SyntheticCity city) => Gazetteer.FromPlaces(
    [
        new GazetteerPlace(1, "Brussels", "Brussels", "BE", "Belgium", null, 1_200_000, "PPLC", "Europe/Brussels", city.CentreLatitude, city.CentreLongitude, "city"),
        new GazetteerPlace(2, city.TownName, city.TownName, "BE", "Belgium", null, 30_000, "PPL", "Europe/Brussels", city.TownLatitude, city.TownLongitude, "town"),
        new GazetteerPlace(3, city.CoastName, city.CoastName, "BE", "Belgium", null, 20_000, "PPL", "Europe/Brussels", city.CoastLatitude, city.CoastLongitude, "town"),
    ]);

    /// <summary>Points of interest on a grid of about 200 m cells for nearest lookups.</summary>
    private sealed class PoiIndex
    {
        private const double Cell = 0.002;
        private readonly Dictionary<(int, int), List<PointOfInterest>> _cells = [];

        public PoiIndex(IEnumerable<PointOfInterest> pois)
        {
            foreach (var p in pois)
            {
                var key = Key(p.Latitude, p.Longitude);
                if (!_cells.TryGetValue(key, out var list))
                {
                    _cells[key] = list = [];
                }

                list.Add(p);
            }
        }

        public PlaceCandidate? Candidate(double latitude, double longitude)
        {
            var (x, y) = Key(latitude, longitude);
            PointOfInterest? best = null;
            var bestMeters = PoiSnapMeters;
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    foreach (var p in _cells.GetValueOrDefault((x + dx, y + dy)) ?? [])
                    {
                        var d = GeoMath.ApproxDistanceMeters(latitude, longitude, p.Latitude, p.Longitude);
                        if (d < bestMeters)
                        {
                            best = p;
                            bestMeters = d;
                        }
                    }
                }
            }

            if (best is null)
            {
                return null;
            }

            // Broad to specific: the OSM key, its value, then a cuisine when there is one.
            var kind = best.Tags[0];
            var categories = new List<string> { kind.Key, kind.Value };
            categories.AddRange(best.Tags.Where(t => t.Key == "cuisine").Select(t => t.Value));
            return new PlaceCandidate(best.Name, categories);
        }

        private static (int, int) Key(double latitude, double longitude) => ((int)Math.Floor(latitude / Cell), (int)Math.Floor(longitude / Cell));
    }
}
