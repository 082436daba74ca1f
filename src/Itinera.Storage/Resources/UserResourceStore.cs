using System.Data.Common;
using Dapper;
using Itinera.Core.Driving;
using Itinera.Core.Driving.Scoring;
using Itinera.Core.Insights;
using Itinera.Core.Places;
using Itinera.Core.Places.Detection;
using Itinera.Core.Timeline;

namespace Itinera.Storage.Resources;

/// <summary>
/// The derived resources the API serves, per user: timeline events with their trajectories, scores and
/// annotations; segments, moments, location clusters, the last location, anomalies and driving aggregates.
/// Writers replace a user's rows for a resource in one transaction so readers never see half a result.
/// </summary>
public sealed class UserResourceStore(Database database)
{
    /// <summary>Every table that holds rows of a user, by <c>user_id</c>; deleting a user empties them all.</summary>
    public static IReadOnlyList<string> UserTables { get; } =
    [
        "events", "trajectories", "behavior_scores", "behavior_annotations", "segments", "moments",
        "location_clusters", "last_locations", "anomalies", "insight_days", "car_behavior", "driving_score_aggregates", "transport_driving_features",
        "sensor_chunks", "uploads", "processing_queue", "user_tokens", "auth_codes", "installs", "sdk_users",
    ];

    // ---- Events ----

    /// <summary>Inserts or replaces events, with their trajectory, scores and annotations when given.</summary>
    public async Task SaveEventsAsync(string userId, IEnumerable<StoredEvent> events, CancellationToken ct = default)
    {
        var list = events.ToList();
        if (list.Count == 0)
        {
            return;
        }

        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);

        // An event saved again may have moved: its old bucket is rewritten too.
        var from = list.Min(e => e.Event.Start.ToUnixTimeMilliseconds());
        foreach (var e in list)
        {
            var old = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT start_ms FROM events WHERE user_id = @userId AND event_id = @id", new { userId, id = e.Event.EventId }, tx, cancellationToken: ct));
            from = Math.Min(from, old ?? long.MaxValue);
            await WriteEventAsync(c, tx, userId, e, ct);
        }

        await RewriteInsightDaysAsync(c, tx, userId, from, long.MaxValue, [], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Inserts or replaces one event with the resources hanging off it, inside the caller's transaction.</summary>
    private static async Task WriteEventAsync(DbConnection c, DbTransaction tx, string userId, StoredEvent e, CancellationToken ct)
    {
        var ev = e.Event;
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO events (user_id, event_id, kind, start_ms, end_ms, latitude, longitude, body) VALUES (@userId, @id, @kind, @start, @end, @lat, @lon, @body) "
            + "ON CONFLICT (user_id, event_id) DO UPDATE SET kind = excluded.kind, start_ms = excluded.start_ms, end_ms = excluded.end_ms, "
            + "latitude = excluded.latitude, longitude = excluded.longitude, body = excluded.body",
            new
            {
                userId,
                id = ev.EventId,
                kind = ev.Kind.ToString(),
                start = ev.Start.ToUnixTimeMilliseconds(),
                end = ev.End?.ToUnixTimeMilliseconds(),
                lat = ev.Stationary?.Latitude,
                lon = ev.Stationary?.Longitude,
                body = StoredJson.Write(ev),
            },
            tx, cancellationToken: ct));
        await UpsertBodyAsync(c, tx, "trajectories", userId, ev.EventId, e.Trajectory, ct);
        await UpsertBodyAsync(c, tx, "behavior_scores", userId, ev.EventId, e.Scores, ct);
        await UpsertBodyAsync(c, tx, "behavior_annotations", userId, ev.EventId, e.Annotations, ct);
        if (e.DrivingFeatures is null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM transport_driving_features WHERE user_id = @userId AND event_id = @eventId", new { userId, eventId = ev.EventId }, tx, cancellationToken: ct));
        }
        else
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO transport_driving_features (user_id, event_id, start_ms, body, packed) VALUES (@userId, @eventId, @start, NULL, @packed)
                ON CONFLICT (user_id, event_id) DO UPDATE SET start_ms = excluded.start_ms, body = NULL, packed = excluded.packed
                """,
                new { userId, eventId = ev.EventId, start = ev.Start.ToUnixTimeMilliseconds(), packed = PackedZoneFeatures.Pack(e.DrivingFeatures) }, tx, cancellationToken: ct));
        }
    }

    /// <summary>When the user's latest car transport with driving features started (epoch ms), if any.</summary>
    public async Task<long?> FindLatestDrivingFeaturesStartAsync(string userId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(start_ms) FROM transport_driving_features WHERE user_id = @userId", new { userId }, cancellationToken: ct));
    }

    /// <summary>The driving features of the car transports that started in [<paramref name="fromMs"/>, <paramref name="toMs"/>).</summary>
    public async Task<IReadOnlyList<TransportFeatures>> ListDrivingFeaturesAsync(string userId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(string EventId, long StartMs, string? Body, byte[]? Packed)>(new CommandDefinition(
            "SELECT event_id, start_ms, body, packed FROM transport_driving_features WHERE user_id = @userId AND start_ms >= @fromMs AND start_ms < @toMs ORDER BY start_ms",
            new { userId, fromMs, toMs }, cancellationToken: ct));
        // Rows written before migration 0010 hold JSON bodies; later ones are packed.
        return [.. rows.Select(r => new TransportFeatures(r.EventId, DateTimeOffset.FromUnixTimeMilliseconds(r.StartMs),
            r.Packed is { } packed ? PackedZoneFeatures.Unpack(packed) : StoredJson.Read<ZoneFeatures>(r.Body ?? throw new InvalidDataException("Driving features with neither body nor packed form."))))];
    }

    private static async Task UpsertBodyAsync<T>(DbConnection c, DbTransaction tx, string table, string userId, string eventId, T? value, CancellationToken ct)
        where T : class
    {
        if (value is null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE user_id = @userId AND event_id = @eventId", new { userId, eventId }, tx, cancellationToken: ct));
            return;
        }

        await c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {table} (user_id, event_id, body) VALUES (@userId, @eventId, @body)
            ON CONFLICT (user_id, event_id) DO UPDATE SET body = excluded.body
            """,
            new { userId, eventId, body = StoredJson.Write(value) }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Replaces every event that starts at or after <paramref name="fromMs"/> (with its trajectory, scores and
    /// annotations) by <paramref name="events"/>, in one transaction: readers see the old timeline or the new one.
    /// </summary>
    public async Task ReplaceEventsFromAsync(string userId, long fromMs, IEnumerable<StoredEvent> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var table in new[] { "trajectories", "behavior_scores", "behavior_annotations", "transport_driving_features" })
        {
            await c.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE user_id = @userId AND event_id IN (SELECT event_id FROM events WHERE user_id = @userId AND start_ms >= @fromMs)",
                new { userId, fromMs }, tx, cancellationToken: ct));
        }

        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM events WHERE user_id = @userId AND start_ms >= @fromMs", new { userId, fromMs }, tx, cancellationToken: ct));
        var written = new List<TimelineEvent>();
        foreach (var e in events)
        {
            await WriteEventAsync(c, tx, userId, e, ct);
            written.Add(e.Event);
        }

        await RewriteInsightDaysAsync(c, tx, userId, Math.Min(fromMs, written.Count > 0 ? written.Min(e => e.Start.ToUnixTimeMilliseconds()) : fromMs),
            fromMs, [.. written.Where(e => e.Start.ToUnixTimeMilliseconds() >= fromMs)], ct);
        await tx.CommitAsync(ct);
    }

    // ---- Insight days ----

    private const long DayMs = 86_400_000;

    private static long BucketOf(long ms) => ms - (((ms % DayMs) + DayMs) % DayMs);

    /// <summary>
    /// Rewrites the user's insight buckets (table <c>insight_days</c>) from the one holding <paramref name="fromMs"/> on,
    /// inside the caller's transaction, after the events changed: from the stored events before
    /// <paramref name="splitMs"/> and <paramref name="written"/> (the events from <paramref name="splitMs"/> on, already
    /// in memory). A user with events but no earlier bucket (events from before the buckets existed) gets all of them rebuilt.
    /// </summary>
    private static async Task RewriteInsightDaysAsync(
        DbConnection c, DbTransaction tx, string userId, long fromMs, long splitMs, IReadOnlyList<TimelineEvent> written, CancellationToken ct)
    {
        var bucket = BucketOf(fromMs);
        var earliest = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(start_ms) FROM events WHERE user_id = @userId AND start_ms < @bucket", new { userId, bucket }, tx, cancellationToken: ct));
        if (earliest is { } first && !await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM insight_days WHERE user_id = @userId AND day_ms < @bucket)", new { userId, bucket }, tx, cancellationToken: ct)))
        {
            bucket = BucketOf(first);
        }

        var stored = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT body FROM events WHERE user_id = @userId AND start_ms >= @bucket AND start_ms < @splitMs",
            new { userId, bucket, splitMs }, tx, cancellationToken: ct));
        var items = stored.Select(StoredJson.Read<TimelineEvent>).Concat(written)
            .OrderBy(e => e.Start).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM insight_days WHERE user_id = @userId AND day_ms >= @bucket", new { userId, bucket }, tx, cancellationToken: ct));
        foreach (var day in items.GroupBy(e => BucketOf(e.Start.ToUnixTimeMilliseconds())))
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO insight_days (user_id, day_ms, until_ms, packed) VALUES (@userId, @day, @until, @packed)",
                new
                {
                    userId,
                    day = day.Key,
                    until = day.Max(e => e.End?.ToUnixTimeMilliseconds() ?? long.MaxValue),
                    packed = PackedInsightDay.Pack([.. day]),
                },
                tx, cancellationToken: ct));
        }
    }

    /// <summary>
    /// The user's events overlapping [<paramref name="from"/>, <paramref name="to"/>) as the insight rules read them
    /// (<see cref="InsightTimeline.From"/>), sorted by start: kind, times, zone, the stay's details, the transport's
    /// mode and distance — without ids (empty) or driving features. Read from the day buckets, far cheaper than the
    /// events' bodies (<see cref="ListEventsAsync"/> gives the same events in full).
    /// </summary>
    public async Task<IReadOnlyList<TimelineEvent>> ListInsightEventsAsync(string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        await using var c = await database.OpenConnectionAsync(ct);
        // Only the until_ms bound goes to the database, so that its index is the one used: the buckets ending after
        // the window starts are the window's and the few after it, whatever the history.
        var rows = await c.QueryAsync<(long Day, byte[] Packed)>(new CommandDefinition(
            "SELECT day_ms, packed FROM insight_days WHERE user_id = @userId AND until_ms > @fromMs",
            new { userId, fromMs }, cancellationToken: ct));
        var events = new List<TimelineEvent>();
        foreach (var packed in rows.Where(r => r.Day < toMs).OrderBy(r => r.Day).Select(r => r.Packed))
        {
            PackedInsightDay.Unpack(packed, fromMs, toMs, events);
        }

        return events;
    }

    /// <summary>The stays that started in [<paramref name="fromMs"/>, <paramref name="toMs"/>), as place detection needs them
    /// (an ongoing stay ends at its start).</summary>
    public async Task<IReadOnlyList<StayVisit>> ListStayVisitsAsync(string userId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(long StartMs, long? EndMs, double Latitude, double Longitude)>(new CommandDefinition(
            """
            SELECT start_ms, end_ms, latitude, longitude FROM events
            WHERE user_id = @userId AND kind = 'Stationary' AND start_ms >= @fromMs AND start_ms < @toMs AND latitude IS NOT NULL
            ORDER BY start_ms
            """,
            new { userId, fromMs, toMs }, cancellationToken: ct));
        return [.. rows.Select(r => new StayVisit(r.StartMs, r.EndMs ?? r.StartMs, r.Latitude, r.Longitude))];
    }

    /// <summary>The start of the earliest event still going on at <paramref name="ms"/> (ongoing or ending later), if any.</summary>
    public async Task<long?> FindStartOfEventAtAsync(string userId, long ms, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            // By end (index events_by_end), not by start: the events ending after ms are few, those starting before
            // it are the whole history. The unary plus keeps the start condition off the index.
            """
            SELECT MIN(s) FROM (
                SELECT start_ms AS s FROM events WHERE user_id = @userId AND end_ms >= @ms AND +start_ms <= @ms
                UNION ALL
                SELECT start_ms FROM events WHERE user_id = @userId AND end_ms IS NULL AND +start_ms <= @ms) AS going_on
            """,
            new { userId, ms }, cancellationToken: ct));
    }

    /// <summary>Events overlapping [<paramref name="from"/>, <paramref name="to"/>), sorted by start.</summary>
    public async Task<IReadOnlyList<TimelineEvent>> ListEventsAsync(string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var bodies = await c.QueryAsync<string>(new CommandDefinition(
            // Events partition the timeline: those overlapping the window start at the latest start at or before it, or
            // later. Both bounds come from the start index, so a day's read does not scan the history before it.
            """
            SELECT body FROM events
            WHERE user_id = @userId AND start_ms < @to
              AND start_ms >= COALESCE((SELECT MAX(start_ms) FROM events WHERE user_id = @userId AND start_ms <= @from), @from)
              AND (end_ms IS NULL OR end_ms > @from)
            ORDER BY start_ms, event_id
            """,
            new { userId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return [.. bodies.Select(StoredJson.Read<TimelineEvent>)];
    }

    public async Task<TimelineEvent?> FindEventAsync(string userId, string eventId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var body = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT body FROM events WHERE user_id = @userId AND event_id = @eventId", new { userId, eventId }, cancellationToken: ct));
        return body is null ? null : StoredJson.Read<TimelineEvent>(body);
    }

    /// <summary>The event that starts at <paramref name="start"/> (to the millisecond).</summary>
    public async Task<TimelineEvent?> FindEventByStartAsync(string userId, DateTimeOffset start, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var body = await c.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT body FROM events WHERE user_id = @userId AND start_ms = @start ORDER BY event_id",
            new { userId, start = start.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return body is null ? null : StoredJson.Read<TimelineEvent>(body);
    }

    public Task<Trajectory?> FindTrajectoryAsync(string userId, string eventId, CancellationToken ct = default) =>
        FindEventBodyAsync<Trajectory>("trajectories", userId, eventId, ct);

    public Task<DrivingScores?> FindBehaviorScoresAsync(string userId, string eventId, CancellationToken ct = default) =>
        FindEventBodyAsync<DrivingScores>("behavior_scores", userId, eventId, ct);

    public async Task<IReadOnlyList<BehaviorAnnotation>?> FindBehaviorAnnotationsAsync(string userId, string eventId, CancellationToken ct = default) =>
        await FindEventBodyAsync<List<BehaviorAnnotation>>("behavior_annotations", userId, eventId, ct);

    private async Task<T?> FindEventBodyAsync<T>(string table, string userId, string eventId, CancellationToken ct)
        where T : class
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var body = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT body FROM {table} WHERE user_id = @userId AND event_id = @eventId", new { userId, eventId }, cancellationToken: ct));
        return body is null ? null : StoredJson.Read<T>(body);
    }

    // ---- Segments, moments, clusters, anomalies ----

    /// <summary>Replaces the user's segments.</summary>
    public Task ReplaceSegmentsAsync(string userId, IReadOnlyList<UserSegment> segments, CancellationToken ct = default) =>
        ReplaceAsync(userId, "segments", "segment_definition_id", segments, s => s.DefinitionId, ct);

    public async Task<IReadOnlyList<UserSegment>> ListSegmentsAsync(string userId, CancellationToken ct = default) =>
        await ListBodiesAsync<UserSegment>("SELECT body FROM segments WHERE user_id = @userId ORDER BY segment_definition_id", new { userId }, ct);

    /// <summary>Inserts or replaces moments.</summary>
    public Task SaveMomentsAsync(string userId, IEnumerable<Moment> moments, CancellationToken ct = default) =>
        ReplaceMomentsFromAsync(userId, null, moments, ct);

    /// <summary>
    /// Replaces the moments that end after <paramref name="fromMs"/> or are still going on (all of them when null) by
    /// <paramref name="moments"/>, in one transaction: readers see the old moments or the new ones.
    /// </summary>
    public async Task ReplaceMomentsFromAsync(string userId, long? fromMs, IEnumerable<Moment> moments, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (fromMs is { } from)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM moments WHERE user_id = @userId AND (end_ms IS NULL OR end_ms > @from)", new { userId, from }, tx, cancellationToken: ct));
        }

        foreach (var m in moments)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO moments (user_id, moment_id, definition_id, start_ms, end_ms, body) VALUES (@userId, @id, @definition, @start, @end, @body)
                ON CONFLICT (user_id, moment_id) DO UPDATE SET definition_id = excluded.definition_id, start_ms = excluded.start_ms, end_ms = excluded.end_ms, body = excluded.body
                """,
                new
                {
                    userId,
                    id = m.MomentId,
                    definition = m.DefinitionId,
                    start = m.Start.ToUnixTimeMilliseconds(),
                    end = m.End?.ToUnixTimeMilliseconds(),
                    body = StoredJson.Write(m),
                }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Replaces the user's insights in one transaction: the moments that end after <paramref name="fromMs"/> or are
    /// going on, the anomalies starting at or after it, and all segments. Only rows that are new or differ are
    /// written, and those no longer produced deleted: run after run, most of them come out the same.
    /// </summary>
    public async Task ReplaceInsightsFromAsync(
        string userId, long fromMs, IReadOnlyList<Moment> moments, IReadOnlyList<Anomaly> anomalies, IReadOnlyList<UserSegment> segments, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(anomalies);
        ArgumentNullException.ThrowIfNull(segments);
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // Two index ranges (moments_by_end), not an OR that would scan every moment of the user's history.
        await SyncAsync(c, tx, userId, fromMs, "moments", "moment_id",
            "SELECT moment_id, body FROM moments WHERE user_id = @userId AND end_ms IS NULL UNION ALL SELECT moment_id, body FROM moments WHERE user_id = @userId AND end_ms > @from",
            moments, m => m.MomentId,
            """
            INSERT INTO moments (user_id, moment_id, definition_id, start_ms, end_ms, body) VALUES (@userId, @id, @definition, @start, @end, @body)
            ON CONFLICT (user_id, moment_id) DO UPDATE SET definition_id = excluded.definition_id, start_ms = excluded.start_ms, end_ms = excluded.end_ms, body = excluded.body
            """,
            (m, body) => new { userId, id = m.MomentId, definition = m.DefinitionId, start = m.Start.ToUnixTimeMilliseconds(), end = m.End?.ToUnixTimeMilliseconds(), body }, ct);
        await SyncAsync(c, tx, userId, fromMs, "anomalies", "anomaly_id", "SELECT anomaly_id, body FROM anomalies WHERE user_id = @userId AND start_ms >= @from",
            anomalies, a => a.AnomalyId,
            """
            INSERT INTO anomalies (user_id, anomaly_id, start_ms, end_ms, body) VALUES (@userId, @id, @start, @end, @body)
            ON CONFLICT (user_id, anomaly_id) DO UPDATE SET start_ms = excluded.start_ms, end_ms = excluded.end_ms, body = excluded.body
            """,
            (a, body) => new { userId, id = a.AnomalyId, start = a.Start.ToUnixTimeMilliseconds(), end = a.End.ToUnixTimeMilliseconds(), body }, ct);
        await SyncAsync(c, tx, userId, fromMs, "segments", "segment_definition_id", "SELECT segment_definition_id, body FROM segments WHERE user_id = @userId",
            segments, s => s.DefinitionId,
            """
            INSERT INTO segments (user_id, segment_definition_id, body) VALUES (@userId, @id, @body)
            ON CONFLICT (user_id, segment_definition_id) DO UPDATE SET body = excluded.body
            """,
            (s, body) => new { userId, id = s.DefinitionId, body }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Makes the rows <paramref name="select"/> finds (key, body; parameters @userId and @from) those of
    /// <paramref name="items"/>: upserts new or changed ones, deletes the rest.
    /// </summary>
    private static async Task SyncAsync<T>(
        DbConnection c, DbTransaction tx, string userId, long fromMs, string table, string keyColumn, string select, IReadOnlyList<T> items, Func<T, string> key,
        string upsert, Func<T, string, object> row, CancellationToken ct)
    {
        var stored = (await c.QueryAsync<(string Key, string Body)>(new CommandDefinition(select, new { userId, from = fromMs }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key, r => r.Body, StringComparer.Ordinal);
        foreach (var item in items)
        {
            var body = StoredJson.Write(item);
            var id = key(item);
            if (!stored.Remove(id, out var old) || !string.Equals(old, body, StringComparison.Ordinal))
            {
                await c.ExecuteAsync(new CommandDefinition(upsert, row(item, body), tx, cancellationToken: ct));
            }
        }

        foreach (var gone in stored.Keys)
        {
            await c.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE user_id = @userId AND {keyColumn} = @gone", new { userId, gone }, tx, cancellationToken: ct));
        }
    }

    /// <summary>Moments overlapping [<paramref name="from"/>, <paramref name="to"/>), sorted by start. Moments overlap each
    /// other, so they are found by end (moments_by_end): a recent day's read does not scan the history before it.</summary>
    public async Task<IReadOnlyList<Moment>> ListMomentsAsync(string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        await ListBodiesAsync<Moment>(
            """
            SELECT body FROM (
                SELECT body, start_ms, moment_id FROM moments WHERE user_id = @userId AND end_ms > @from AND +start_ms < @to
                UNION ALL
                SELECT body, start_ms, moment_id FROM moments WHERE user_id = @userId AND end_ms IS NULL AND +start_ms < @to) AS m
            ORDER BY start_ms, moment_id
            """,
            new { userId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, ct);

    /// <summary>Moments that are ongoing (no end).</summary>
    public async Task<IReadOnlyList<Moment>> ListActiveMomentsAsync(string userId, CancellationToken ct = default) =>
        await ListBodiesAsync<Moment>(
            "SELECT body FROM moments WHERE user_id = @userId AND end_ms IS NULL ORDER BY start_ms DESC, moment_id", new { userId }, ct);

    /// <summary>Replaces the user's location clusters, in one transaction. Only new or changed ones are written: most of a
    /// long history's places are the same after a day.</summary>
    public async Task ReplaceLocationClustersAsync(string userId, IReadOnlyList<LocationCluster> clusters, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await SyncAsync(c, tx, userId, 0, "location_clusters", "cluster_id", "SELECT cluster_id, body FROM location_clusters WHERE user_id = @userId",
            clusters, l => l.ClusterId,
            """
            INSERT INTO location_clusters (user_id, cluster_id, body) VALUES (@userId, @id, @body)
            ON CONFLICT (user_id, cluster_id) DO UPDATE SET body = excluded.body
            """,
            (l, body) => new { userId, id = l.ClusterId, body }, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<LocationCluster>> ListLocationClustersAsync(string userId, CancellationToken ct = default) =>
        await ListBodiesAsync<LocationCluster>("SELECT body FROM location_clusters WHERE user_id = @userId ORDER BY cluster_id", new { userId }, ct);

    /// <summary>Inserts or replaces anomalies.</summary>
    public Task SaveAnomaliesAsync(string userId, IEnumerable<Anomaly> anomalies, CancellationToken ct = default) =>
        ReplaceAnomaliesFromAsync(userId, null, anomalies, ct);

    /// <summary>
    /// Replaces the anomalies starting at or after <paramref name="fromMs"/> (all of them when null) by
    /// <paramref name="anomalies"/>, in one transaction.
    /// </summary>
    public async Task ReplaceAnomaliesFromAsync(string userId, long? fromMs, IEnumerable<Anomaly> anomalies, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (fromMs is { } from)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM anomalies WHERE user_id = @userId AND start_ms >= @from", new { userId, from }, tx, cancellationToken: ct));
        }

        foreach (var a in anomalies)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO anomalies (user_id, anomaly_id, start_ms, end_ms, body) VALUES (@userId, @id, @start, @end, @body)
                ON CONFLICT (user_id, anomaly_id) DO UPDATE SET start_ms = excluded.start_ms, end_ms = excluded.end_ms, body = excluded.body
                """,
                new { userId, id = a.AnomalyId, start = a.Start.ToUnixTimeMilliseconds(), end = a.End.ToUnixTimeMilliseconds(), body = StoredJson.Write(a) },
                tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<Anomaly>> ListAnomaliesAsync(string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        await ListBodiesAsync<Anomaly>(
            "SELECT body FROM anomalies WHERE user_id = @userId AND start_ms < @to AND end_ms > @from ORDER BY start_ms, anomaly_id",
            new { userId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, ct);

    // ---- Location and driving aggregates ----

    /// <summary>Records a fix as the last location when it is newer than the stored one.</summary>
    public async Task SaveLastLocationAsync(string userId, LocationFix fix, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await UpsertLastLocationAsync(c, null, userId, fix, ct);
    }

    /// <summary>The one place that writes a user's last location, inside the caller's transaction when it has one.</summary>
    internal static Task UpsertLastLocationAsync(DbConnection c, DbTransaction? tx, string userId, LocationFix fix, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO last_locations (user_id, timestamp_ms, body) VALUES (@userId, @ts, @body)
            ON CONFLICT (user_id) DO UPDATE SET timestamp_ms = excluded.timestamp_ms, body = excluded.body
            WHERE excluded.timestamp_ms >= last_locations.timestamp_ms
            """,
            new { userId, ts = fix.Timestamp.ToUnixTimeMilliseconds(), body = StoredJson.Write(fix) }, tx, cancellationToken: ct));

    public async Task<LocationFix?> FindLastLocationAsync(string userId, CancellationToken ct = default) =>
        (await ListBodiesAsync<LocationFix>("SELECT body FROM last_locations WHERE user_id = @userId", new { userId }, ct)).SingleOrDefault();

    public async Task SaveCarBehaviorAsync(string userId, CarBehaviorSummary summary, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO car_behavior (user_id, body) VALUES (@userId, @body)
            ON CONFLICT (user_id) DO UPDATE SET body = excluded.body
            """,
            new { userId, body = StoredJson.Write(summary) }, cancellationToken: ct));
    }

    public async Task<CarBehaviorSummary?> FindCarBehaviorAsync(string userId, CancellationToken ct = default) =>
        (await ListBodiesAsync<CarBehaviorSummary>("SELECT body FROM car_behavior WHERE user_id = @userId", new { userId }, ct)).SingleOrDefault();

    /// <summary>Stores the scores of one period; <paramref name="periodStart"/> is the period's first day (or null for <see cref="ScorePeriod.All"/>).</summary>
    public async Task SaveDrivingScoreAggregateAsync(string userId, ScorePeriod period, DateOnly? periodStart, DrivingScores scores, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO driving_score_aggregates (user_id, period, period_start, body) VALUES (@userId, @period, @start, @body)
            ON CONFLICT (user_id, period, period_start) DO UPDATE SET body = excluded.body
            """,
            new { userId, period = period.ToString(), start = PeriodKey(periodStart), body = StoredJson.Write(scores) }, cancellationToken: ct));
    }

    /// <summary>Removes the scores of one period (it no longer has car transports).</summary>
    public async Task DeleteDrivingScoreAggregateAsync(string userId, ScorePeriod period, DateOnly? periodStart, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM driving_score_aggregates WHERE user_id = @userId AND period = @period AND period_start = @start",
            new { userId, period = period.ToString(), start = PeriodKey(periodStart) }, cancellationToken: ct));
    }

    /// <summary>Removes car_behavior and every aggregated driving score of a user (who has no car transport left).</summary>
    public async Task DeleteDrivingAggregatesAsync(string userId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM car_behavior WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM driving_score_aggregates WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<DrivingScores?> FindDrivingScoreAggregateAsync(string userId, ScorePeriod period, DateOnly? periodStart, CancellationToken ct = default) =>
        (await ListBodiesAsync<DrivingScores>(
            "SELECT body FROM driving_score_aggregates WHERE user_id = @userId AND period = @period AND period_start = @start",
            new { userId, period = period.ToString(), start = PeriodKey(periodStart) }, ct)).SingleOrDefault();

    private static string PeriodKey(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "all";

    // ---- Deletion ----

    /// <summary>Deletes the user and every row of its data in every table, in one transaction.</summary>
    /// <returns>True when the user existed.</returns>
    public async Task<bool> DeleteUserAsync(string userId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var existed = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sdk_users WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        // Pending user-creation codes name the user by external id only.
        await c.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM auth_codes WHERE kind = 'sdk_user' AND EXISTS (
                SELECT 1 FROM sdk_users u WHERE u.user_id = @userId AND u.app_id = auth_codes.app_id AND u.external_id = auth_codes.external_id)
            """,
            new { userId }, tx, cancellationToken: ct));
        foreach (var table in UserTables)
        {
            await c.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return existed > 0;
    }

    // ---- Shared ----

    private async Task ReplaceAsync<T>(string userId, string table, string keyColumn, IReadOnlyList<T> items, Func<T, string> key, CancellationToken ct)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        foreach (var item in items)
        {
            await c.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table} (user_id, {keyColumn}, body) VALUES (@userId, @key, @body)",
                new { userId, key = key(item), body = StoredJson.Write(item) }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    private async Task<IReadOnlyList<T>> ListBodiesAsync<T>(string sql, object args, CancellationToken ct)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var bodies = await c.QueryAsync<string>(new CommandDefinition(sql, args, cancellationToken: ct));
        return [.. bodies.Select(StoredJson.Read<T>)];
    }
}

/// <summary>An event with the resources hanging off it, as written by the pipeline.</summary>
public sealed record StoredEvent(
    TimelineEvent Event,
    Trajectory? Trajectory = null,
    DrivingScores? Scores = null,
    IReadOnlyList<BehaviorAnnotation>? Annotations = null,
    ZoneFeatures? DrivingFeatures = null);
