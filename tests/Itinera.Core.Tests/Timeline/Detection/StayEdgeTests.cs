using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Tests.Timeline.Detection;

public sealed class StayEdgeTests
{
    [Fact]
    public void AWalkBetweenTwoStays_StartsWhenTheWalkerLeavesAndEndsWhenTheyArrive_NotAtTheStayRadius()
    {
        const long T0 = 1_767_600_000_000;
        var fixes = new List<Fix>();
        for (var s = 0; s < 600; s += 30)
        {
            fixes.Add(new Fix(T0 + s * 1000L, 50.85, 4.35, 10));
        }

        var leave = T0 + 600_000;
        const double Speed = 1.3;
        for (var s = 0; s <= 400; s++)
        {
            fixes.Add(new Fix(leave + s * 1000L, 50.85 + s * Speed / GeoMath.MetersPerDegreeLatitude, 4.35, 5));
        }

        var arrive = leave + 400_000;
        var destination = 50.85 + 400 * Speed / GeoMath.MetersPerDegreeLatitude;
        for (var s = 30; s < 900; s += 30)
        {
            fixes.Add(new Fix(arrive + s * 1000L, destination, 4.35, 10));
        }

        var segments = TimelineBuilder.Build([.. fixes], null, TimelineOptions.Default);

        Assert.Equal([EventKind.Stationary, EventKind.Transport, EventKind.Stationary], segments.Select(s => s.Kind));
        // Without trimming, each stay would keep about 77 s of the walk (100 m at 1.3 m/s).
        Assert.InRange(segments[0].EndMs - leave, 0, 25_000);
        Assert.InRange(arrive - segments[2].StartMs, 0, 25_000);
        Assert.Equal(TransportModes.Walking, segments[1].Mode);
    }

    [Fact]
    public void TwoPlaces180MetresApart_AreTwoStaysWithTheWalkBetween_EvenWhenTheWalkHidesInTheirClusters()
    {
        // The stay radius is 100 m: the first cluster takes the walk's first 100 m, the second starts there and takes the
        // rest, so nothing lies between the two clusters.
        const long T0 = 1_767_600_000_000;
        var fixes = new List<Fix>();
        for (var s = 0; s < 3600; s += 60)
        {
            fixes.Add(new Fix(T0 + s * 1000L, 50.85, 4.35, 10));
        }

        var leave = T0 + 3600_000;
        for (var s = 1; s <= 140; s++)
        {
            fixes.Add(new Fix(leave + s * 1000L, 50.85 + s * 1.3 / GeoMath.MetersPerDegreeLatitude, 4.35, 5, SpeedMetersPerSecond: 1.3));
        }

        var arrive = leave + 140_000;
        for (var s = 60; s < 3600; s += 60)
        {
            fixes.Add(new Fix(arrive + s * 1000L, 50.85 + 182 / GeoMath.MetersPerDegreeLatitude, 4.35, 10));
        }

        var segments = TimelineBuilder.Build([.. fixes], null, TimelineOptions.Default);

        Assert.Equal([EventKind.Stationary, EventKind.Transport, EventKind.Stationary], segments.Select(s => s.Kind));
        Assert.Equal(TransportModes.Walking, segments[1].Mode);
    }
}
