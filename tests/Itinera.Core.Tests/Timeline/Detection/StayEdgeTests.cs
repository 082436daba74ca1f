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

    [Fact]
    public void AWalkAwayFromAStay_StartsAtTheLastPause_NotWhereItCrossesTheEdgeRadius()
    {
        var (fixes, leave, arrive) = WalkBetweenTwoStays(slowStepsAtSeconds: []);

        var segments = TimelineBuilder.Build(fixes, null, TimelineOptions.Default);

        Assert.Equal([EventKind.Stationary, EventKind.Transport, EventKind.Stationary], segments.Select(s => s.Kind));
        // Trimmed only beyond 30 m from the centre, each stay kept the walk's first or last 23 s (30 m at 1.3 m/s).
        Assert.InRange(segments[0].EndMs - leave, 0, 2_000);
        Assert.InRange(arrive - segments[2].StartMs, 0, 2_000);
    }

    [Fact]
    public void OneSlowStepOfAWalker_IsNoPause_SoTheWholeWalkOutOfAndIntoAStayIsTheWalk()
    {
        // The phone's speed is noisy: single readings of 0.5 m/s, 20 m and 60 m out, are not the user stopping.
        var (fixes, leave, arrive) = WalkBetweenTwoStays(slowStepsAtSeconds: [15, 46, 354, 385]);

        var segments = TimelineBuilder.Build(fixes, null, TimelineOptions.Default);

        Assert.Equal([EventKind.Stationary, EventKind.Transport, EventKind.Stationary], segments.Select(s => s.Kind));
        Assert.InRange(segments[0].EndMs - leave, 0, 2_000);
        Assert.InRange(arrive - segments[2].StartMs, 0, 2_000);
        Assert.Equal(TransportModes.Walking, segments[1].Mode);
    }

    [Fact]
    public void AWalkerCirclingASquareForSixMinutes_IsOneWalk_NotAStayOfAFewSecondsInsideIt()
    {
        // Six minutes within 50 m of the square's centre make a cluster; its fixes are all moving and away from its
        // centre, so trimming its edges leaves seconds, which are no visit.
        const long T0 = 1_767_600_000_000;
        const double Speed = 1.3;
        var fixes = new List<Fix>();
        var t = T0;
        for (var s = 0; s < 300; s++, t += 1000)
        {
            fixes.Add(new Fix(t, 50.85 + s * Speed / GeoMath.MetersPerDegreeLatitude, 4.35, 5, SpeedMetersPerSecond: Speed));
        }

        var centreLatitude = 50.85 + (300 * Speed + 50) / GeoMath.MetersPerDegreeLatitude;
        var metersPerDegreeLongitude = GeoMath.MetersPerDegreeLatitude * Math.Cos(centreLatitude * Math.PI / 180);
        for (var s = 0; s < 360; s++, t += 1000)
        {
            var angle = Math.PI + s * 0.7 / 50; // 0.7 m/s on a 50 m circle, starting at its southern point
            fixes.Add(new Fix(t, centreLatitude + 50 * Math.Cos(angle) / GeoMath.MetersPerDegreeLatitude, 4.35 + 50 * Math.Sin(angle) / metersPerDegreeLongitude, 5, SpeedMetersPerSecond: 0.7));
        }

        var last = fixes[^1];
        for (var s = 1; s <= 300; s++, t += 1000)
        {
            fixes.Add(new Fix(t, last.Latitude + s * Speed / GeoMath.MetersPerDegreeLatitude, last.Longitude, 5, SpeedMetersPerSecond: Speed));
        }

        var segments = TimelineBuilder.Build([.. fixes], null, TimelineOptions.Default);

        Assert.DoesNotContain(segments, s => s.Kind == EventKind.Stationary);
        Assert.All(segments, s => Assert.Equal(TransportModes.Walking, s.Mode));
    }

    [Fact]
    public void APhoneSilentForTwoHoursAfterAWalk_WasStayingWhereItSpokeAgain()
    {
        // GeoLife user 001, 26 Oct 2008: a walk, 2 h 16 min without a fix, then the phone 4 m away for three minutes.
        // The median of the steps around the silence is a walker's, yet the silence is where the user stayed.
        const long T0 = 1_767_600_000_000;
        const double Speed = 1.3;
        var fixes = new List<Fix>();
        for (var s = 0; s <= 300; s++)
        {
            fixes.Add(new Fix(T0 + s * 1000L, 50.85 + s * Speed / GeoMath.MetersPerDegreeLatitude, 4.35, 5, SpeedMetersPerSecond: Speed));
        }

        var arrived = T0 + 300_000;
        var spoke = arrived + 136 * 60_000L;
        var place = 50.85 + (300 * Speed + 4) / GeoMath.MetersPerDegreeLatitude;
        for (var s = 0; s < 180; s += 5)
        {
            // Indoors the position wanders by a few metres from fix to fix: steps as fast as a walker's.
            var wander = s % 10 == 0 ? 0 : 6 / GeoMath.MetersPerDegreeLatitude;
            fixes.Add(new Fix(spoke + s * 1000L, place + wander, 4.35, 10));
        }

        var segments = TimelineBuilder.Build([.. fixes], null, TimelineOptions.Default);

        var stay = Assert.Single(segments, s => s.Kind == EventKind.Stationary);
        Assert.InRange(stay.StartMs, arrived - 5_000, arrived);
        Assert.True(stay.Duration > TimeSpan.FromMinutes(136));
    }

    /// <summary>An hour at one place (a fix a minute, still), a 400 s walk at 1.3 m/s with the phone's speed (a fix a
    /// second), an hour at the other end.</summary>
    private static (Fix[] Fixes, long Leave, long Arrive) WalkBetweenTwoStays(int[] slowStepsAtSeconds)
    {
        const long T0 = 1_767_600_000_000;
        const double Speed = 1.3;
        var fixes = new List<Fix>();
        for (var s = 0; s < 3600; s += 60)
        {
            fixes.Add(new Fix(T0 + s * 1000L, 50.85, 4.35, 10, SpeedMetersPerSecond: 0));
        }

        var leave = T0 + 3600_000;
        for (var s = 1; s < 400; s++)
        {
            var speed = slowStepsAtSeconds.Contains(s) ? 0.5 : Speed;
            fixes.Add(new Fix(leave + s * 1000L, 50.85 + s * Speed / GeoMath.MetersPerDegreeLatitude, 4.35, 5, SpeedMetersPerSecond: speed));
        }

        var arrive = leave + 400_000;
        for (var s = 0; s < 3600; s += 60)
        {
            fixes.Add(new Fix(arrive + s * 1000L, 50.85 + 400 * Speed / GeoMath.MetersPerDegreeLatitude, 4.35, 10, SpeedMetersPerSecond: 0));
        }

        return ([.. fixes], leave, arrive);
    }
}
