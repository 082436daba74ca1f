using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Tests.Timeline.Detection;

public sealed class TimelineBuilderTests
{
    private const long T0 = 1_772_434_800_000;
    private static readonly TimelineOptions Options = TimelineOptions.Default;

    /// <summary>Fixes moving from a point along a bearing at a speed, every <paramref name="stepSeconds"/>.</summary>
    private static List<Fix> Move(ref long t, ref GeoPoint at, double bearing, double speed, int seconds, int stepSeconds = 1, Random? noise = null)
    {
        var fixes = new List<Fix>();
        for (var s = 0; s < seconds; s += stepSeconds)
        {
            at = GeoMath.Destination(at, bearing, speed * stepSeconds);
            var jitter = noise is null ? at : GeoMath.Destination(at, noise.Next(360), noise.NextDouble() * 5);
            t += stepSeconds * 1000L;
            fixes.Add(new Fix(t, jitter.Latitude, jitter.Longitude, 5, null, speed));
        }

        return fixes;
    }

    private static List<Fix> Stay(ref long t, GeoPoint at, int seconds, int stepSeconds, Random noise)
    {
        var fixes = new List<Fix>();
        for (var s = 0; s < seconds; s += stepSeconds)
        {
            t += stepSeconds * 1000L;
            var p = GeoMath.Destination(at, noise.Next(360), noise.NextDouble() * 25);
            fixes.Add(new Fix(t, p.Latitude, p.Longitude, 20, null, 0));
        }

        return fixes;
    }

    private static List<TimelineSegment> Build(List<Fix> fixes) => TimelineBuilder.Build(FixCleaner.Clean(fixes, Options), null, Options);

    [Fact]
    public void ANightAtHomeSampledHourly_IsOneStay()
    {
        var noise = new Random(1);
        var t = T0;
        var home = new GeoPoint(50.85, 4.35);
        var fixes = Stay(ref t, home, 10 * 3600, 3600, noise);
        var segments = Build(fixes);
        var stay = Assert.Single(segments);
        Assert.Equal(EventKind.Stationary, stay.Kind);
        Assert.True(GeoMath.DistanceMeters(stay.Latitude, stay.Longitude, home.Latitude, home.Longitude) < 30);
    }

    [Fact]
    public void ANightAtHomeWithAGpsOutlier_IsStillOneStay()
    {
        var noise = new Random(2);
        var t = T0;
        var home = new GeoPoint(50.85, 4.35);
        var fixes = Stay(ref t, home, 4 * 3600, 60, noise);
        var outlier = GeoMath.Destination(home, 90, 400);
        fixes.Insert(100, new Fix(fixes[99].TimestampMs + 10_000, outlier.Latitude, outlier.Longitude, 30));
        fixes.AddRange(Stay(ref t, home, 4 * 3600, 60, noise));
        Assert.Single(Build(fixes));
    }

    [Fact]
    public void WalkThenBusThenWalk_IsThreeLegsBetweenTwoStays()
    {
        var noise = new Random(3);
        var t = T0;
        var at = new GeoPoint(50.85, 4.35);
        var fixes = Stay(ref t, at, 1800, 30, noise);
        fixes.AddRange(Move(ref t, ref at, 90, 1.4, 400, 1, noise));
        for (var stop = 0; stop < 8; stop++)
        {
            fixes.AddRange(Move(ref t, ref at, 90, 9, 60, 1, noise));
            fixes.AddRange(Move(ref t, ref at, 90, 0, 25, 1, noise));
        }

        fixes.AddRange(Move(ref t, ref at, 0, 1.3, 500, 1, noise));
        fixes.AddRange(Stay(ref t, at, 1800, 30, noise));
        var segments = Build(fixes);
        Assert.Equal([EventKind.Stationary, EventKind.Transport, EventKind.Transport, EventKind.Transport, EventKind.Stationary], segments.Select(s => s.Kind));
        Assert.Equal(TransportModes.Walking, segments[1].Mode);
        Assert.Equal(TransportModes.Walking, segments[3].Mode);
        Assert.Contains(segments[2].Mode, new[] { TransportModes.Bus, TransportModes.Car });
    }

    [Fact]
    public void ACarTripThroughTownToTheMotorway_IsACar()
    {
        var noise = new Random(4);
        var t = T0;
        var at = new GeoPoint(50.85, 4.35);
        var fixes = Stay(ref t, at, 1200, 60, noise);
        for (var light = 0; light < 10; light++)
        {
            fixes.AddRange(Move(ref t, ref at, 45, 12, 40, 1, noise));
            fixes.AddRange(Move(ref t, ref at, 45, 0, 20, 1, noise));
        }

        fixes.AddRange(Move(ref t, ref at, 45, 30, 400, 1, noise));
        fixes.AddRange(Stay(ref t, at, 1200, 60, noise));
        var trip = Assert.Single(Build(fixes), s => s.Kind == EventKind.Transport);
        Assert.Equal(TransportModes.Car, trip.Mode);
        Assert.InRange(trip.DistanceMeters, 16_500, 18_500);
    }

    [Theory]
    [InlineData(1.0, 240, new[] { TransportModes.Car })] // crawling in a jam for four minutes
    [InlineData(1.3, 900, new[] { TransportModes.Car, TransportModes.Walking, TransportModes.Car })] // a quarter-hour walk
    public void ACarThenAStretchAtWalkingSpeedThenTheCarAgain_IsOneCarTripOnlyWhenTheStretchIsShort(double speed, int seconds, string[] modes)
    {
        var noise = new Random(7);
        var t = T0;
        var at = new GeoPoint(50.85, 4.35);
        var fixes = Stay(ref t, at, 1200, 60, noise);
        fixes.AddRange(Move(ref t, ref at, 45, 12, 600, 1, noise));
        fixes.AddRange(Move(ref t, ref at, 45, speed, seconds, 1, noise));
        fixes.AddRange(Move(ref t, ref at, 45, 12, 600, 1, noise));
        fixes.AddRange(Stay(ref t, at, 1200, 60, noise));

        Assert.Equal(modes, Build(fixes).Where(s => s.Kind == EventKind.Transport).Select(s => s.Mode));
    }

    [Fact]
    public void ASlowStartOnABikeAtARunnersSpeed_IsPartOfTheRide()
    {
        var noise = new Random(9);
        var t = T0;
        var at = new GeoPoint(50.85, 4.35);
        var fixes = Stay(ref t, at, 1200, 60, noise);
        fixes.AddRange(Move(ref t, ref at, 90, 3.0, 300, 1, noise));
        fixes.AddRange(Move(ref t, ref at, 90, 1.0, 120, 1, noise)); // pushed across a junction
        fixes.AddRange(Move(ref t, ref at, 90, 5.5, 600, 1, noise));
        fixes.AddRange(Stay(ref t, at, 1200, 60, noise));

        var ride = Assert.Single(Build(fixes), s => s.Kind == EventKind.Transport);

        Assert.Equal(TransportModes.Biking, ride.Mode);
    }

    [Fact]
    public void ALongSilenceInsideAMovement_IsNotMadeIntoATrip()
    {
        var noise = new Random(5);
        var t = T0;
        var at = new GeoPoint(50.85, 4.35);
        var fixes = Move(ref t, ref at, 0, 10, 600, 1, noise);
        t += 3 * 3600 * 1000L;
        at = GeoMath.Destination(at, 0, 50_000);
        fixes.AddRange(Move(ref t, ref at, 0, 10, 600, 1, noise));
        var transports = Build(fixes).Where(s => s.Kind == EventKind.Transport).ToList();
        Assert.Equal(2, transports.Count);
        Assert.All(transports, s => Assert.True(s.Duration < TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void Segments_AreInTimeOrderAndDoNotOverlap()
    {
        var noise = new Random(6);
        var t = T0;
        var at = new GeoPoint(50.85, 4.35);
        var fixes = new List<Fix>();
        for (var i = 0; i < 20; i++)
        {
            fixes.AddRange(Stay(ref t, at, 900 + noise.Next(3600), 60, noise));
            fixes.AddRange(Move(ref t, ref at, noise.Next(360), 1 + noise.Next(25), 300 + noise.Next(900), 1, noise));
        }

        var segments = Build(fixes);
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.True(segments[i].StartMs >= segments[i - 1].EndMs, $"segment {i} starts before {i - 1} ends");
        }
    }

    [Fact]
    public void FixCleaner_DropsInaccurateFixesSpikesAndImpossibleJumps()
    {
        var at = new GeoPoint(50.85, 4.35);
        var far = GeoMath.Destination(at, 0, 2000);
        var moon = GeoMath.Destination(at, 0, 500_000);
        List<Fix> fixes =
        [
            new(T0, at.Latitude, at.Longitude, 5),
            new(T0 + 1000, at.Latitude, at.Longitude, 900),
            new(T0 + 2000, far.Latitude, far.Longitude, 5),
            new(T0 + 3000, at.Latitude, at.Longitude, 5),
            new(T0 + 3000, at.Latitude, at.Longitude, 5),
            new(T0 + 4000, moon.Latitude, moon.Longitude, 5),
            new(T0 + 5000, at.Latitude, at.Longitude, 5),
        ];
        var cleaned = FixCleaner.Clean(fixes, Options);
        Assert.Equal([T0, T0 + 3000, T0 + 5000], cleaned.Select(f => f.TimestampMs));
    }
}

public sealed class TransitWaitTests
{
    private static TimelineSegment Seg(EventKind kind, long startMin, long endMin, int first, int last, string? mode, double meters = 0) =>
        new(kind, startMin * 60_000, endMin * 60_000, first, last, 50.85, 4.35, mode, meters);

    [Fact]
    public void AShortWaitBetweenAWalkAndABus_BelongsToTheWalk()
    {
        List<TimelineSegment> segments =
        [
            Seg(EventKind.Transport, 0, 10, 0, 10, TransportModes.Walking, 700),
            Seg(EventKind.Stationary, 10, 18, 10, 20, null),
            Seg(EventKind.Transport, 18, 40, 20, 60, TransportModes.Bus, 8000),
        ];
        var result = TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default);
        Assert.Equal([(EventKind.Transport, 0L, 18 * 60_000L), (EventKind.Transport, 18 * 60_000L, 40 * 60_000L)], result.Select(s => (s.Kind, s.StartMs, s.EndMs)));
    }

    [Fact]
    public void ATrainStandingInAStation_StaysOneRide()
    {
        List<TimelineSegment> segments =
        [
            Seg(EventKind.Transport, 0, 30, 0, 30, TransportModes.Train, 30_000),
            Seg(EventKind.Stationary, 30, 36, 30, 36, null),
            Seg(EventKind.Transport, 36, 60, 36, 60, TransportModes.Train, 25_000),
        ];
        var ride = Assert.Single(TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default));
        Assert.Equal(55_000, ride.DistanceMeters);
        Assert.Equal(60 * 60_000, ride.EndMs);
    }

    [Fact]
    public void ALongDistanceTrainStandingHalfAnHourInAStation_StaysOneRide()
    {
        List<TimelineSegment> segments =
        [
            Seg(EventKind.Transport, 0, 90, 0, 90, TransportModes.Train, 120_000),
            Seg(EventKind.Stationary, 90, 122, 90, 122, null),
            Seg(EventKind.Transport, 122, 200, 122, 200, TransportModes.Train, 100_000),
        ];
        var ride = Assert.Single(TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default));
        Assert.Equal((TransportModes.Train, 200 * 60_000L, 220_000.0), (ride.Mode, ride.EndMs, ride.DistanceMeters));
    }

    [Fact]
    public void AShortWalkOnThePlatformBetweenTwoStretchesOfATrainRide_IsPartOfTheRide()
    {
        List<TimelineSegment> segments =
        [
            Seg(EventKind.Transport, 0, 90, 0, 90, TransportModes.Train, 120_000),
            Seg(EventKind.Transport, 90, 97, 90, 97, TransportModes.Walking, 180),
            Seg(EventKind.Transport, 97, 200, 97, 200, TransportModes.Train, 100_000),
        ];
        var ride = Assert.Single(TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default));
        Assert.Equal(220_180, ride.DistanceMeters);
    }

    [Theory]
    [InlineData(41, 200)] // standing longer than a station stop: the passenger got off
    [InlineData(8, 900)] // walking far between two trains: a change of train
    public void ALongStopOrALongWalkBetweenTwoTrainRides_IsKept(int stopMinutes, double walkMeters)
    {
        var stop = walkMeters > 300
            ? Seg(EventKind.Transport, 90, 90 + stopMinutes, 90, 91, TransportModes.Walking, walkMeters)
            : Seg(EventKind.Stationary, 90, 90 + stopMinutes, 90, 91, null);
        List<TimelineSegment> segments =
        [
            Seg(EventKind.Transport, 0, 90, 0, 90, TransportModes.Train, 120_000),
            stop,
            Seg(EventKind.Transport, 90 + stopMinutes, 200, 91, 200, TransportModes.Train, 100_000),
        ];
        Assert.Equal(3, TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default).Count);
    }

    [Fact]
    public void AHalfHourStopBetweenTwoCarOrBusStretches_IsKept()
    {
        foreach (var mode in new[] { TransportModes.Car, TransportModes.Bus })
        {
            List<TimelineSegment> segments =
            [
                Seg(EventKind.Transport, 0, 90, 0, 90, mode, 120_000),
                Seg(EventKind.Stationary, 90, 120, 90, 120, null),
                Seg(EventKind.Transport, 120, 200, 120, 200, mode, 100_000),
            ];
            Assert.Equal(3, TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default).Count);
        }
    }

    [Fact]
    public void ALongStayOrAStopBetweenCarTrips_IsKept()
    {
        List<TimelineSegment> segments =
        [
            Seg(EventKind.Transport, 0, 30, 0, 30, TransportModes.Car),
            Seg(EventKind.Stationary, 30, 38, 30, 38, null),
            Seg(EventKind.Transport, 38, 60, 38, 60, TransportModes.Car),
            Seg(EventKind.Stationary, 60, 120, 60, 120, null),
            Seg(EventKind.Transport, 120, 150, 120, 150, TransportModes.Bus),
        ];
        Assert.Equal(5, TimelineBuilder.AbsorbTransitWaits(segments, TimelineOptions.Default).Count);
    }
}
