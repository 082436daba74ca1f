using Itinera.Core.Driving.Detection;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Tests.Driving.Detection;

public sealed class SpeedingDetectorTests
{
    private const long T0 = 1_700_000_000_000;

    private static Fix At(int second, double kmh) => new(T0 + second * 1000L, 50.85, 4.35, SpeedMetersPerSecond: kmh / 3.6);

    [Fact]
    public void TheShare_IsDrivingTimeOverTheLimit_AndLongStretchesBecomeIntervals()
    {
        // 0–59 s at 45 km/h, 60–79 s at 60 km/h (over 50), 80–99 s at 45, then 20 s stopped.
        var fixes = Enumerable.Range(0, 120).Select(s => At(s, s < 60 ? 45 : s < 80 ? 60 : s < 100 ? 45 : 0)).ToList();
        var limits = fixes.Select(_ => (double?)50).ToList();

        var result = SpeedingDetector.Detect(fixes, limits);

        Assert.Equal(100, result.DrivingSeconds, 3);
        Assert.Equal(20, result.SpeedingSeconds, 3);
        Assert.Equal(0.2, result.Share!.Value, 6);
        var interval = Assert.Single(result.Intervals);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T0 + 60_000), interval.Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T0 + 80_000), interval.End);
        Assert.Equal(50, interval.LimitKmh);
        Assert.Equal(60, interval.MaxSpeedKmh);
    }

    [Fact]
    public void ASingleFixSpike_IsRemovedByTheMedian_AndExactlyTheLimitIsNotSpeeding()
    {
        var fixes = Enumerable.Range(0, 60).Select(s => At(s, s == 30 ? 90 : 50)).ToList();

        var result = SpeedingDetector.Detect(fixes, [.. fixes.Select(_ => (double?)50)]);

        Assert.Equal(0, result.SpeedingSeconds);
        Assert.Empty(result.Intervals);
    }

    [Fact]
    public void UnknownLimitsAndGaps_CountNeitherWay()
    {
        var fixes = Enumerable.Range(0, 30).Select(s => At(s, 70))
            .Concat(Enumerable.Range(100, 30).Select(s => At(s, 70))).ToList();
        var limits = fixes.Select(f => f.TimestampMs < T0 + 15_000 ? null : (double?)50).ToList();

        var result = SpeedingDetector.Detect(fixes, limits);

        // Fixes 15–28 stand for 14 s (the step from 29 to 100 is a gap), fixes 100–128 for 29 s.
        Assert.Equal(43, result.DrivingSeconds, 3);
        Assert.Equal(43, result.SpeedingSeconds, 3);
        Assert.Equal(2, result.Intervals.Count);
    }

    [Fact]
    public void ToleranceIsConfigurable_AndShortStretchesCountInTheShareOnly()
    {
        var fixes = Enumerable.Range(0, 60).Select(s => At(s, s is >= 20 and < 23 ? 60 : s is >= 40 and < 50 ? 53 : 45)).ToList();
        var limits = fixes.Select(_ => (double?)50).ToList();

        var strict = SpeedingDetector.Detect(fixes, limits);
        var tolerant = SpeedingDetector.Detect(fixes, limits, SpeedingOptions.Default with { ToleranceKmh = 5 });

        Assert.Equal(13, strict.SpeedingSeconds, 3);
        Assert.Single(strict.Intervals); // the 3 s stretch is shorter than MinIntervalMs
        Assert.Equal(3, tolerant.SpeedingSeconds, 3);
        Assert.Empty(tolerant.Intervals);
    }

    [Fact]
    public void OneLimitPerFix_IsRequired()
    {
        Assert.Throws<ArgumentException>(() => SpeedingDetector.Detect([At(0, 50)], []));
    }
}
