using Itinera.Core.Evaluation;

namespace Itinera.Core.Tests.Evaluation;

public sealed class GpsCoverageTests
{
    private static readonly DateTimeOffset T0 = new(2008, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static long Ms(double seconds) => T0.AddSeconds(seconds).ToUnixTimeMilliseconds();

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void FromTimestamps_BridgesGapsUpToTenMinutes_AndSplitsLongerOnes()
    {
        var coverage = GpsCoverage.FromTimestamps([Ms(120), Ms(0), Ms(60), Ms(60), Ms(720), Ms(1400), Ms(1500), Ms(5000)]);

        Assert.Equal([(S(0), S(720)), (S(1400), S(1500))], coverage.Intervals);
        Assert.Equal(TimeSpan.FromSeconds(820), coverage.Total);
    }

    [Fact]
    public void FromTimestamps_HonoursMaxGap()
    {
        var coverage = GpsCoverage.FromTimestamps([Ms(0), Ms(100), Ms(220), Ms(250)], TimeSpan.FromSeconds(100));

        Assert.Equal([(S(0), S(100)), (S(220), S(250))], coverage.Intervals);
    }

    [Fact]
    public void FromTimestamps_EmptyOrIsolated_CoversNothing()
    {
        Assert.Empty(GpsCoverage.FromTimestamps([]).Intervals);
        Assert.Empty(GpsCoverage.FromTimestamps([Ms(0), Ms(0), Ms(5000)]).Intervals);
    }

    [Fact]
    public void FromIntervals_MergesOverlappingAndTouching()
    {
        var coverage = GpsCoverage.FromIntervals([(S(50), S(60)), (S(0), S(10)), (S(10), S(20)), (S(15), S(30)), (S(70), S(70))]);

        Assert.Equal([(S(0), S(30)), (S(50), S(60))], coverage.Intervals);
    }
}
