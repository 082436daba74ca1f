using System.Text.Json;
using System.Text.Json.Nodes;
using Itinera.Core.Evaluation;
using Itinera.Core.Geo;
using Itinera.Core.Places.Detection;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera eval timeline --sim</c>: simulates users in-process and scores the timeline engine against their
/// truth: modes and segmentation (as for GeoLife, every truth transport a labelled leg), stays (F1) and home/work.
/// </summary>
internal static class SimulatedTimeline
{
    /// <summary>A truth stay counts when it lasts at least this long (shorter ones are below the engine's definition of a stay).</summary>
    private static readonly TimeSpan MinStay = TimeSpan.FromMinutes(5);

    /// <param name="withMap">Give the engine the city's map as context (roads and railways), as after a map import.</param>
    public static string Evaluate(int users, int days, int seed, bool perUser, CancellationToken ct, TimelineOptions? options = null, bool withMap = false)
    {
        var run = MobilitySimulator.Simulate(new SimulationOptions { Users = Math.Max(1, users), Days = Math.Max(1, days), Seed = seed });
        options ??= TimelineOptions.Default;
        if (withMap)
        {
            options = options with { Networks = SimulatedCityMap.Networks(run.City) };
        }
        var scores = new List<UserTimelineScore>();
        int truthStays = 0, foundStays = 0, predictedStays = 0, correctStays = 0, homeWorkCorrect = 0;
        foreach (var user in run.Users)
        {
            ct.ThrowIfCancellationRequested();
            var (fixes, activities, userTruth) = user.CollectTrack();
            var cleaned = FixCleaner.Clean(fixes, options);
            var segments = TimelineBuilder.Build(cleaned, activities, options);
            var predicted = EvalCommand.ToPredictions(segments);
            var legs = userTruth.Transports.Select(t => new LabelledLeg(t.Start, t.End, t.Mode)).ToList();
            scores.Add(TimelineScorer.Score(legs, predicted, new ScoringOptions { LabelToMode = static m => m }) with { UserId = userTruth.ExternalId });

            var stays = segments.Where(s => s.Kind == EventKind.Stationary).ToList();
            var longTruth = userTruth.Stays.Where(t => t.End - t.Start >= MinStay).ToList();
            truthStays += longTruth.Count;
            foundStays += longTruth.Count(t => stays.Any(p => Overlap(At(p.StartMs), At(p.EndMs), t.Start, t.End) >= 0.5 * (t.End - t.Start).TotalSeconds));
            predictedStays += stays.Count;
            correctStays += stays.Count(p => userTruth.Stays.Any(t => Overlap(At(p.StartMs), At(p.EndMs), t.Start, t.End) >= 0.5 * (p.EndMs - p.StartMs) / 1000.0));

            var places = PlaceDetector.Detect([.. stays.Select(s => new StayVisit(s.StartMs, s.EndMs, s.Latitude, s.Longitude))], user.TimeZoneId);
            var home = places.FirstOrDefault(p => p.Significance == Significances.Home);
            var work = places.FirstOrDefault(p => p.Significance == Significances.Work);
            var truthHome = userTruth.Places.FirstOrDefault(p => p.Kind == PlaceKinds.Home);
            var truthWork = userTruth.Places.FirstOrDefault(p => p.Kind == PlaceKinds.Work);
            if (Same(home, truthHome) && Same(work, truthWork))
            {
                homeWorkCorrect++;
            }
        }

        var total = TimelineScore.Combine(scores);
        var json = JsonNode.Parse(TimelineScoreJson.Serialize(perUser ? total : total with { Users = [] }, indented: false))!.AsObject();
        var precision = predictedStays == 0 ? 0 : (double)correctStays / predictedStays;
        var recall = truthStays == 0 ? 0 : (double)foundStays / truthStays;
        json["stay_precision"] = Math.Round(precision, 4);
        json["stay_recall"] = Math.Round(recall, 4);
        json["stay_f1"] = precision + recall == 0 ? 0 : Math.Round(2 * precision * recall / (precision + recall), 4);
        json["home_work_accuracy"] = Math.Round((double)homeWorkCorrect / run.Users.Count, 4);
        json["simulation"] = new JsonObject { ["users"] = run.Users.Count, ["days"] = days, ["seed"] = seed, ["map_context"] = withMap };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static double Overlap(DateTimeOffset a0, DateTimeOffset a1, DateTimeOffset b0, DateTimeOffset b1)
    {
        var start = a0 > b0 ? a0 : b0;
        var end = a1 < b1 ? a1 : b1;
        return end > start ? (end - start).TotalSeconds : 0;
    }

    /// <summary>Both absent, or within 200 m of each other.</summary>
    private static bool Same(DetectedPlace? found, TruthPlace? truth) =>
        (found is null && truth is null)
        || (found is not null && truth is not null && GeoMath.DistanceMeters(found.Latitude, found.Longitude, truth.Latitude, truth.Longitude) <= 200);
}
