using Itinera.Core.Driving.Scoring;
using Itinera.Core.Insights;
using Itinera.Core.Time;
using Itinera.Storage.Resources;

namespace Itinera.Storage.Processing;

/// <summary>
/// The step after the timeline: recomputes a user's moments, segments and anomalies from the last nine weeks of their
/// stored timeline, and replaces those the new data can have changed (from the Monday of the week the changed window
/// starts in, a day earlier: moments ending after it, anomalies starting from it; all segments). The nine weeks are
/// read from the compact day buckets the timeline writes with its events, and only insights that changed are
/// written, so what grows with the history stays small.
/// </summary>
public sealed class InsightProcessor(UserResourceStore resources)
{
    /// <summary>How far before the changed window moments and anomalies are recomputed (a journey or a day that began earlier).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <param name="changedFromMs">The start of the timeline window that was just rewritten, epoch milliseconds.</param>
    /// <param name="asOf">The instant the insights describe: now for live data, the end of the data otherwise.</param>
    /// <param name="carTrips">The user's recent car transports when the caller has them (the driving stage reads the
    /// nine weeks up to the latest one, which cover this window); read here when null.</param>
    public async Task UpdateAsync(
        string userId, string timeZoneId, long changedFromMs, DateTimeOffset asOf, IReadOnlyList<TransportFeatures>? carTrips = null, CancellationToken ct = default)
    {
        var events = await resources.ListInsightEventsAsync(userId, asOf - InsightEngine.History, asOf, ct);
        var changed = DateTimeOffset.FromUnixTimeMilliseconds(changedFromMs);

        // From the local Monday of the week the change touched (minus the margin): weekly day counts are redone whole.
        var day = DateOnly.FromDateTime(TimeZones.ToLocal((changed < asOf ? changed : asOf) - Margin, timeZoneId).DateTime);
        var reportFrom = TimeZones.StartOfLocalDay(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), timeZoneId);
        carTrips ??= await resources.ListDrivingFeaturesAsync(userId, (asOf - InsightEngine.History).ToUnixTimeMilliseconds(), asOf.ToUnixTimeMilliseconds() + 1, ct);
        var driving = DrivingProfile.Of(carTrips.Where(t => t.Start >= asOf - InsightEngine.History && t.Start <= asOf));
        var result = InsightEngine.Compute(events, timeZoneId, asOf, reportFrom, driving);
        await resources.ReplaceInsightsFromAsync(userId, reportFrom.ToUnixTimeMilliseconds(), result.Moments,
            [.. result.Anomalies.Where(a => a.Start >= reportFrom)], result.Segments, ct);
    }
}
