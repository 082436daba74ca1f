using System.Text.Json;

namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// The learned transport-mode classifier: gradient-boosted trees over a leg's <see cref="LegFeatures"/>, trained by
/// <c>itinera train modes</c> from labelled data (docs/timeline.md). Legs too short or too silent to judge, and
/// flights, are left to the rules of <see cref="ModeClassifier"/>, whose verdict is also one of the model's inputs.
/// Not the default: on GeoLife, users held out from training are classified better by the rules alone
/// (docs/accuracy.md), so a model is used only when an operator loads one.
/// </summary>
public sealed class ModeModel
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    // The rules' verdict is an input too (stacking): where the model's training data is thin, it can learn to trust them.
    private static readonly string[] RuleModes =
    [
        TransportModes.Walking, TransportModes.Running, TransportModes.Biking, TransportModes.Car, TransportModes.Bus,
        TransportModes.Train, TransportModes.Subway,
    ];

    /// <summary>A map feature the leg has no value for (no map, no such layer, no such stop passed): below every real
    /// value (shares and rates are never negative), so a tree sends it one consistent way.</summary>
    public const double Missing = -1;

    /// <summary>Names of the features, in vector order. Map context and the tram verdict come last, so models trained
    /// before they existed still read their features at the same positions.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "log_duration_s", "log_distance_m", "average_speed", "median_speed", "speed_85", "speed_95", "stop_share",
        "stops_per_km", "gap_share", "log_fix_count", "walking_share", "cycling_share", "vehicle_share", "speed_spread",
        .. RuleModes.Select(m => "rules_say_" + m),
        "road_share", "rail_share", "tram_track_share", "bus_stops_per_km", "bus_stops_served_share", "tram_stops_per_km",
        "tram_stops_served_share", "pauses_at_stops_share", "rules_say_" + TransportModes.Tram,
    ];


    public ModeModel(GradientBoostedTrees trees) => Trees = trees ?? throw new ArgumentNullException(nameof(trees));

    /// <summary>The trees.</summary>
    public GradientBoostedTrees Trees { get; }

    /// <summary>The feature vector of a leg (<see cref="FeatureNames"/>).</summary>
    public static double[] Vector(LegFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var rules = ModeClassifier.Classify(f);
        return
        [
            Math.Log(1 + f.DurationSeconds), Math.Log(1 + f.DistanceMeters), f.AverageSpeed, f.MedianSpeed, f.Speed85, f.Speed95,
            f.StopShare, f.StopsPerKilometer, f.GapShare, Math.Log(1 + f.FixCount), f.WalkingShare, f.CyclingShare, f.VehicleShare,
            f.Speed95 - f.MedianSpeed,
            .. RuleModes.Select(m => m == rules ? 1.0 : 0.0),
            Known(f.RoadShare), Known(f.RailShare), Known(f.TramTrackShare), Known(f.BusStopsPerKilometer), Known(f.BusStopsServedShare),
            Known(f.TramStopsPerKilometer), Known(f.TramStopsServedShare), Known(f.PausesAtStopsShare),
            rules == TransportModes.Tram ? 1.0 : 0.0,
        ];
    }

    private static double Known(double value) => double.IsNaN(value) ? Missing : value;

    /// <summary>The mode of a leg.</summary>
    public string Classify(LegFeatures f)
    {
        if (ModeClassifier.DecidesAlone(f))
        {
            return ModeClassifier.Classify(f);
        }

        // A model trained before the map features existed reads only its own leading features.
        var x = Vector(f);
        return Trees.Predict(x.AsSpan(0, Math.Min(x.Length, Trees.FeatureNames.Length)));
    }

    /// <summary>Writes the model as JSON.</summary>
    public void Save(Stream stream) => JsonSerializer.Serialize(stream, Trees, Json);

    /// <summary>Reads a model file, or gives null for no path (the rules alone).</summary>
    public static ModeModel? LoadFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static ModeModel Load(Stream stream) =>
        new(JsonSerializer.Deserialize<GradientBoostedTrees>(stream, Json) ?? throw new InvalidDataException("Empty mode model."));
}
