using System.Data.Common;
using Dapper;

namespace Itinera.Storage.Processing;

/// <summary>A user whose derived data must be recomputed from <see cref="DirtyFromMs"/> on.</summary>
public sealed record ProcessingClaim(string UserId, long DirtyFromMs, long DirtyToMs, long Version);

/// <summary>
/// The work list of the timeline processor (<c>processing_queue</c>). A processor claims users with a lease,
/// so several server nodes on one PostgreSQL never process a user at the same time; an expired lease (a node
/// died) makes the user claimable again. Data arriving during processing leaves the user queued.
/// </summary>
public sealed class ProcessingWorkList(Database database, TimeProvider time)
{
    /// <summary>Claims up to <paramref name="max"/> users that nobody holds, oldest change first.</summary>
    public async Task<IReadOnlyList<ProcessingClaim>> ClaimAsync(string node, TimeSpan lease, int max, string? userId = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var c = await database.OpenConnectionAsync(ct);
        // The claim condition is repeated outside the sub-query: PostgreSQL re-checks it on rows another
        // node changed concurrently, so only one node wins each user.
        var rows = await c.QueryAsync<(string UserId, long DirtyFrom, long DirtyTo, long UpdatedAt)>(new CommandDefinition(
            """
            UPDATE processing_queue SET claimed_by = @node, claimed_until = @until
            WHERE user_id IN (
                SELECT user_id FROM processing_queue
                WHERE (claimed_until IS NULL OR claimed_until < @now) AND (due_at IS NULL OR due_at <= @now)
                  AND (@userId IS NULL OR user_id = @userId)
                ORDER BY updated_at LIMIT @max)
              AND (claimed_until IS NULL OR claimed_until < @now) AND (due_at IS NULL OR due_at <= @now)
            RETURNING user_id, dirty_from_ms, dirty_to_ms, updated_at
            """,
            new { node, until = now + (long)lease.TotalMilliseconds, now, max, userId }, cancellationToken: ct));
        return [.. rows.Select(r => new ProcessingClaim(r.UserId, r.DirtyFrom, r.DirtyTo, r.UpdatedAt))];
    }

    /// <summary>Done with a claim: the user leaves the queue unless new data came in meanwhile, then the claim is released.</summary>
    public async Task CompleteAsync(ProcessingClaim claim, string node, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var c = await database.OpenConnectionAsync(ct);
        var deleted = await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM processing_queue WHERE user_id = @UserId AND claimed_by = @node AND updated_at = @Version",
            new { claim.UserId, node, claim.Version }, cancellationToken: ct));
        if (deleted == 0)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE processing_queue SET claimed_by = NULL, claimed_until = NULL WHERE user_id = @UserId AND claimed_by = @node",
                new { claim.UserId, node }, cancellationToken: ct));
        }
    }

    /// <summary>
    /// Queues a user whose data changed from <paramref name="fromMs"/> to <paramref name="toMs"/> (an upload, a new map):
    /// due at once, the window widened to cover both changes, the version bumped so a processor busy with the user
    /// leaves it queued. Runs in the caller's transaction, with the change itself.
    /// </summary>
    internal static Task MarkChangedAsync(DbConnection c, DbTransaction? tx, string userId, long fromMs, long toMs, long items, long nowMs, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO processing_queue (user_id, dirty_from_ms, dirty_to_ms, pending_items, updated_at)
            VALUES (@userId, @fromMs, @toMs, @items, @nowMs)
            {MergeChange}
            """,
            new { userId, fromMs, toMs, items, nowMs }, tx, cancellationToken: ct));

    /// <summary>
    /// The conflict clause of an <c>INSERT INTO processing_queue (user_id, dirty_from_ms, dirty_to_ms, pending_items,
    /// updated_at)</c> that merges a change into a user already queued, as <see cref="MarkChangedAsync"/> describes.
    /// Shared with the statements that queue many users at once.
    /// </summary>
    internal const string MergeChange =
        """
        ON CONFLICT (user_id) DO UPDATE SET
            dirty_from_ms = CASE WHEN excluded.dirty_from_ms < processing_queue.dirty_from_ms THEN excluded.dirty_from_ms ELSE processing_queue.dirty_from_ms END,
            dirty_to_ms = CASE WHEN excluded.dirty_to_ms > processing_queue.dirty_to_ms THEN excluded.dirty_to_ms ELSE processing_queue.dirty_to_ms END,
            pending_items = processing_queue.pending_items + excluded.pending_items,
            updated_at = CASE WHEN excluded.updated_at > processing_queue.updated_at THEN excluded.updated_at ELSE processing_queue.updated_at + 1 END,
            due_at = NULL
        """;

    /// <summary>
    /// Queues a user again for <paramref name="dueAtMs"/>, when the ongoing event whose data ends at
    /// <paramref name="fromMs"/> ends unless more data comes: a phone that goes quiet still gets its last stay or trip
    /// finalised. A user already queued keeps the earlier of the two times (data waiting is due at once).
    /// </summary>
    public async Task ScheduleAsync(string userId, long fromMs, long dueAtMs, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO processing_queue (user_id, dirty_from_ms, dirty_to_ms, pending_items, updated_at, due_at)
            VALUES (@userId, @fromMs, @fromMs, 0, @nowMs, @dueAtMs)
            ON CONFLICT (user_id) DO UPDATE SET
                dirty_from_ms = CASE WHEN excluded.dirty_from_ms < processing_queue.dirty_from_ms THEN excluded.dirty_from_ms ELSE processing_queue.dirty_from_ms END,
                due_at = CASE WHEN processing_queue.due_at IS NULL OR excluded.due_at > processing_queue.due_at THEN processing_queue.due_at ELSE excluded.due_at END
            """,
            new { userId, fromMs, dueAtMs, nowMs = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    /// <summary>Users due for processing now (not those queued for a later look at an ongoing event), for operators and tests.</summary>
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM processing_queue WHERE due_at IS NULL OR due_at <= @now",
            new { now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }
}
