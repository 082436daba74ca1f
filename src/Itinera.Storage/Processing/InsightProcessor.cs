using Itinera.Core.Insights;
using Itinera.Core.Time;
using Itinera.Storage.Resources;

namespace Itinera.Storage.Processing;

/// <summary>
/// The step after the timeline: recomputes a user's moments, segments and anomalies from the last nine weeks of their
/// stored timeline, and replaces those the new data can have changed (moments ending after the changed window's start,
/// anomalies of its days, all segments). The read is bounded by the nine weeks, whatever the history.
/// </summary>
public sealed class InsightProcessor(UserResourceStore resources)
{
    /// <summary>How far before the changed window moments and anomalies are recomputed (a journey or a day that began earlier).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <param name="changedFromMs">The start of the timeline window that was just rewritten, epoch milliseconds.</param>
    /// <param name="asOf">The instant the insights describe: now for live data, the end of the data otherwise.</param>
    public async Task UpdateAsync(string userId, string timeZoneId, long changedFromMs, DateTimeOffset asOf, CancellationToken ct = default)
    {
        var events = await resources.ListEventsAsync(userId, asOf - InsightEngine.History, asOf, ct);
        var changed = DateTimeOffset.FromUnixTimeMilliseconds(changedFromMs);
        var reportFrom = (changed < asOf ? changed : asOf) - Margin;
        var result = InsightEngine.Compute(events, timeZoneId, asOf, reportFrom);

        // Anomalies are per local day: replace whole days.
        var firstDay = TimeZones.StartOfLocalDay(DateOnly.FromDateTime(TimeZones.ToLocal(reportFrom, timeZoneId).DateTime), timeZoneId);
        await resources.ReplaceMomentsFromAsync(userId, reportFrom.ToUnixTimeMilliseconds(), result.Moments, ct);
        await resources.ReplaceAnomaliesFromAsync(userId, firstDay.ToUnixTimeMilliseconds(), result.Anomalies.Where(a => a.Start >= firstDay), ct);
        await resources.ReplaceSegmentsAsync(userId, result.Segments, ct);
    }
}
