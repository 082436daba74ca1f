using System.CommandLine;
using System.Globalization;
using Itinera.Core.Evaluation;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera eval …</c>: accuracy of the algorithms on real labelled data, printed as JSON. Results and their
/// definitions are in docs/accuracy.md.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var eval = new Command("eval", "Measure accuracy on labelled data.");
        eval.Subcommands.Add(Timeline());
        eval.Subcommands.Add(EvalDrivingCommand.Create());
        eval.Subcommands.Add(Insights());
        eval.Subcommands.Add(Stays());
        return eval;
    }

    private static Command Stays()
    {
        var geolife = new Option<DirectoryInfo[]>("--geolife") { Description = "A folder of GeoLife users (Trajectory/*.plt; labels not needed); may repeat." };
        var reference = new Option<FileInfo>("--reference") { Description = "The other engine's stay points: a trackintel staypoints CSV.", Required = true };
        var perUser = new Option<bool>("--per-user") { Description = "Also print each user's figures." };
        var command = new Command("stays", "Compare the engine's stays with another engine's stay points on real data without stay labels.")
        {
            geolife, reference, perUser,
        };
        command.SetAction((result, ct) =>
        {
            var folders = result.GetValue(geolife) ?? [];
            var referenceFile = result.GetValue(reference)!;
            if (folders.Length == 0 || !referenceFile.Exists)
            {
                return Task.FromResult(CliContext.Fail(result, folders.Length == 0 ? "Give at least one --geolife DIR." : "The reference file does not exist: " + referenceFile.FullName));
            }

            IReadOnlyList<ReferenceStay> referenceStays;
            using (var reader = referenceFile.OpenText())
            {
                referenceStays = ReferenceStays.ReadTrackintelCsv(reader);
            }

            var byUser = referenceStays.ToLookup(r => r.UserId, StringComparer.Ordinal);
            var options = TimelineOptions.Default;
            var scores = new List<StayAgreementScore>();
            foreach (var (userId, plts) in folders.SelectMany(f => GeoLifeDataset.EnumerateTrajectories(f.FullName)).Where(u => byUser.Contains(u.UserId)))
            {
                ct.ThrowIfCancellationRequested();
                var fixes = FixCleaner.Clean(GeoLifeDataset.ReadFixes(plts), options);
                List<FoundStay> found = [.. TimelineBuilder.Build(fixes, null, options)
                    .Where(s => s.Kind == EventKind.Stationary)
                    .Select(s => new FoundStay(DateTimeOffset.FromUnixTimeMilliseconds(s.StartMs), DateTimeOffset.FromUnixTimeMilliseconds(s.EndMs), s.Latitude, s.Longitude))];
                scores.Add(StayAgreement.Score(userId, found, [.. byUser[userId]]));
            }

            if (scores.Count == 0)
            {
                return Task.FromResult(CliContext.Fail(result, "No GeoLife user in the given folders has stay points in the reference file."));
            }

            var json = StayAgreementJson(StayAgreementScore.Combine(scores));
            json["users"] = scores.Count;
            if (result.GetValue(perUser))
            {
                json["per_user"] = new System.Text.Json.Nodes.JsonArray([.. scores.Select(StayAgreementJson)]);
            }

            Console.Out.WriteLine(json.ToJsonString());
            return Task.FromResult(0);
        });
        return command;
    }

    private static System.Text.Json.Nodes.JsonObject StayAgreementJson(StayAgreementScore score) => new()
    {
        ["user"] = score.UserId,
        ["window_hours"] = Math.Round(score.WindowHours, 3),
        ["reference_activities"] = score.ReferenceActivities,
        ["reference_activities_found"] = score.ReferenceActivitiesFound,
        ["reference_recall"] = Rounded(score.ReferenceRecall),
        ["stays"] = score.Stays,
        ["stays_confirmed"] = score.StaysConfirmed,
        ["stay_confirmation"] = Rounded(score.StayConfirmation),
        ["stay_time_iou"] = Rounded(score.StayTimeIntersectionOverUnion),
        ["centre_distance_median_m"] = score.CentreDistanceMedianMeters is { } d ? Math.Round(d, 1) : null,
    };

    private static double? Rounded(double? ratio) => ratio is { } r ? Math.Round(r, 4) : null;

    private static Command Insights()
    {
        var sim = new Option<bool>("--sim") { Description = "Score against simulated users with ground truth (the only source for now)." };
        var users = new Option<int>("--users") { Description = "Simulated users.", DefaultValueFactory = _ => 30 };
        var days = new Option<int>("--days") { Description = "Simulated days.", DefaultValueFactory = _ => 63 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };
        var perUser = new Option<bool>("--per-user") { Description = "Also print each user's segments, moments and anomalies." };
        var gazetteer = new Option<string?>("--gazetteer") { Description = "Folder of a GeoNames gazetteer for addresses (default: $ITINERA_GAZETTEER, else the simulated region's names)." };
        var command = new Command("insights", "Score segments, routine moments and anomalies against simulated truth.")
        {
            sim, users, days, seed, perUser, gazetteer,
        };
        command.SetAction((result, ct) =>
        {
            if (!result.GetValue(sim))
            {
                return Task.FromResult(CliContext.Fail(result, "Give --sim: insights are scored against simulated users."));
            }

            var places = Core.Places.Geocoding.Gazetteer.TryLoad(result.GetValue(gazetteer) ?? Environment.GetEnvironmentVariable("ITINERA_GAZETTEER"));
            Console.Out.WriteLine(SimulatedInsights.Evaluate(result.GetValue(users), result.GetValue(days), result.GetValue(seed), places, result.GetValue(perUser), ct));
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Timeline()
    {
        var geolife = new Option<DirectoryInfo[]>("--geolife")
        {
            Description = "A folder of GeoLife users (each with Trajectory/*.plt and labels.txt or labels_nowalk.txt); may repeat.",
            AllowMultipleArgumentsPerToken = false,
        };
        var perUser = new Option<bool>("--per-user") { Description = "Also print each user's figures." };
        var sim = new Option<bool>("--sim") { Description = "Score against simulated users with ground truth instead of GeoLife." };
        var simUsers = new Option<int>("--users") { Description = "Simulated users (--sim).", DefaultValueFactory = _ => 20 };
        var days = new Option<int>("--days") { Description = "Simulated days (--sim).", DefaultValueFactory = _ => 28 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed (--sim).", DefaultValueFactory = _ => 1 };
        var model = new Option<string>("--model")
        {
            Description = "Mode classifier: 'rules' (the engine's default), a model file from 'itinera train modes', or 'loo' (GeoLife: a model retrained for each user without that user).",
            DefaultValueFactory = _ => "rules",
        };
        var trainSimUsers = new Option<int>("--train-sim-users")
        {
            Description = "With --model loo: simulated users added to the training examples (the shipped recipe's number by default).",
            DefaultValueFactory = _ => TrainingRecipe.Default.SimUsers,
        };
        var withMap = new Option<bool>("--with-map") { Description = "With --sim: give the engine the city's roads and railways, as after `itinera map import`." };
        var command = new Command("timeline", "Score stays, transports, modes and home/work against GeoLife's labels or simulated truth.")
        {
            geolife, perUser, sim, simUsers, days, seed, model, trainSimUsers, withMap,
        };
        command.SetAction((result, ct) =>
        {
            var modelChoice = result.GetValue(model) ?? "rules";
            if (result.GetValue(sim))
            {
                if (modelChoice == "loo")
                {
                    return Task.FromResult(CliContext.Fail(result, "--model loo is for GeoLife; with --sim, train on one seed and evaluate another."));
                }

                var simOptions = TimelineOptions.Default with { ModeModel = FixedModel(modelChoice) };
                Console.Out.WriteLine(SimulatedTimeline.Evaluate(result.GetValue(simUsers), result.GetValue(days), result.GetValue(seed), result.GetValue(perUser), ct, simOptions, result.GetValue(withMap)));
                return Task.FromResult(0);
            }

            var folders = result.GetValue(geolife) ?? [];
            if (folders.Length == 0)
            {
                return Task.FromResult(CliContext.Fail(result, "Give at least one --geolife DIR, or --sim."));
            }

            var users = folders.SelectMany(f => GeoLifeDataset.EnumerateUsers(f.FullName)).ToList();
            if (users.Count == 0)
            {
                return Task.FromResult(CliContext.Fail(result, "No GeoLife users (folders with Trajectory/ and labels) were found."));
            }

            // Leave-one-user-out: the shipped recipe's examples (every user given, plus simulated users), retrained
            // without the user being scored.
            var training = modelChoice == "loo"
                ? [.. TrainingRecipe.GeoLifeSamples(users, ct), .. (TrainingRecipe.Default with { SimUsers = result.GetValue(trainSimUsers) }).SimulationSamples(ct)]
                : new List<ModeSample>();
            var fixedModel = modelChoice == "loo" ? null : FixedModel(modelChoice);
            var scores = new List<UserTimelineScore>();
            foreach (var user in users)
            {
                ct.ThrowIfCancellationRequested();
                var fixes = GeoLifeDataset.ReadFixes(user.PltFiles);
                var userModel = modelChoice == "loo" ? ModeTrainingSet.Train([.. training.Where(t => t.Source != "geolife/" + user.UserId)]) : fixedModel;
                var predicted = Predict(fixes, TimelineOptions.Default with { ModeModel = userModel });
                var coverage = GpsCoverage.FromTimestamps(fixes.Select(f => f.TimestampMs));
                scores.Add(TimelineScorer.Score(user.Legs, predicted, user.CreateScoringOptions(coverage)) with { UserId = user.UserId });
            }

            var total = TimelineScore.Combine(scores);
            var json = TimelineScoreJson.Serialize(result.GetValue(perUser) ? total : total with { Users = [] }, indented: false);
            Console.Out.WriteLine(result.GetValue(CliContext.JsonOption)
                ? json
                : string.Create(CultureInfo.InvariantCulture,
                    $"{users.Count} users, {total.LabelledHours:F1} labelled hours: mode accuracy {total.ModeAccuracy:F3}, coarse {total.CoarseModeAccuracy:F3}, segmentation recall {total.SegmentationRecall:F3}, precision {total.SegmentationPrecision:F3}, median boundary error {total.BoundaryErrorMedianSeconds:F0} s\n{json}"));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The model named by <c>--model</c>: <c>rules</c> (none) or a file.</summary>
    private static ModeModel? FixedModel(string choice) => choice == "rules" ? null : ModeModel.LoadFile(choice);

    /// <summary>The timeline engine's segments as the scorer's predictions.</summary>
    internal static List<PredictedSegment> Predict(IReadOnlyList<Core.Ingestion.Fix> fixes, TimelineOptions options) =>
        ToPredictions(TimelineBuilder.Build(FixCleaner.Clean(fixes, options), null, options));

    /// <summary>The engine's segments as the scorer's predictions.</summary>
    internal static List<PredictedSegment> ToPredictions(IEnumerable<TimelineSegment> segments) =>
        [.. segments.Select(s => s.Kind == EventKind.Stationary
            ? PredictedSegment.Stay(DateTimeOffset.FromUnixTimeMilliseconds(s.StartMs), DateTimeOffset.FromUnixTimeMilliseconds(s.EndMs))
            : PredictedSegment.Transport(DateTimeOffset.FromUnixTimeMilliseconds(s.StartMs), DateTimeOffset.FromUnixTimeMilliseconds(s.EndMs), s.Mode))];
}
