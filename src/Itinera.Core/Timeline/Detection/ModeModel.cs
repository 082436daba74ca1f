using System.Text.Json;

namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// The learned transport-mode classifier: gradient-boosted trees over a leg's <see cref="LegFeatures"/>, trained by
/// <c>itinera train modes</c> from labelled data (docs/timeline.md). Legs too short or too silent to judge, and
/// flights, are left to the rules of <see cref="ModeClassifier"/>, which also serve when no model is loaded.
/// </summary>
public sealed class ModeModel
{
    /// <summary>The file name of the model shipped in the assembly.</summary>
    public const string EmbeddedFileName = "mode-model.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private static readonly Lazy<ModeModel?> EmbeddedModel = new(LoadEmbedded);

    /// <summary>Names of the features, in vector order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "log_duration_s", "log_distance_m", "average_speed", "median_speed", "speed_85", "speed_95", "stop_share",
        "stops_per_km", "gap_share", "log_fix_count", "walking_share", "cycling_share", "vehicle_share", "speed_spread",
    ];

    public ModeModel(GradientBoostedTrees trees) => Trees = trees ?? throw new ArgumentNullException(nameof(trees));

    /// <summary>The trees.</summary>
    public GradientBoostedTrees Trees { get; }

    /// <summary>The model shipped with Itinera, or null when the assembly carries none.</summary>
    public static ModeModel? Embedded => EmbeddedModel.Value;

    /// <summary>The feature vector of a leg.</summary>
    public static double[] Vector(LegFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return
        [
            Math.Log(1 + f.DurationSeconds), Math.Log(1 + f.DistanceMeters), f.AverageSpeed, f.MedianSpeed, f.Speed85, f.Speed95,
            f.StopShare, f.StopsPerKilometer, f.GapShare, Math.Log(1 + f.FixCount), f.WalkingShare, f.CyclingShare, f.VehicleShare,
            f.Speed95 - f.MedianSpeed,
        ];
    }

    /// <summary>Whether the rules decide this leg whatever the model says: too little data, or airliner speeds.</summary>
    public static bool RulesDecide(LegFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.FixCount < 3 || f.DurationSeconds < 30 || f.GapShare > 0.7 || f.Speed95 > 70 || f.AverageSpeed > 50;
    }

    /// <summary>The mode of a leg.</summary>
    public string Classify(LegFeatures f) => RulesDecide(f) ? ModeClassifier.Classify(f) : Trees.Predict(Vector(f));

    /// <summary>Writes the model as JSON.</summary>
    public void Save(Stream stream) => JsonSerializer.Serialize(stream, Trees, Json);

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static ModeModel Load(Stream stream) =>
        new(JsonSerializer.Deserialize<GradientBoostedTrees>(stream, Json) ?? throw new InvalidDataException("Empty mode model."));

    private static ModeModel? LoadEmbedded()
    {
        var assembly = typeof(ModeModel).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(EmbeddedFileName, StringComparison.Ordinal));
        if (name is null)
        {
            return null;
        }

        using var stream = assembly.GetManifestResourceStream(name)!;
        return Load(stream);
    }
}
