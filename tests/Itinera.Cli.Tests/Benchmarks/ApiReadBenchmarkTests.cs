namespace Itinera.Cli.Tests.Benchmarks;

/// <summary><c>itinera bench api</c> reads every client-facing endpoint successfully for both users (it fails on any
/// error response). Its figures are for docs/benchmarks.md, not asserted here.</summary>
public sealed class ApiReadBenchmarkTests
{
    [Fact]
    public async Task TheReadBenchmark_ReadsEveryEndpointForBothUsers()
    {
        var figures = await CliRunner.JsonAsync("bench", "api", "--history-days", "31", "--seconds", "0.5", "--clients", "2");

        Assert.True(figures.GetProperty("requests").GetInt64() > 0);
        var endpoints = figures.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("endpoint").GetString()).ToList();
        var recent = figures.GetProperty("recent_user_endpoints").EnumerateArray().Select(e => e.GetProperty("endpoint").GetString()).ToList();
        foreach (var expected in new[] { "events of a day", "trajectory", "behavior scores", "behavior annotations", "location clusters", "car behavior", "segments", "moments of a day", "aggregated scores of a day" })
        {
            Assert.Contains(expected, endpoints);
            Assert.Contains(expected, recent);
        }
    }
}
