using Itinera.Core.Driving;
using Itinera.Core.Driving.Scoring;
using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Maps;
using Itinera.Core.Timeline;
using Itinera.Storage.Maps;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;

namespace Itinera.Storage.Processing;

/// <summary>
/// The driving part of processing: matches road transports (car, bus, motorcycle) to the imported map, giving their
/// waypoints a road type and speed limit; detects harsh events and phone use in car transports and scores them; and
/// keeps the user's car_behavior and aggregated driving scores up to date. Without an imported map, trajectories keep
/// no road data and legal scores are −1.
/// </summary>
public sealed class DrivingStage(MapStore maps, RawDataStore raw, UserResourceStore resources)
{
    private static readonly HashSet<string> RoadModes = new(StringComparer.Ordinal) { TransportModes.Car, TransportModes.Bus, TransportModes.Motorcycle };

    /// <summary>The transport with its trajectory matched to roads and, for a car, its annotations, scores and features.</summary>
    /// <param name="fixes">The transport's cleaned fixes, one per trajectory waypoint.</param>
    /// <param name="roads">A road network known to cover the transport (the processing window's); loaded when null.</param>
    public async Task<StoredEvent> AnalyzeAsync(string userId, StoredEvent stored, IReadOnlyList<Fix> fixes, RoadNetwork? roads = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(fixes);
        var transport = stored.Event.Transport;
        if (transport is null || stored.Trajectory is not { Waypoints.Count: >= 2 } trajectory || !RoadModes.Contains(transport.Mode))
        {
            return stored;
        }

        var waypoints = await MatchAsync(trajectory.Waypoints, roads, ct);
        var matched = trajectory with { Waypoints = waypoints };
        if (transport.Mode != TransportModes.Car)
        {
            return stored with { Trajectory = matched };
        }

        var startMs = waypoints[0].Timestamp.ToUnixTimeMilliseconds();
        var endMs = waypoints[^1].Timestamp.ToUnixTimeMilliseconds() + 1;
        var motion = await raw.ReadMotionAsync(userId, startMs, endMs, ct);
        var phoneEvents = await raw.ReadPhoneEventsAsync(userId, startMs, endMs, ct);
        var limits = waypoints.Select(w => (double?)w.SpeedLimitKmh).ToList();
        var detections = waypoints.Count == fixes.Count ? DriveDetector.Detect(fixes, limits, motion, phoneEvents) : new DriveDetections([]);
        var features = DriveAnalyzer.Features(waypoints, detections);
        var ev = stored.Event with { Transport = transport with { BehaviorFeatures = DriveAnalyzer.BehaviorFeatures(features) } };
        return stored with
        {
            Event = ev,
            Trajectory = matched,
            Scores = DrivingScorer.Score(features.All),
            Annotations = detections.Annotations,
            DrivingFeatures = features,
        };
    }

    /// <summary>
    /// Recomputes car_behavior and the <c>all</c> scores (the nine weeks up to the user's latest car transport: "the
    /// last 7 days of data", so replayed or imported history aggregates as it would have live), and the day, week and
    /// month scores of every period from the one containing <paramref name="fromMs"/> on. Reads nine weeks of
    /// per-transport features at most, whatever the history.
    /// </summary>
    /// <returns>The car transports of the nine weeks up to the user's latest one (for the insight step to reuse).</returns>
    public async Task<IReadOnlyList<TransportFeatures>> RefreshAggregatesAsync(string userId, long fromMs, CancellationToken ct = default)
    {
        if (await resources.FindLatestDrivingFeaturesStartAsync(userId, ct) is not { } latestMs)
        {
            // Reprocessing may have taken the user's last car trips away (they were buses after all).
            await resources.DeleteDrivingAggregatesAsync(userId, ct);
            return [];
        }

        var anchor = DateTimeOffset.FromUnixTimeMilliseconds(latestMs + 1);
        var windowStart = anchor - DrivingAggregates.Window;
        var earliest = DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(fromMs, windowStart.ToUnixTimeMilliseconds()));
        var firstPeriodDay = DrivingAggregates.PeriodStart(ScorePeriod.Month, earliest)!.Value;
        var loadFrom = Math.Min(windowStart.ToUnixTimeMilliseconds(), new DateTimeOffset(firstPeriodDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds());
        var transports = await resources.ListDrivingFeaturesAsync(userId, loadFrom, anchor.ToUnixTimeMilliseconds(), ct);
        var window = transports.Where(t => t.Start >= windowStart).ToList();

        await resources.SaveCarBehaviorAsync(userId, DrivingAggregates.CarBehavior(window, anchor), ct);
        await resources.SaveDrivingScoreAggregateAsync(userId, ScorePeriod.All, null, DrivingAggregates.Period(window), ct);
        // Periods up to the latest trip, and at least the one the change starts in (it may have lost its last trip).
        var anchorDay = DateOnly.FromDateTime(anchor.UtcDateTime);
        var changedDay = DateOnly.FromDateTime(earliest.UtcDateTime);
        var lastDay = anchorDay > changedDay ? anchorDay : changedDay;
        foreach (var period in (ScorePeriod[])[ScorePeriod.Day, ScorePeriod.Week, ScorePeriod.Month])
        {
            var start = DrivingAggregates.PeriodStart(period, earliest)!.Value;
            while (start <= lastDay)
            {
                var end = DrivingAggregates.PeriodEnd(period, start);
                var inPeriod = transports.Where(t => DateOnly.FromDateTime(t.Start.UtcDateTime) >= start && DateOnly.FromDateTime(t.Start.UtcDateTime) < end).ToList();
                if (inPeriod.Count > 0)
                {
                    await resources.SaveDrivingScoreAggregateAsync(userId, period, start, DrivingAggregates.Period(inPeriod), ct);
                }
                else
                {
                    // Reprocessing can take a period's last car trip away (it was a bus after all).
                    await resources.DeleteDrivingScoreAggregateAsync(userId, period, start, ct);
                }

                start = end;
            }
        }

        return window;
    }

    private async Task<IReadOnlyList<TrajectoryWaypoint>> MatchAsync(IReadOnlyList<TrajectoryWaypoint> waypoints, RoadNetwork? roads, CancellationToken ct)
    {
        GeoPoint[] points = [.. waypoints.Select(w => new GeoPoint(w.Latitude, w.Longitude))];
        var network = roads ?? await maps.NetworkAlongAsync(points, ct);
        if (network is null)
        {
            return waypoints;
        }

        var matched = new MapMatcher(network).Match(points);
        var result = new TrajectoryWaypoint[waypoints.Count];
        for (var i = 0; i < waypoints.Count; i++)
        {
            var road = matched[i].IsMatched ? network.RoadOf(matched[i].Segment) : null;
            result[i] = waypoints[i] with { RoadType = road?.Highway, SpeedLimitKmh = road?.SpeedLimitKmh };
        }

        return result;
    }
}
