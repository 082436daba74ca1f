using Itinera.Core.Driving;
using Itinera.Core.Insights;
using Itinera.Core.Places;
using Itinera.Core.Timeline;
using Itinera.Storage.Resources;

namespace Itinera.Testing;

/// <summary>
/// A user's derived data modelled on the reference's examples (a commute in Belgium on 22 March 2019),
/// written through the storage layer as the pipeline will write it.
/// </summary>
public static class SampleData
{
    public const string Zone = "Europe/Brussels";
    public const string HomeStayId = "37954206-7468-407f-bfa6-33c9ddaab785";
    public const string CarTransportId = "b699235f9e1e0b140b3d531466f0b79811044bb22925ed0e4d420e3fa44d65d6";
    public const string WalkTransportId = "c0ffee5f9e1e0b140b3d531466f0b79811044bb22925ed0e4d420e3fa44d65d7";
    public const string WorkStayId = "5b1c6a2e-8d5f-4a7e-9f1e-2d3c4b5a6978";

    public static readonly DateTimeOffset HomeStart = DateTimeOffset.Parse("2019-03-21T20:08:00.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
    public static readonly DateTimeOffset CarStart = DateTimeOffset.Parse("2019-03-22T08:37:45.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
    public static readonly DateTimeOffset CarEnd = DateTimeOffset.Parse("2019-03-22T09:39:00.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
    public static readonly DateTimeOffset WalkEnd = DateTimeOffset.Parse("2019-03-22T09:45:30.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
    public static readonly DateTimeOffset WorkEnd = DateTimeOffset.Parse("2019-03-22T17:30:00.000+01:00", System.Globalization.CultureInfo.InvariantCulture);

    public static DrivingScores Scores { get; } = new()
    {
        Overall = 0.79,
        Smooth = 0.79,
        Legal = 0.72,
        Anticipative = 0.86,
        Focus = 0.95,
        Mounted = 0.05,
        HardAccel = 0.9,
        HardBrake = 0.65,
        HardEvents = 0.85,
        HardTurn = 0.95,
        LegalV2 = 0.79,
        SmoothV2 = 0.78,
        AnticipativeV2 = 0.85,
        HandheldCalling = 1,
        HandheldCallingDurationSeconds = 0,
        HandsfreeCalling = 1,
        HandlingWithoutCalling = 0.95,
        HandlingWithoutCallingDurationSeconds = 10,
        Attention = 0.95,
    };

    /// <summary>Writes the sample data for <paramref name="userId"/>; aggregates are keyed on <paramref name="todayUtc"/>.</summary>
    public static async Task WriteAsync(UserResourceStore store, string userId, DateOnly todayUtc, CancellationToken ct = default)
    {
        var home = new TimelineEvent(HomeStayId, EventKind.Stationary, HomeStart, CarStart, Zone, AnalysisType.Processed,
            new StationaryDetails(50.78561, 4.49692, Significances.Home, new PlaceCandidate("Wonder Palace", ["building", "residential"]),
                new Address("België / Belgique / Belgien", "Overijse", "TOWN")), null);
        var car = new TimelineEvent(CarTransportId, EventKind.Transport, CarStart, CarEnd, Zone, AnalysisType.Processed, null,
            new TransportDetails(TransportModes.Car, 51918, new BehaviorFeatures(396000, 46426)));
        var walk = new TimelineEvent(WalkTransportId, EventKind.Transport, CarEnd, WalkEnd, Zone, AnalysisType.Processed, null,
            new TransportDetails(TransportModes.Walking, 420, null));
        var work = new TimelineEvent(WorkStayId, EventKind.Stationary, WalkEnd, WorkEnd, Zone, AnalysisType.Processed,
            new StationaryDetails(51.19655, 4.40808, Significances.Work, new PlaceCandidate("Sentiance HQ", ["office", "company"]),
                new Address("België / Belgique / Belgien", "Antwerpen", "city")), null);
        var trajectory = new Trajectory(
        [
            new TrajectoryWaypoint(50.78568, 4.49673, CarStart, "residential", 23, 65.5, 50),
            new TrajectoryWaypoint(50.78618, 4.49722, CarStart.AddMilliseconds(9714), "residential", 21.2, 9.2, 50),
            new TrajectoryWaypoint(50.78624, 4.49731, CarStart.AddMilliseconds(11080), "residential", 20.8, 7.9, 50),
        ], "oa~tHqgmZKIAA");
        var path = new PathPoint[] { new(50.78664, 4.49807), new(50.78679, 4.49808), new(50.78685, 4.4981) };
        var annotations = new List<BehaviorAnnotation>
        {
            new(AnnotationKind.Boundary, CarStart.AddMilliseconds(3303), CarStart.AddMilliseconds(170303), null, null, 0, []),
            new(AnnotationKind.Acceleration, CarStart.AddMilliseconds(25781.456), CarStart.AddMilliseconds(31102.097), "accelerate", null, 0.189, path),
            new(AnnotationKind.Turn, CarStart.AddMilliseconds(31866.289), CarStart.AddMilliseconds(36479.824), null, "left_turn", 0.467, path),
            new(AnnotationKind.PhoneHandling, CarStart.AddSeconds(60), CarStart.AddSeconds(75), null, null, 0, path),
            new(AnnotationKind.HandheldCalling, CarStart.AddSeconds(100), CarStart.AddSeconds(160), null, null, 0, path),
            new(AnnotationKind.HandsfreeCalling, CarStart.AddSeconds(200), CarStart.AddSeconds(260), null, null, 0, path),
            new(AnnotationKind.HandlingWithoutCalling, CarStart.AddSeconds(300), CarStart.AddSeconds(310), null, null, 0, path),
        };
        await store.SaveEventsAsync(userId,
        [
            new StoredEvent(home),
            new StoredEvent(car, trajectory, Scores, annotations),
            new StoredEvent(walk, new Trajectory([new TrajectoryWaypoint(51.19, 4.40, CarEnd, null, 4.8, 420, null)], "_p~iF~ps|U"), null, null),
            new StoredEvent(work),
        ], ct);

        await store.ReplaceSegmentsAsync(userId,
        [
            new UserSegment("lifestyle.brand_loyalty.supermarket", "Because you usually shop at colruyt overijse"),
            new UserSegment("mobility.long_commuter", "Because your commute distance from Overijse to Antwerpen is about 52.0 km"),
        ], ct);

        var noon = DateTimeOffset.Parse("2019-03-22T12:31:00.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
        var afternoon = DateTimeOffset.Parse("2019-03-22T14:26:00.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
        await store.SaveMomentsAsync(userId,
        [
            new Moment("m-afternoon", "afternoon", afternoon, null, Zone, AnalysisType.Preliminary, null, null),
            new Moment("m-lunch", "lunch", noon, afternoon, Zone, AnalysisType.Preliminary, null, null),
            new Moment("m-work", "working_at_work", CarEnd, null, Zone, AnalysisType.Preliminary, null, null),
            new Moment("m-city", "city_name", CarEnd, null, Zone, AnalysisType.Preliminary, "Antwerpen", null),
            new Moment("m-country", "country", HomeStart.AddDays(-3), null, Zone, AnalysisType.Preliminary, null, "België / Belgique / Belgien"),
        ], ct);

        await store.ReplaceLocationClustersAsync(userId,
        [
            new LocationCluster("c-home", 50.78561, 4.49692, 39, HomeStart.AddHours(-11.3), Zone, true, Significances.Home,
                new Address("België / Belgique / Belgien", "Overijse", null), new PlaceCandidate(null, ["building", "residential"])),
            new LocationCluster("c-work", 51.19655, 4.40808, 98, HomeStart.AddHours(-7), Zone, true, Significances.Work,
                new Address("België / Belgique / Belgien", "Antwerpen", null), new PlaceCandidate("Sentiance HQ", ["office", "company"])),
        ], ct);

        await store.SaveLastLocationAsync(userId, new LocationFix(noon.AddMinutes(93.5), 51.19766, 4.41042, 12, 0, 8), ct);

        var dayStart = new DateTimeOffset(2019, 3, 21, 0, 0, 0, TimeSpan.Zero);
        await store.SaveAnomaliesAsync(userId,
        [
            new Anomaly("a-1", AnomalyMeasure.Duration, true, dayStart, dayStart.AddDays(1), "UTC", "stationary_location_significance_day_part_duration",
                597.098, 1, null, 7675, "day", "evening", null, Significances.Work, null, null, null),
            new Anomaly("a-2", AnomalyMeasure.Duration, true, dayStart, dayStart.AddDays(1), "UTC", "stationary_location_significance_day_part_duration",
                null, 1, null, 14340, "day", "noon", null, Significances.Work, null, null, null),
            new Anomaly("a-3", AnomalyMeasure.Duration, true, dayStart, dayStart.AddDays(1), "UTC", "stationary_location_significance_duration",
                1224.012, 1, null, 34446, "day", null, null, Significances.Work, null, null, null),
        ], ct);

        var zones = new ZoneScores(Scores, Scores with { Smooth = -1, Anticipative = -1 }, Scores with { Smooth = -1, Anticipative = -1 },
            Scores with { Smooth = -1, Anticipative = -1 }, Scores);
        await store.SaveCarBehaviorAsync(userId, new CarBehaviorSummary(zones, zones, new WindowFeatures(181200, 557301), new WindowFeatures(137400, 5079771)), ct);

        var monday = todayUtc.AddDays(-(((int)todayUtc.DayOfWeek + 6) % 7));
        await store.SaveDrivingScoreAggregateAsync(userId, ScorePeriod.Day, todayUtc, Scores, ct);
        await store.SaveDrivingScoreAggregateAsync(userId, ScorePeriod.Week, monday, Scores, ct);
        await store.SaveDrivingScoreAggregateAsync(userId, ScorePeriod.Month, new DateOnly(todayUtc.Year, todayUtc.Month, 1), Scores, ct);
        await store.SaveDrivingScoreAggregateAsync(userId, ScorePeriod.All, null, Scores, ct);
    }
}
