namespace Itinera.Cli.Tests.Training;

/// <summary><c>itinera train modes</c> writes a model that evaluation and processing load.</summary>
public sealed class TrainModesCommandTests
{
    [Fact]
    public async Task ATrainedModel_IsWrittenAndUsedByTheTimelineEvaluation()
    {
        var model = Path.Combine(Path.GetTempPath(), "modes-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var trained = await CliRunner.JsonAsync("train", "modes", "--sim-users", "3", "--sim-days", "4", "--sim-seed", "2", "--out", model);
            Assert.True(trained.GetProperty("examples").GetInt32() > 20);
            Assert.True(trained.GetProperty("per_class").TryGetProperty("walking", out _));
            Assert.True(new FileInfo(model).Length > 1000);

            var scored = await CliRunner.JsonAsync("eval", "timeline", "--sim", "--users", "2", "--days", "3", "--seed", "5", "--model", model);
            Assert.InRange(scored.GetProperty("mode_accuracy").GetDouble(), 0.2, 1.0);
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public async Task WithMap_TrainingAndEvaluationSeeTheSimulatedCitysMap()
    {
        var model = Path.Combine(Path.GetTempPath(), "modes-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            string[] recipe = ["train", "modes", "--sim-users", "2", "--sim-days", "2", "--sim-seed", "4", "--out", model];
            var without = await CliRunner.JsonAsync(recipe);
            var with = await CliRunner.JsonAsync([.. recipe, "--with-map"]);
            // With the map each simulated leg is also seen with map context: a second set of examples.
            Assert.True(with.GetProperty("examples").GetInt32() > without.GetProperty("examples").GetInt32());

            var scored = await CliRunner.JsonAsync("eval", "timeline", "--sim", "--users", "1", "--days", "1", "--seed", "5", "--with-map");
            Assert.True(scored.GetProperty("simulation").GetProperty("map_context").GetBoolean());
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public async Task AMissingModelFile_IsAOneLineError()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("eval", "timeline", "--sim", "--users", "1", "--days", "1", "--model", "/nonexistent/model.json");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("model.json", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
