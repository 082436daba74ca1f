using Itinera.Core.Ingestion;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Tests.Timeline.Detection;

public sealed class LegFeaturesTests
{
    /// <summary>A straight eastward leg: one fix per listed second offset, 10 m/s.</summary>
    private static Fix[] Leg(params int[] seconds) =>
        [.. seconds.Select(s => new Fix(1_700_000_000_000 + (s * 1000L), 60.0, 24.0 + (s * 10 / 55_600.0), 5, null, 10))];

    [Fact]
    public void TheLongestGapShare_IsTheLongestSilenceOverTheLegsDuration()
    {
        // 1000 s: gaps of 300 s and 200 s (both above the 2-minute signal gap), the rest at 1 Hz.
        var seconds = Enumerable.Range(0, 101).Concat(Enumerable.Range(400, 101)).Concat(Enumerable.Range(700, 301)).ToArray();
        var fixes = Leg(seconds);

        var f = LegFeatures.Compute(fixes, 0, fixes.Length - 1, null);

        Assert.Equal(0.5, f.GapShare, 3);
        Assert.Equal(0.3, f.LongestGapShare, 3);
    }

    [Fact]
    public void ALegWithoutGaps_HasNoLongestGapShare()
    {
        var fixes = Leg([.. Enumerable.Range(0, 600)]);

        Assert.Equal(0, LegFeatures.Compute(fixes, 0, fixes.Length - 1, null).LongestGapShare);
    }
}
