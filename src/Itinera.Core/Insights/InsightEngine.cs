using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>What the insight rules found for one user.</summary>
/// <param name="Moments">Moments ending after the report start (or going on), in start order; ongoing ones have no end.</param>
/// <param name="Segments">The user's segments over the last nine weeks, by id.</param>
/// <param name="Anomalies">Anomalies of the whole days from the report start on.</param>
public sealed record InsightResult(IReadOnlyList<Moment> Moments, IReadOnlyList<UserSegment> Segments, IReadOnlyList<Anomaly> Anomalies);

/// <summary>
/// Computes a user's moments, segments and anomalies from their timeline. Pure and deterministic: the same events,
/// zone and instants give the same result. Only the last nine weeks before <c>now</c> are read, so the cost does not
/// grow with the history.
/// </summary>
public static class InsightEngine
{
    /// <summary>How much history the rules read: segments, routines and baselines all look back nine weeks.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(63);

    /// <param name="events">The user's timeline events overlapping [<paramref name="now"/> − <see cref="History"/>, <paramref name="now"/>), any order.</param>
    /// <param name="timeZoneId">The user's IANA time zone (local days, day parts, routines).</param>
    /// <param name="now">The instant of the computation: events still going on end here, moments going on have no end.</param>
    /// <param name="reportFrom">Moments and anomalies are produced from here on (the part of the timeline that changed).</param>
    /// <param name="driving">The user's car driving over the same nine weeks (driving-behaviour segments); none when null.</param>
    public static InsightResult Compute(IEnumerable<TimelineEvent> events, string timeZoneId, DateTimeOffset now, DateTimeOffset reportFrom, DrivingProfile? driving = null)
    {
        var timeline = InsightTimeline.From(events, timeZoneId, now, now - History);
        var segments = SegmentDetector.Detect(timeline);
        if (timeline.Days.Count >= SegmentDetector.MinDays && driving is not null)
        {
            segments = [.. segments.Concat(DrivingSegmentRules.Detect(driving)).OrderBy(s => s.DefinitionId, StringComparer.Ordinal)];
        }

        return new InsightResult(MomentDetector.Detect(timeline, reportFrom), segments, AnomalyDetector.Detect(timeline, reportFrom));
    }
}
