namespace Itinera.Cli.Tests.Benchmarks;

/// <summary><c>itinera bench history</c> runs end to end on a short history. Its figures are for docs/benchmarks.md,
/// not asserted here.</summary>
public sealed class HistoryBenchmarkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AShortHistory_IsTimedDayByDayForBothUsers(bool wallClock)
    {
        string[] args = ["bench", "history", "--history-days", "3", "--days", "2", .. wallClock ? new[] { "--wall-clock" } : []];

        var figures = await CliRunner.JsonAsync(args);

        Assert.Equal(3, figures.GetProperty("history_days").GetInt32());
        Assert.Equal(2, figures.GetProperty("with_history_ms").GetArrayLength());
        Assert.Equal(2, figures.GetProperty("new_user_ms").GetArrayLength());
        Assert.True(figures.GetProperty("history_fixes").GetInt64() > 0);
        Assert.True(figures.GetProperty("ratio").GetDouble() > 0);
    }
}
