using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Maps;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Tests.Timeline.Detection;

/// <summary>How the timeline uses a map's public-transport stops: waits at stops, rides from them, silent metro rides.</summary>
public sealed class TransitContextTests
{
    private const long T0 = 1_767_600_000_000;
    private const double Lat = 50.85;
    private const double Lon = 4.35;

    private static double North(double meters) => Lat + meters / GeoMath.MetersPerDegreeLatitude;

    private static TimelineOptions WithStops(params MapTransitStop[] stops) =>
        TimelineOptions.Default with { Networks = new TransportNetworks(null, null) { Stops = new TransitStopIndex(stops) } };

    /// <summary>An hour at home (a fix every 30 s), a 60 m walk north to a stop, a wait there, then a ride north at 10 m/s.</summary>
    private static Fix[] HomeWalkWaitRide(int waitSeconds)
    {
        var fixes = new List<Fix>();
        for (var s = 0; s < 3600; s += 30)
        {
            fixes.Add(new Fix(T0 + s * 1000L, Lat, Lon, 10));
        }

        var t = T0 + 3600_000;
        for (var s = 1; s <= 45; s++)
        {
            fixes.Add(new Fix(t + s * 1000L, North(s * 60.0 / 45), Lon, 5, SpeedMetersPerSecond: 1.33));
        }

        t += 45_000;
        for (var s = 1; s <= waitSeconds; s++)
        {
            fixes.Add(new Fix(t + s * 1000L, North(60), Lon, 5, SpeedMetersPerSecond: 0));
        }

        t += waitSeconds * 1000L;
        for (var s = 1; s <= 300; s++)
        {
            fixes.Add(new Fix(t + s * 1000L, North(60 + s * 10.0), Lon, 5, SpeedMetersPerSecond: 10));
        }

        return [.. fixes];
    }

    [Fact]
    public void WaitingAtAStopNearHome_IsPartOfTheJourneyNotOfTheStayAtHome()
    {
        var fixes = HomeWalkWaitRide(waitSeconds: 240);
        var walkStart = T0 + 3600_000;

        var withMap = TimelineBuilder.Build(fixes, null, WithStops(new MapTransitStop("n1", North(65), Lon, TransitStopKind.Bus)));
        var without = TimelineBuilder.Build(fixes, null, TimelineOptions.Default);

        Assert.Equal(EventKind.Stationary, withMap[0].Kind);
        Assert.InRange(withMap[0].EndMs, walkStart - 30_000, walkStart + 30_000);
        Assert.True(without[0].EndMs > walkStart + 200_000, "without the stop, the wait 60 m from home stays part of the stay");
    }

    [Fact]
    public void AVehicleLeavingPastThePlace_IsNotPartOfTheStay()
    {
        // The ride starts 60 m north and passes back through home's position at 10 m/s.
        var fixes = new List<Fix>();
        for (var s = 0; s < 3600; s += 30)
        {
            fixes.Add(new Fix(T0 + s * 1000L, Lat, Lon, 10));
        }

        var t = T0 + 3600_000;
        for (var s = 1; s <= 300; s++)
        {
            fixes.Add(new Fix(t + s * 1000L, North(60 - s * 10.0), Lon, 5, SpeedMetersPerSecond: 10));
        }

        var segments = TimelineBuilder.Build([.. fixes], null, TimelineOptions.Default);

        Assert.Equal(EventKind.Stationary, segments[0].Kind);
        Assert.True(segments[0].EndMs <= t + 1000, "the stay ends when the ride starts");
    }

    [Fact]
    public void ARideLeavingFromWhereTheUserWaitedAtATramStop_IsATramNotACar()
    {
        List<TimelineSegment> segments =
        [
            new(EventKind.Transport, 0, 600_000, 0, 10, Lat, Lon, TransportModes.Walking, 700),
            new(EventKind.Stationary, 600_000, 1_000_000, 10, 20, North(500), Lon, null, 0),
            new(EventKind.Transport, 1_000_000, 2_000_000, 20, 60, North(500), Lon, TransportModes.Car, 8000),
        ];

        var atStop = TimelineBuilder.AbsorbTransitWaits(segments, WithStops(new MapTransitStop("n1", North(510), Lon, TransitStopKind.Tram)));
        var elsewhere = TimelineBuilder.AbsorbTransitWaits(segments, WithStops(new MapTransitStop("n1", North(900), Lon, TransitStopKind.Tram)));

        Assert.Equal([(TransportModes.Walking, 0L, 1_000_000L), (TransportModes.Tram, 1_000_000L, 2_000_000L)], atStop.Select(s => (s.Mode!, s.StartMs, s.EndMs)));
        Assert.Equal(3, elsewhere.Count);
        Assert.Equal(TransportModes.Car, elsewhere[2].Mode);
    }

    [Fact]
    public void WithoutTheMapsStops_AShortWaitBetweenAWalkAndARideCalledCar_IsPartOfTheJourney()
    {
        // Without stops a bus rides like a car: the wait may be at its stop, and is the journey either way.
        List<TimelineSegment> segments =
        [
            new(EventKind.Transport, 0, 600_000, 0, 10, Lat, Lon, TransportModes.Walking, 700),
            new(EventKind.Stationary, 600_000, 1_000_000, 10, 20, North(500), Lon, null, 0),
            new(EventKind.Transport, 1_000_000, 2_000_000, 20, 60, North(500), Lon, TransportModes.Car, 8000),
        ];

        var withoutMap = TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default);
        var longWait = TimelineBuilder.AbsorbTransitWaits([segments[0], segments[1] with { EndMs = 1_500_000 }, segments[2] with { StartMs = 1_500_000 }], TimelineOptions.Default);

        Assert.Equal([(TransportModes.Walking, 0L, 1_000_000L), (TransportModes.Car, 1_000_000L, 2_000_000L)], withoutMap.Select(s => (s.Mode!, s.StartMs, s.EndMs)));
        Assert.Equal(3, longWait.Count);
    }

    [Fact]
    public void ASilenceFromOneMetroStationToAnother_IsAMetroRide_AfterAWalkAndAWaitOnThePlatform()
    {
        // A walk north to station A (2 km from B), 10 minutes without GPS, then a walk on from station B.
        var fixes = new List<Fix>();
        for (var s = 0; s < 900; s += 30)
        {
            fixes.Add(new Fix(T0 + s * 1000L, Lat, Lon, 10));
        }

        var t = T0 + 900_000;
        for (var s = 1; s <= 300; s++)
        {
            fixes.Add(new Fix(t + s * 1000L, North(s * 1.3), Lon, 5, SpeedMetersPerSecond: 1.3));
        }

        var silentFrom = t + 300_000;
        var back = silentFrom + 600_000;
        for (var s = 0; s <= 300; s++)
        {
            fixes.Add(new Fix(back + s * 1000L, North(390 + 2000 + s * 1.3), Lon, 5, SpeedMetersPerSecond: 1.3));
        }

        for (var s = 30; s < 900; s += 30)
        {
            fixes.Add(new Fix(back + 300_000 + s * 1000L, North(390 + 2000 + 390), Lon, 10));
        }

        var options = WithStops(
            new MapTransitStop("a", North(420), Lon, TransitStopKind.Subway), new MapTransitStop("b", North(2370), Lon, TransitStopKind.Subway));
        var segments = TimelineBuilder.Build([.. fixes], null, options);
        var ride = Assert.Single(segments, s => s.Mode == TransportModes.Subway);

        Assert.Equal(back, ride.EndMs);
        // 2 km at 30 km/h is 240 s; the rest of the silence was the walk down and the wait.
        Assert.InRange(back - ride.StartMs, 230_000, 250_000);
        Assert.Equal(ride.StartMs, segments[segments.IndexOf(ride) - 1].EndMs);
        Assert.Equal(TransportModes.Walking, segments[segments.IndexOf(ride) - 1].Mode);
        Assert.DoesNotContain(TimelineBuilder.Build([.. fixes], null, TimelineOptions.Default), s => s.Mode == TransportModes.Subway);
    }
}
