using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Tests.Timeline.Detection;

public sealed class GradientBoostedTreesTests
{
    private static (List<double[]> Samples, List<int> Labels) ThreeBands(int seed, int count)
    {
        // Class by the first feature's band; the second feature is noise.
        var random = new Random(seed);
        var samples = new List<double[]>();
        var labels = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var x = random.NextDouble() * 30;
            samples.Add([x, random.NextDouble()]);
            labels.Add(x < 10 ? 0 : x < 20 ? 1 : 2);
        }

        return (samples, labels);
    }

    [Fact]
    public void ALearnableRule_IsLearnedAndGeneralisesToNewSamples()
    {
        var (samples, labels) = ThreeBands(1, 600);
        var model = GradientBoostedTrees.Train(samples, labels, ["slow", "medium", "fast"], ["speed", "noise"], new BoostingOptions { Rounds = 40 });
        var (test, truth) = ThreeBands(2, 300);
        var correct = test.Select((x, i) => model.Predict(x) == model.Classes[truth[i]]).Count(ok => ok);
        Assert.True(correct >= 290, $"{correct} of 300");
    }

    [Fact]
    public void Training_IsDeterministic()
    {
        var (samples, labels) = ThreeBands(3, 200);
        var a = GradientBoostedTrees.Train(samples, labels, ["a", "b", "c"], ["x", "y"], new BoostingOptions { Rounds = 10 });
        var b = GradientBoostedTrees.Train(samples, labels, ["a", "b", "c"], ["x", "y"], new BoostingOptions { Rounds = 10 });
        Assert.Equal(a.Prior, b.Prior);
        Assert.Equal(a.Trees.SelectMany(r => r.SelectMany(t => t.Threshold)), b.Trees.SelectMany(r => r.SelectMany(t => t.Threshold)));
    }

    [Fact]
    public void AModeModel_SurvivesSavingAndLoading()
    {
        var (samples, labels) = ThreeBands(4, 200);
        var names = ModeModel.FeatureNames.ToArray();
        var widened = samples.Select(s => s.Concat(Enumerable.Repeat(0.0, names.Length - 2)).ToArray()).ToList();
        var model = new ModeModel(GradientBoostedTrees.Train(widened, labels, ["walking", "biking", "car"], names, new BoostingOptions { Rounds = 5 }));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = ModeModel.Load(stream);
        Assert.All(widened, x => Assert.Equal(model.Trees.Predict(x), loaded.Trees.Predict(x)));
    }

    [Fact]
    public void AModeModelsMapFeatures_AreMinusOneWhereTheLegHasNoMapContext()
    {
        var leg = new LegFeatures(900, 8000, 8.9, 9, 13, 14, 0.2, 1.8, 0, 900, 0, 0, 0.9);
        var names = ModeModel.FeatureNames.ToList();
        var without = ModeModel.Vector(leg);
        var with = ModeModel.Vector(leg with { RoadShare = 1, BusStopsServedShare = 0.75 });

        Assert.Equal(names.Count, without.Length);
        Assert.Equal(ModeModel.Missing, without[names.IndexOf("bus_stops_served_share")]);
        Assert.Equal(ModeModel.Missing, without[names.IndexOf("road_share")]);
        Assert.Equal((1.0, 0.75), (with[names.IndexOf("road_share")], with[names.IndexOf("bus_stops_served_share")]));
    }

    [Fact]
    public void AModeModelTrainedBeforeTheMapFeatures_StillClassifiesFromItsOwnFeatures()
    {
        var (samples, labels) = ThreeBands(5, 200);
        var oldNames = ModeModel.FeatureNames.Take(21).ToArray();
        var widened = samples.Select(s => s.Concat(Enumerable.Repeat(0.0, oldNames.Length - 2)).ToArray()).ToList();
        var model = new ModeModel(GradientBoostedTrees.Train(widened, labels, ["walking", "biking", "car"], oldNames, new BoostingOptions { Rounds = 5 }));
        var leg = new LegFeatures(900, 8000, 8.9, 9, 13, 14, 0.2, 1.8, 0, 900, 0, 0, 0.9);

        Assert.Contains(model.Classify(leg), model.Trees.Classes);
    }
}
