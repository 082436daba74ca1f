using System.CommandLine;
using System.Globalization;
using Itinera.Core.Evaluation;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Cli.Commands;

/// <summary><c>itinera train modes</c>: fits the learned mode classifier, reproducibly.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Fit the learned models from labelled data.");
        train.Subcommands.Add(Modes());
        return train;
    }

    private static Command Modes()
    {
        var geolife = new Option<DirectoryInfo[]>("--geolife") { Description = "Folders of labelled GeoLife users; may repeat.", AllowMultipleArgumentsPerToken = false };
        var simUsers = new Option<int>("--sim-users") { Description = "Simulated users to train on (0: none).", DefaultValueFactory = _ => TrainingRecipe.Default.SimUsers };
        var simDays = new Option<int>("--sim-days") { Description = "Days per simulated user.", DefaultValueFactory = _ => TrainingRecipe.Default.SimDays };
        var simSeed = new Option<int>("--sim-seed") { Description = "Seed of the simulated users.", DefaultValueFactory = _ => TrainingRecipe.Default.SimSeed };
        var withMap = new Option<bool>("--with-map") { Description = "Simulated users are seen with their city's map imported (roads, railways, stops) as well as without." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model (JSON).", Required = true };
        var examples = new Option<FileInfo?>("--examples") { Description = "Also write the training examples as CSV (source, mode, features), for review." };
        var command = new Command("modes", "Train the transport-mode classifier (gradient-boosted trees) on GeoLife labels and simulated truth.")
        {
            geolife, simUsers, simDays, simSeed, withMap, output, examples,
        };
        command.SetAction((result, ct) =>
        {
            var recipe = new TrainingRecipe(result.GetValue(simUsers), result.GetValue(simDays), result.GetValue(simSeed)) { WithMap = result.GetValue(withMap) };
            var samples = new List<ModeSample>();
            foreach (var folder in result.GetValue(geolife) ?? [])
            {
                samples.AddRange(TrainingRecipe.GeoLifeSamples(GeoLifeDataset.EnumerateUsers(folder.FullName), ct));
            }

            samples.AddRange(recipe.SimulationSamples(ct));
            if (samples.Count == 0)
            {
                return Task.FromResult(CliContext.Fail(result, "No training examples: give --geolife DIR and/or --sim-users N."));
            }

            var model = ModeTrainingSet.Train(samples);
            var path = result.GetValue(output)!;
            Directory.CreateDirectory(path.DirectoryName!);
            using (var stream = File.Create(path.FullName))
            {
                model.Save(stream);
            }

            if (result.GetValue(examples) is { } csv)
            {
                WriteExamples(csv, samples);
            }

            var trainingAccuracy = samples.Count(s => model.Trees.Predict(s.Features) == s.Mode) / (double)samples.Count;
            var perClass = samples.GroupBy(s => s.Mode).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            CliContext.Print(result,
                new { examples = samples.Count, per_class = perClass, training_accuracy = Math.Round(trainingAccuracy, 4), model = path.FullName },
                string.Create(CultureInfo.InvariantCulture, $"Trained on {samples.Count} transports ({string.Join(", ", perClass.Select(p => $"{p.Key} {p.Value}"))}); training accuracy {trainingAccuracy:F3}; wrote {path.FullName}."));
            return Task.FromResult(0);
        });
        return command;
    }

    private static void WriteExamples(FileInfo file, List<ModeSample> samples)
    {
        Directory.CreateDirectory(file.DirectoryName!);
        using var writer = new StreamWriter(file.FullName);
        writer.WriteLine("source,mode," + string.Join(',', ModeModel.FeatureNames));
        foreach (var s in samples)
        {
            writer.WriteLine($"{s.Source},{s.Mode},{string.Join(',', s.Features.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
        }
    }
}

/// <summary>
/// How a mode model is trained: every labelled GeoLife user given, plus simulated users of one seed. The GeoLife
/// evaluation retrains with the same recipe minus the user it scores (leave-one-user-out).
/// </summary>
internal sealed record TrainingRecipe(int SimUsers, int SimDays, int SimSeed)
{
    public static TrainingRecipe Default { get; } = new(20, 28, 1);

    /// <summary>Each simulated user gives examples twice: with the city's map imported and without, so that the model
    /// knows legs with and without map context (GeoLife has no map).</summary>
    public bool WithMap { get; init; }

    public static IEnumerable<ModeSample> GeoLifeSamples(IEnumerable<GeoLifeUser> users, CancellationToken ct)
    {
        foreach (var user in users)
        {
            ct.ThrowIfCancellationRequested();
            var fixes = GeoLifeDataset.ReadFixes(user.PltFiles);
            foreach (var sample in ModeTrainingSet.FromLabels("geolife/" + user.UserId, fixes, null, user.Legs, GeoLifeLabels.ToModeName, TimelineOptions.Default))
            {
                yield return sample;
            }
        }
    }

    public List<ModeSample> SimulationSamples(CancellationToken ct)
    {
        var samples = new List<ModeSample>();
        if (SimUsers <= 0 || SimDays <= 0)
        {
            return samples;
        }

        var run = MobilitySimulator.Simulate(new SimulationOptions { Users = SimUsers, Days = SimDays, Seed = SimSeed });
        var mapped = WithMap ? TimelineOptions.Default with { Networks = SimulatedCityMap.Networks(run.City) } : null;
        foreach (var user in run.Users)
        {
            ct.ThrowIfCancellationRequested();
            var (fixes, activities, userTruth) = user.CollectTrack();
            var legs = userTruth.Transports.Select(t => new LabelledLeg(t.Start, t.End, t.Mode)).ToList();
            samples.AddRange(ModeTrainingSet.FromLabels($"sim{SimSeed}/{userTruth.ExternalId}", fixes, activities, legs, static m => m, TimelineOptions.Default));
            if (mapped is not null)
            {
                samples.AddRange(ModeTrainingSet.FromLabels($"sim{SimSeed}-map/{userTruth.ExternalId}", fixes, activities, legs, static m => m, mapped));
            }
        }

        return samples;
    }
}
