using System.Text;
using System.Text.Json;

namespace Itinera.Core.Evaluation;

/// <summary>
/// Writes a <see cref="TimelineScore"/> as the JSON of <c>itinera eval timeline --json</c>:
/// <code>
/// {"users": 12, "labelled_hours": 150.123, "mode_accuracy": 0.8123, "coarse_mode_accuracy": …,
///  "segmentation_recall": …, "segmentation_precision": …, "boundary_error_median_s": 41.5,
///  "legs": …, "recalled_legs": …, "transports": …, "precise_transports": …,
///  "mode_accuracy_by_label": {"bus": 0.7, "car": 0.93, …},
///  "confusion": {"car": {"car": 10.25, "stationary": 0.5}, …},
///  "per_user": [{"user": "010", "walk_removed": false, "labelled_hours": …, … , "confusion": {…}}, …]}
/// </code>
/// Ratios are rounded to 4 decimals, hours to 3, seconds to 1; a ratio without denominator (or a median without
/// values) is null. <c>confusion</c> is label mode → predicted → hours, keys in ordinal order. <c>users</c> is
/// <see cref="TimelineScore.UserCount"/>; <c>per_user</c> is left out when <see cref="TimelineScore.Users"/> is
/// empty (<c>score with { Users = [] }</c> prints the pooled figures only).
/// </summary>
public static class TimelineScoreJson
{
    /// <summary>Writes <paramref name="score"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, TimelineScore score)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(score);
        writer.WriteStartObject();
        writer.WriteNumber("users", score.UserCount);
        WriteFigures(writer, score.Total);
        if (score.Users.Count > 0)
        {
            writer.WriteStartArray("per_user");
            foreach (var user in score.Users)
            {
                writer.WriteStartObject();
                writer.WriteString("user", user.UserId);
                writer.WriteBoolean("walk_removed", user.WalkRemoved);
                WriteFigures(writer, user);
                writer.WriteStartArray("missed_legs");
                foreach (var miss in user.MissedLegs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("start", miss.Leg.Start);
                    writer.WriteString("end", miss.Leg.End);
                    writer.WriteString("label", miss.Leg.LabelMode);
                    writer.WriteNumber("scored_min", Math.Round(miss.ScoredSeconds / 60, 1));
                    writer.WriteNumber("best_transport_min", Math.Round(miss.BestTransportSeconds / 60, 1));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary><paramref name="score"/> as a JSON string (indented by default).</summary>
    public static string Serialize(TimelineScore score, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, score);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteFigures(Utf8JsonWriter writer, UserTimelineScore score)
    {
        writer.WriteNumber("labelled_hours", Math.Round(score.LabelledSeconds / 3600, 3));
        WriteRounded(writer, "mode_accuracy", score.ModeAccuracy, 4);
        WriteRounded(writer, "coarse_mode_accuracy", score.CoarseModeAccuracy, 4);
        WriteRounded(writer, "segmentation_recall", score.SegmentationRecall, 4);
        WriteRounded(writer, "segmentation_precision", score.SegmentationPrecision, 4);
        WriteRounded(writer, "boundary_error_median_s", score.BoundaryErrorMedianSeconds, 1);
        writer.WriteNumber("legs", score.TotalLegs);
        writer.WriteNumber("recalled_legs", score.RecalledLegs);
        writer.WriteNumber("transports", score.CountedTransports);
        writer.WriteNumber("precise_transports", score.PreciseTransports);
        writer.WriteStartObject("mode_accuracy_by_label");
        foreach (var (label, _, accuracy) in score.ModeAccuracyByLabel)
        {
            writer.WriteNumber(label, Math.Round(accuracy, 4));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("confusion");
        foreach (var row in score.Confusion.GroupBy(kv => kv.Key.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(row.Key);
            foreach (var cell in row.OrderBy(kv => kv.Key.Predicted, StringComparer.Ordinal))
            {
                writer.WriteNumber(cell.Key.Predicted, Math.Round(cell.Value / 3600, 3));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteRounded(Utf8JsonWriter writer, string name, double? value, int decimals)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, decimals));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
