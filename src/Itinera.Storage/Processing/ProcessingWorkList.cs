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
                WHERE (claimed_until IS NULL OR claimed_until < @now) AND (@userId IS NULL OR user_id = @userId)
                ORDER BY updated_at LIMIT @max)
              AND (claimed_until IS NULL OR claimed_until < @now)
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

    /// <summary>Users waiting, for operators and tests.</summary>
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM processing_queue", cancellationToken: ct));
    }
}
