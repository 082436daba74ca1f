using System.Data.Common;
using System.Text.Json;
using Dapper;
using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Chunks;
using Itinera.Core.Places;
using Itinera.Storage.Processing;
using Itinera.Storage.Resources;

namespace Itinera.Storage.Raw;

/// <summary>One upload to store for one user.</summary>
public sealed record UploadWrite(string UserId, UploadBatch Batch);

/// <summary>
/// Raw sensor data: writes uploads (idempotent by upload id, deduplicated by timestamp, compact chunks)
/// and reads fixes back. Several uploads are written in one transaction (group commit) so that SQLite's
/// single writer is not the bottleneck; an upload is acknowledged only after its transaction commits.
/// </summary>
public sealed class RawDataStore(Database database, TimeProvider time)
{
    /// <summary>A chunk never spans more than this, so a time-range query scans a bounded index range.</summary>
    public static readonly long MaxChunkSpanMs = (long)TimeSpan.FromHours(24).TotalMilliseconds;

    /// <summary>At most this many fixes per chunk.</summary>
    public const int MaxFixesPerChunk = 4096;

    /// <summary>The newest chunk is rewritten with new data while it holds fewer items than this.</summary>
    public const int MergeBelow = 256;

    /// <summary>Stores several uploads in one transaction and returns their results in order.</summary>
    public async Task<IReadOnlyList<UploadResult>> WriteAsync(IReadOnlyList<UploadWrite> uploads, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (database.Engine == DatabaseEngine.Postgres)
        {
            // One writer per user at a time across all server nodes; ordered to avoid deadlocks.
            foreach (var userId in uploads.Select(u => u.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@userId))", new { userId }, tx, cancellationToken: ct));
            }
        }

        var results = new List<UploadResult>(uploads.Count);
        foreach (var upload in uploads)
        {
            results.Add(await WriteOneAsync(c, tx, upload.UserId, upload.Batch, ct));
        }

        await tx.CommitAsync(ct);
        return results;
    }

    private async Task<UploadResult> WriteOneAsync(DbConnection c, DbTransaction tx, string userId, UploadBatch batch, CancellationToken ct)
    {
        var previous = await c.QuerySingleOrDefaultAsync<(long Accepted, long Duplicates, string Rejected)?>(new CommandDefinition(
            "SELECT accepted, duplicates, rejected FROM uploads WHERE user_id = @userId AND upload_id = @uploadId",
            new { userId, uploadId = batch.UploadId }, tx, cancellationToken: ct));
        if (previous is { } p)
        {
            return new UploadResult((int)p.Accepted, (int)p.Duplicates, DecodeRejections(p.Rejected));
        }

        var accepted = 0;
        var duplicates = 0;
        long minTs = long.MaxValue, maxTs = long.MinValue;

        var (newFixes, fixDuplicates) = await StoreAsync(c, tx, userId, FixStream, batch.Fixes, ct);
        var (newActivities, activityDuplicates) = await StoreAsync(c, tx, userId, ActivityStream, batch.Activities, ct);
        var (newEvents, eventDuplicates) = await StoreAsync(c, tx, userId, PhoneEventStream, batch.PhoneEvents, ct);
        accepted += newFixes.Count + newActivities.Count + newEvents.Count;
        duplicates += fixDuplicates + activityDuplicates + eventDuplicates;
        foreach (var (first, last) in new[] { Span(newFixes, FixStream), Span(newActivities, ActivityStream), Span(newEvents, PhoneEventStream) })
        {
            minTs = Math.Min(minTs, first);
            maxTs = Math.Max(maxTs, last);
        }

        if (newFixes.Count > 0)
        {
            var last = newFixes[^1];
            await UserResourceStore.UpsertLastLocationAsync(c, tx, userId, new LocationFix(DateTimeOffset.FromUnixTimeMilliseconds(last.TimestampMs),
                last.Latitude, last.Longitude, last.AccuracyMeters, last.SpeedMetersPerSecond, last.AltitudeMeters), ct);
        }

        foreach (var motion in batch.Motion.OrderBy(m => m.StartMs))
        {
            var exists = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sensor_chunks WHERE user_id = @userId AND stream = @stream AND start_ms = @start",
                new { userId, stream = (short)SensorKind.Motion, start = motion.StartMs }, tx, cancellationToken: ct));
            if (exists > 0)
            {
                duplicates++;
                continue;
            }

            accepted++;
            await InsertChunkAsync(c, tx, userId, SensorKind.Motion, motion.StartMs, motion.EndMs, motion.SampleCount, MotionChunkCodec.Encode(motion), ct);
            minTs = Math.Min(minTs, motion.StartMs);
            maxTs = Math.Max(maxTs, motion.EndMs);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (accepted > 0)
        {
            await ProcessingWorkList.MarkChangedAsync(c, tx, userId, minTs, maxTs, accepted, now, ct);
        }

        if (batch.TimeZoneId is { } zone)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE sdk_users SET time_zone = @zone WHERE user_id = @userId AND (time_zone IS NULL OR time_zone <> @zone)",
                new { userId, zone }, tx, cancellationToken: ct));
        }

        var result = new UploadResult(accepted, duplicates, batch.Rejected);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO uploads (user_id, upload_id, accepted, duplicates, rejected, received_at)
            VALUES (@userId, @uploadId, @accepted, @duplicates, @rejected, @now)
            """,
            new { userId, uploadId = batch.UploadId, accepted, duplicates, rejected = EncodeRejections(batch.Rejected), now }, tx, cancellationToken: ct));
        return result;
    }

    /// <summary>How one chunked stream is timed, identified, encoded and decoded.</summary>
    private sealed record ChunkedStream<T>(SensorKind Kind, Func<T, long> Timestamp, Func<T, long> Key, Func<T[], byte[]> Encode, Func<byte[], T[]> Decode);

    private static readonly ChunkedStream<Fix> FixStream = new(SensorKind.Fixes, static f => f.TimestampMs, static f => f.TimestampMs,
        static items => FixChunkCodec.Encode(items), static d => FixChunkCodec.Decode(d));

    // Activities and phone events are identified by time and type: two of a kind at one instant are one.
    private static readonly ChunkedStream<ActivitySample> ActivityStream = new(SensorKind.Activities, static a => a.TimestampMs,
        static a => (a.TimestampMs << 4) | (long)a.Type, static items => EventChunkCodec.EncodeActivities(items), static d => EventChunkCodec.DecodeActivities(d));

    private static readonly ChunkedStream<PhoneEvent> PhoneEventStream = new(SensorKind.PhoneEvents, static e => e.TimestampMs,
        static e => (e.TimestampMs << 4) | (long)e.Type, static items => EventChunkCodec.EncodePhoneEvents(items), static d => EventChunkCodec.DecodePhoneEvents(d));

    /// <summary>Stores the items not stored yet as chunks; returns them (sorted) and how many were duplicates.</summary>
    private static async Task<(List<T> New, int Duplicates)> StoreAsync<T>(
        DbConnection c, DbTransaction tx, string userId, ChunkedStream<T> stream, List<T> items, CancellationToken ct)
    {
        var (fresh, duplicates) = await NewItemsAsync(c, tx, userId, stream.Kind, items, stream.Timestamp, stream.Key, stream.Decode, ct);
        if (fresh.Count > 0)
        {
            await WriteChunksAsync(c, tx, userId, stream.Kind, fresh, stream.Timestamp, MaxFixesPerChunk, stream.Encode, stream.Decode, ct);
        }

        return (fresh, duplicates);
    }

    /// <summary>First and last timestamp of sorted items, or an empty span.</summary>
    private static (long First, long Last) Span<T>(List<T> sorted, ChunkedStream<T> stream) =>
        sorted.Count == 0 ? (long.MaxValue, long.MinValue) : (stream.Timestamp(sorted[0]), stream.Timestamp(sorted[^1]));

    /// <summary>
    /// The items of <paramref name="items"/> not stored yet, sorted by time, and how many were duplicates
    /// (of stored items or of each other). Identity is <paramref name="key"/>: the timestamp for fixes.
    /// </summary>
    private static async Task<(List<T> New, int Duplicates)> NewItemsAsync<T>(
        DbConnection c, DbTransaction tx, string userId, SensorKind stream, List<T> items,
        Func<T, long> timestamp, Func<T, long> key, Func<byte[], T[]> decode, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return ([], 0);
        }

        var sorted = items;
        for (var i = 1; i < items.Count; i++)
        {
            if (timestamp(items[i]) < timestamp(items[i - 1]))
            {
                sorted = [.. items.OrderBy(timestamp)];
                break;
            }
        }

        var min = timestamp(sorted[0]);
        var max = timestamp(sorted[^1]);
        HashSet<long>? seen = null;
        foreach (var data in await c.QueryAsync<byte[]>(new CommandDefinition(
            """
            SELECT data FROM sensor_chunks
            WHERE user_id = @userId AND stream = @stream AND start_ms >= @lowest AND start_ms <= @max AND end_ms >= @min
            """,
            new { userId, stream = (short)stream, lowest = min - MaxChunkSpanMs, min, max }, tx, cancellationToken: ct)))
        {
            seen ??= [];
            foreach (var stored in decode(data))
            {
                seen.Add(key(stored));
            }
        }

        var fresh = new List<T>(sorted.Count);
        if (seen is null)
        {
            // Nothing stored overlaps: only duplicates within the upload can exist, and they share a timestamp.
            var tiedKeys = new HashSet<long>();
            for (var i = 0; i < sorted.Count; i++)
            {
                var ts = timestamp(sorted[i]);
                var tiedWithPrevious = i > 0 && timestamp(sorted[i - 1]) == ts;
                var tiedWithNext = i + 1 < sorted.Count && timestamp(sorted[i + 1]) == ts;
                if (!tiedWithPrevious)
                {
                    tiedKeys.Clear();
                }

                if ((!tiedWithPrevious && !tiedWithNext) || tiedKeys.Add(key(sorted[i])))
                {
                    fresh.Add(sorted[i]);
                }
            }

            return (fresh, sorted.Count - fresh.Count);
        }

        foreach (var item in sorted)
        {
            if (seen.Add(key(item)))
            {
                fresh.Add(item);
            }
        }

        return (fresh, sorted.Count - fresh.Count);
    }

    /// <summary>Appends sorted items: into the newest chunk while it is small and they follow it, else as new chunks.</summary>
    private static async Task WriteChunksAsync<T>(
        DbConnection c, DbTransaction tx, string userId, SensorKind stream, List<T> items, Func<T, long> timestamp, int maxPerChunk,
        Func<T[], byte[]> encode, Func<byte[], T[]> decode, CancellationToken ct)
    {
        var remaining = items;
        var newest = await c.QueryFirstOrDefaultAsync<(long ChunkId, long StartMs, long EndMs, long Count)?>(new CommandDefinition(
            """
            SELECT chunk_id, start_ms, end_ms, item_count FROM sensor_chunks
            WHERE user_id = @userId AND stream = @stream ORDER BY start_ms DESC LIMIT 1
            """,
            new { userId, stream = (short)stream }, tx, cancellationToken: ct));
        if (newest is { } n && n.Count < MergeBelow && timestamp(items[0]) > n.EndMs)
        {
            var take = 0;
            while (take < items.Count && n.Count + take < maxPerChunk && timestamp(items[take]) - n.StartMs < MaxChunkSpanMs)
            {
                take++;
            }

            if (take > 0)
            {
                var data = await c.ExecuteScalarAsync<byte[]>(new CommandDefinition(
                    "SELECT data FROM sensor_chunks WHERE user_id = @userId AND stream = @stream AND chunk_id = @id",
                    new { userId, stream = (short)stream, id = n.ChunkId }, tx, cancellationToken: ct));
                var merged = decode(data!).Concat(items.Take(take)).ToArray();
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE sensor_chunks SET end_ms = @end, item_count = @count, data = @data WHERE user_id = @userId AND stream = @stream AND chunk_id = @id",
                    new { userId, stream = (short)stream, id = n.ChunkId, end = timestamp(merged[^1]), count = merged.Length, data = encode(merged) },
                    tx, cancellationToken: ct));
                remaining = items.GetRange(take, items.Count - take);
            }
        }

        var start = 0;
        while (start < remaining.Count)
        {
            var end = start + 1;
            var first = timestamp(remaining[start]);
            while (end < remaining.Count && end - start < maxPerChunk && timestamp(remaining[end]) - first < MaxChunkSpanMs)
            {
                end++;
            }

            var chunk = remaining.GetRange(start, end - start).ToArray();
            await InsertChunkAsync(c, tx, userId, stream, first, timestamp(chunk[^1]), chunk.Length, encode(chunk), ct);
            start = end;
        }
    }

    private static async Task InsertChunkAsync(
        DbConnection c, DbTransaction tx, string userId, SensorKind stream, long startMs, long endMs, int count, byte[] data, CancellationToken ct)
    {
        // Writers of one user are serialised (SQLite's write lock, PostgreSQL's advisory lock), so max + 1 is safe.
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sensor_chunks (user_id, stream, chunk_id, start_ms, end_ms, item_count, data)
            SELECT @userId, @stream, COALESCE(MAX(chunk_id), 0) + 1, @startMs, @endMs, @count, @data
            FROM sensor_chunks WHERE user_id = @userId AND stream = @stream
            """,
            new { userId, stream = (short)stream, startMs, endMs, count, data }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Fixes with <paramref name="fromMs"/> ≤ timestamp &lt; <paramref name="toMs"/>, sorted by time, at most
    /// <paramref name="limit"/>. Reads only the chunks that can hold such fixes.
    /// </summary>
    public async Task<IReadOnlyList<Fix>> ReadFixesAsync(string userId, long fromMs, long toMs, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var result = new List<Fix>();
        var cursor = fromMs - MaxChunkSpanMs;
        const int Page = 64;
        while (true)
        {
            var rows = (await c.QueryAsync<(long StartMs, byte[] Data)>(new CommandDefinition(
                """
                SELECT start_ms, data FROM sensor_chunks
                WHERE user_id = @userId AND stream = @stream AND start_ms >= @cursor AND start_ms < @toMs AND end_ms >= @fromMs
                ORDER BY start_ms, chunk_id LIMIT @page
                """,
                new { userId, stream = (short)SensorKind.Fixes, cursor, toMs, fromMs, page = Page }, cancellationToken: ct))).ToList();
            foreach (var (_, data) in rows)
            {
                foreach (var fix in FixChunkCodec.Decode(data))
                {
                    if (fix.TimestampMs >= fromMs && fix.TimestampMs < toMs)
                    {
                        result.Add(fix);
                    }
                }
            }

            result.Sort(static (a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
            if (rows.Count < Page)
            {
                break;
            }

            // Chunks that start later cannot hold fixes earlier than the limit-th one we already have.
            var nextStart = rows[^1].StartMs;
            if (result.Count >= limit && result[limit - 1].TimestampMs < nextStart)
            {
                break;
            }

            cursor = nextStart + 1;
            var sameStart = rows.Count(r => r.StartMs == nextStart);
            if (sameStart == rows.Count)
            {
                throw new InvalidOperationException("More than 64 chunks start at the same millisecond.");
            }
        }

        return result.Count > limit ? result.GetRange(0, limit) : result;
    }

    /// <summary>Activity samples with <paramref name="fromMs"/> ≤ timestamp &lt; <paramref name="toMs"/>, sorted by time.</summary>
    public async Task<IReadOnlyList<ActivitySample>> ReadActivitiesAsync(string userId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<byte[]>(new CommandDefinition(
            "SELECT data FROM sensor_chunks WHERE user_id = @userId AND stream = @stream AND start_ms >= @lowest AND start_ms < @toMs AND end_ms >= @fromMs ORDER BY start_ms",
            new { userId, stream = (short)SensorKind.Activities, lowest = fromMs - MaxChunkSpanMs, toMs, fromMs }, cancellationToken: ct));
        var result = new List<ActivitySample>();
        foreach (var data in rows)
        {
            foreach (var sample in EventChunkCodec.DecodeActivities(data))
            {
                if (sample.TimestampMs >= fromMs && sample.TimestampMs < toMs)
                {
                    result.Add(sample);
                }
            }
        }

        result.Sort(static (a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        return result;
    }

    /// <summary>Phone events with <paramref name="fromMs"/> ≤ timestamp &lt; <paramref name="toMs"/>, sorted by time.</summary>
    public async Task<IReadOnlyList<PhoneEvent>> ReadPhoneEventsAsync(string userId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<byte[]>(new CommandDefinition(
            "SELECT data FROM sensor_chunks WHERE user_id = @userId AND stream = @stream AND start_ms >= @lowest AND start_ms < @toMs AND end_ms >= @fromMs ORDER BY start_ms",
            new { userId, stream = (short)SensorKind.PhoneEvents, lowest = fromMs - MaxChunkSpanMs, toMs, fromMs }, cancellationToken: ct));
        var result = new List<PhoneEvent>();
        foreach (var data in rows)
        {
            result.AddRange(EventChunkCodec.DecodePhoneEvents(data).Where(e => e.TimestampMs >= fromMs && e.TimestampMs < toMs));
        }

        result.Sort(static (a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        return result;
    }

    /// <summary>Motion batches overlapping [<paramref name="fromMs"/>, <paramref name="toMs"/>), sorted by start.</summary>
    public async Task<IReadOnlyList<MotionBatch>> ReadMotionAsync(string userId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<byte[]>(new CommandDefinition(
            "SELECT data FROM sensor_chunks WHERE user_id = @userId AND stream = @stream AND start_ms >= @lowest AND start_ms < @toMs AND end_ms > @fromMs ORDER BY start_ms",
            new { userId, stream = (short)SensorKind.Motion, lowest = fromMs - MaxChunkSpanMs, toMs, fromMs }, cancellationToken: ct));
        return [.. rows.Select(data => MotionChunkCodec.Decode(data))];
    }

    /// <summary>Total fixes stored (all users), for benchmarks and operators.</summary>
    public async Task<long> CountFixesAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(SUM(item_count), 0) FROM sensor_chunks WHERE stream = 1", cancellationToken: ct));
    }

    private static string EncodeRejections(IReadOnlyList<Rejection> rejected) =>
        JsonSerializer.Serialize(rejected.Select(r => new[] { r.Kind, r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Reason }));

    private static List<Rejection> DecodeRejections(string json) =>
        [.. JsonSerializer.Deserialize<string[][]>(json)!.Select(r => new Rejection(r[0], int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), r[2]))];
}
