using Itinera.Core.Ingestion;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;

namespace Itinera.Core.Evaluation;

/// <summary>One training example of the mode classifier: a leg's feature vector and its labelled mode.</summary>
public sealed record ModeSample(string Source, double[] Features, string Mode);

/// <summary>
/// Builds training examples for <see cref="ModeModel"/> from labelled data: the engine's transports (segmented with
/// the rules, so labels never leak into segmentation), each labelled with the mode that covers at least half of it.
/// Transports the rules decide by themselves (too short, too silent, airliner speeds) are left out, as the model
/// never sees them.
/// </summary>
public static class ModeTrainingSet
{
    /// <summary>A transport is labelled when one labelled mode covers at least this share of it.</summary>
    public const double MinLabelledShare = 0.5;

    /// <summary>Examples from one user's fixes and labelled legs.</summary>
    /// <param name="source">Who the examples come from (for leave-one-user-out training).</param>
    public static List<ModeSample> FromLabels(
        string source, IReadOnlyList<Fix> fixes, IReadOnlyList<ActivitySample>? activities, IReadOnlyList<LabelledLeg> legs,
        Func<string, string> labelToMode, TimelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(legs);
        ArgumentNullException.ThrowIfNull(labelToMode);
        ArgumentNullException.ThrowIfNull(options);
        var rules = options with { ModeModel = null };
        var cleaned = FixCleaner.Clean(fixes, rules);
        var cumulative = TimelineBuilder.CumulativeMeters(cleaned);
        var sortedLegs = legs.OrderBy(l => l.Start).ToList();
        var result = new List<ModeSample>();
        foreach (var segment in TimelineBuilder.Build(cleaned, activities, rules))
        {
            if (segment.Kind != EventKind.Transport || segment.EndMs <= segment.StartMs)
            {
                continue;
            }

            var features = LegFeatures.Compute(cleaned, segment.FirstFix, segment.LastFix, activities, rules.SignalGap, cumulative, rules.Networks);
            if (ModeClassifier.DecidesAlone(features))
            {
                continue;
            }

            var byMode = new Dictionary<string, double>(StringComparer.Ordinal);
            var start = DateTimeOffset.FromUnixTimeMilliseconds(segment.StartMs);
            var end = DateTimeOffset.FromUnixTimeMilliseconds(segment.EndMs);
            foreach (var leg in sortedLegs)
            {
                if (leg.Start >= end)
                {
                    break;
                }

                var overlap = (Min(end, leg.End) - Max(start, leg.Start)).TotalSeconds;
                if (overlap > 0)
                {
                    var mode = labelToMode(leg.LabelMode);
                    byMode[mode] = byMode.GetValueOrDefault(mode) + overlap;
                }
            }

            if (byMode.Count == 0)
            {
                continue;
            }

            var best = byMode.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).First();
            if (best.Value >= MinLabelledShare * (end - start).TotalSeconds && best.Key != TransportModes.Other)
            {
                result.Add(new ModeSample(source, ModeModel.Vector(features), best.Key));
            }
        }

        return result;
    }

    /// <summary>Trains a model on examples; classes are the modes present, in ordinal order.</summary>
    public static ModeModel Train(IReadOnlyList<ModeSample> samples, BoostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var classes = samples.Select(s => s.Mode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var trees = GradientBoostedTrees.Train(
            [.. samples.Select(s => s.Features)], [.. samples.Select(s => index[s.Mode])], classes, [.. ModeModel.FeatureNames], options);
        return new ModeModel(trees);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
