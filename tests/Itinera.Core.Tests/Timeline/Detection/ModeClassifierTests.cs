using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Tests.Timeline.Detection;

public sealed class ModeClassifierTests
{
    private static LegFeatures Leg(double median, double p85, double p95, double stopShare, double stopsPerKm) =>
        new(DurationSeconds: 900, DistanceMeters: median * 900, AverageSpeed: median * 0.95, MedianSpeed: median, Speed85: p85, Speed95: p95,
            StopShare: stopShare, StopsPerKilometer: stopsPerKm, GapShare: 0, FixCount: 900, WalkingShare: 0, CyclingShare: 0, VehicleShare: 0.9);

    [Fact]
    public void AFastLegWithoutStops_IsATrain() => Assert.Equal(TransportModes.Train, ModeClassifier.Classify(Leg(28, 29, 30, 0, 0.1)));

    [Fact]
    public void ASteadyLegAtRegionalTrainSpeedWithoutAnyStop_IsATrain() =>
        Assert.Equal(TransportModes.Train, ModeClassifier.Classify(Leg(20.8, 21.2, 21.4, 0, 0)));

    [Fact]
    public void ADriveAtThatSpeedWhoseSpeedVaries_IsACar() =>
        Assert.Equal(TransportModes.Car, ModeClassifier.Classify(Leg(17, 21, 24, 0.02, 0.05)));

    [Fact]
    public void ADriveWithStops_IsACar() => Assert.Equal(TransportModes.Car, ModeClassifier.Classify(Leg(12, 19.5, 21, 0.1, 0.8)));

    [Fact]
    public void WithAMap_ATrainFastLegAlongRoadsAwayFromRails_IsACar() =>
        Assert.Equal(TransportModes.Car, ModeClassifier.Classify(Leg(28, 29, 30, 0, 0.1) with { RoadShare = 0.95, RailShare = 0.05 }));

    [Fact]
    public void WithAMap_AModerateLegAlongARailwayAwayFromRoads_IsATrain() =>
        Assert.Equal(TransportModes.Train, ModeClassifier.Classify(Leg(15, 17, 18, 0.05, 0.4) with { RoadShare = 0.1, RailShare = 0.9 }));

    [Fact]
    public void WithAMap_AGappyLegAlongRoads_IsNoSubway() =>
        Assert.NotEqual(TransportModes.Subway, ModeClassifier.Classify(Leg(10, 14, 16, 0.1, 1.2) with { GapShare = 0.3, RoadShare = 0.9, RailShare = 0 }));

    [Fact]
    public void ALegSilentForOneLongStretchAtMetroSpeed_IsASubway() =>
        Assert.Equal(TransportModes.Subway, ModeClassifier.Classify(Leg(10, 14, 16, 0.1, 1.2) with { GapShare = 0.6, LongestGapShare = 0.55 }));

    [Fact]
    public void ASparselyLoggedDriveWhoseShortGapsAddUp_IsNoSubway() =>
        Assert.Equal(TransportModes.Car, ModeClassifier.Classify(Leg(10, 14, 16, 0.02, 0.1) with { GapShare = 0.6, LongestGapShare = 0.15 }));

    private static LegFeatures Road(double pausesAtStops, double busStopsPerKm = 2, double tramTrackShare = 0) =>
        Leg(9, 13, 14, 0.2, 1.8) with
        {
            RoadShare = 1,
            RailShare = tramTrackShare,
            TramTrackShare = tramTrackShare,
            BusStopsPerKilometer = busStopsPerKm,
            BusStopsServedShare = 0.7,
            TramStopsPerKilometer = tramTrackShare > 0 ? 2 : 0,
            PausesAtStopsShare = pausesAtStops,
        };

    [Fact]
    public void WithAMapsStops_AVehicleThatHaltsOnlyAtTheStopsItPasses_IsABus() =>
        Assert.Equal(TransportModes.Bus, ModeClassifier.Classify(Road(pausesAtStops: 1)));

    [Fact]
    public void WithAMapsStops_ItIsATramWhenItKeepsToTramTracks() =>
        Assert.Equal(TransportModes.Tram, ModeClassifier.Classify(Road(pausesAtStops: 0.9, busStopsPerKm: 0, tramTrackShare: 1)));

    [Fact]
    public void WithAMapsStops_AVehicleThatHaltsAwayFromStops_IsACarHoweverOftenItStops() =>
        Assert.Equal(TransportModes.Car, ModeClassifier.Classify(Road(pausesAtStops: 0.3) with { AverageSpeed = 6, StopShare = 0.3, StopsPerKilometer = 3 }));

    [Fact]
    public void WithAMapsStops_OneOrTwoHaltsAtStopsDoNotMakeABus() =>
        Assert.Equal(TransportModes.Car, ModeClassifier.Classify(Road(pausesAtStops: 1) with { StopsPerKilometer = 0.2 }));

    [Fact]
    public void WithoutAMap_TheSlowFrequentlyStoppingRuleStillCallsABus() =>
        Assert.Equal(TransportModes.Bus, ModeClassifier.Classify(Leg(6, 9, 11, 0.25, 2.5) with { AverageSpeed = 6 }));
}
