namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// The transport mode of a leg from its motion (and the phone's activity recognition when uploaded).
/// Rules over speed percentiles, stopping behaviour and signal gaps; thresholds documented in docs/timeline.md.
/// </summary>
public static class ModeClassifier
{
    /// <summary>Whether the leg is too short or too silent to judge by its motion, or airliner-fast: the cases these rules
    /// settle by themselves, before (and instead of) any motion-based judgement, a learned model's included.</summary>
    public static bool DecidesAlone(LegFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return TooLittleData(f) || MostlySilent(f) || f.Speed95 > 70 || f.AverageSpeed > 50;
    }

    public static string Classify(LegFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (TooLittleData(f))
        {
            return f.DistanceMeters > 0 && f.AverageSpeed > 60 ? TransportModes.Flight : TransportModes.InsufficientData;
        }

        // Mostly silence: too little data to tell, unless the jump itself is airliner-fast.
        if (MostlySilent(f))
        {
            return f.AverageSpeed > 60 ? TransportModes.Flight : f.AverageSpeed > 12 ? TransportModes.Train : TransportModes.InsufficientData;
        }

        if (DecidesAlone(f))
        {
            return TransportModes.Flight;
        }

        // The phone's own opinion, when it is clear, settles foot / bike / vehicle.
        if (f.WalkingShare > 0.6 && f.Speed85 < 3.5)
        {
            return f.MedianSpeed > 2.4 ? TransportModes.Running : TransportModes.Walking;
        }

        if (f.CyclingShare > 0.6 && f.Speed95 < 12)
        {
            return TransportModes.Biking;
        }

        if (f.Speed85 < 2.3)
        {
            return TransportModes.Walking;
        }

        if (f.Speed85 < 3.8 && f.MedianSpeed > 2.2 && f.VehicleShare < 0.5)
        {
            return TransportModes.Running;
        }

        if (f.Speed95 < 8.5 && f.AverageSpeed < 6.5 && f.VehicleShare < 0.5)
        {
            return TransportModes.Biking;
        }

        // Fast for long stretches with hardly a stop: a train. Without map data a car cruising on a motorway
        // looks the same; map matching (rail versus road) will settle it. A regional train runs slower but at a
        // steady speed with no stop at all between stations, which traffic rarely allows a car.
        // With a map: a leg that keeps to a railway away from roads is on rails; one that keeps to roads away from
        // railways is not, however train-like its speed or its signal gaps.
        var alongRails = f.RailShare >= 0.6 && !(f.RoadShare >= 0.6);
        var alongRoads = f.RoadShare >= 0.8 && !(f.RailShare >= 0.3);
        if (alongRails && f.Speed85 > 8)
        {
            return f.GapShare > 0.2 ? TransportModes.Subway : TransportModes.Train;
        }

        if (!alongRoads && ((f.Speed85 > 27 && f.StopsPerKilometer < 0.3) || (f.Speed85 > 19 && f.StopsPerKilometer < 0.1 && f.StopShare < 0.05 && f.Speed95 - f.MedianSpeed < 1.5)))
        {
            return TransportModes.Train;
        }

        // Underground the phone goes silent for the whole ride between stations: one long gap. A sparse logger's
        // many short gaps in a car add up to as much silence but never to one stretch covering half the leg.
        if (!alongRoads && f.GapShare > 0.2 && f.LongestGapShare >= 0.5 && f.AverageSpeed > 7 && f.Speed95 < 25)
        {
            return TransportModes.Subway;
        }

        if (HaltsAtStops(f))
        {
            return f.TramTrackShare >= 0.6 ? TransportModes.Tram : TransportModes.Bus;
        }

        // Slow with frequent stops looks like a bus, unless the map's stops say where buses halt and this vehicle did not.
        if (double.IsNaN(f.BusStopsPerKilometer) && f.AverageSpeed < 7.5 && f.StopShare > 0.15 && f.StopsPerKilometer > 1)
        {
            return TransportModes.Bus;
        }

        return TransportModes.Car;
    }

    /// <summary>
    /// With a map's stops: a road vehicle that passes at least one stop a kilometre and halts (several times) almost
    /// only at stops is a bus, or a tram when it keeps to tram tracks. A car halts at lights and junctions, which a
    /// stop is only sometimes beside.
    /// </summary>
    public static bool HaltsAtStops(LegFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var pauses = f.StopsPerKilometer * f.DistanceMeters / 1000;
        var stopsPassed = Zero(f.BusStopsPerKilometer) + Zero(f.TramStopsPerKilometer);
        return f.PausesAtStopsShare >= MinPausesAtStopsShare && pauses >= MinPausesAtStops && stopsPassed >= 1;
    }

    /// <summary>Share of a leg's pauses that must be at stops for <see cref="HaltsAtStops"/>.</summary>
    public const double MinPausesAtStopsShare = 0.8;

    /// <summary>Pauses a leg must make for <see cref="HaltsAtStops"/> (one or two halts at a stop happen to cars).</summary>
    public const double MinPausesAtStops = 2.5;

    private static double Zero(double value) => double.IsNaN(value) ? 0 : value;

    private static bool TooLittleData(LegFeatures f) => f.FixCount < 3 || f.DurationSeconds < 30;

    private static bool MostlySilent(LegFeatures f) => f.GapShare > 0.7;
}
