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

    /// <summary>Names of the features, in vector order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "log_duration_s", "log_distance_m", "average_speed", "median_speed", "speed_85", "speed_95", "stop_share",
        "stops_per_km", "gap_share", "log_fix_count", "walking_share", "cycling_share", "vehicle_share", "speed_spread",
        .. RuleModes.Select(m => "rules_say_" + m),
    ];


    public ModeModel(GradientBoostedTrees trees) => Trees = trees ?? throw new ArgumentNullException(nameof(trees));

    /// <summary>The trees.</summary>
    public GradientBoostedTrees Trees { get; }

    /// <summary>The feature vector of a leg.</summary>
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
        ];
    }

    /// <summary>The mode of a leg.</summary>
    public string Classify(LegFeatures f) => ModeClassifier.DecidesAlone(f) ? ModeClassifier.Classify(f) : Trees.Predict(Vector(f));

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
