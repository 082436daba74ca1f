using Dapper;
using Itinera.Storage;

namespace Itinera.Api.Uploads;

/// <summary>
/// Whether the timeline processor has fallen too far behind: the items waiting in <c>processing_queue</c>
/// over all users, read at most once a second. Above <see cref="MaxItems"/> uploads answer 429 until the
/// processor catches up, so a backlog cannot grow without bound.
/// </summary>
public sealed class ProcessingBacklog(Database database, TimeProvider time, long? maxItems) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _pending;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The bound; null means unbounded.</summary>
    public long? MaxItems { get; } = maxItems;

    /// <summary>True when the backlog is above the bound.</summary>
    public async ValueTask<bool> IsOverAsync(CancellationToken ct)
    {
        if (MaxItems is not { } max)
        {
            return false;
        }

        if (time.GetUtcNow() - _readAt > TimeSpan.FromSeconds(1) && await _refresh.WaitAsync(0, ct))
        {
            try
            {
                await using var c = await database.OpenConnectionAsync(ct);
                _pending = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COALESCE(SUM(pending_items), 0) FROM processing_queue", cancellationToken: ct));
                _readAt = time.GetUtcNow();
            }
            finally
            {
                _refresh.Release();
            }
        }

        return Interlocked.Read(ref _pending) > max;
    }

    public void Dispose() => _refresh.Dispose();
}
