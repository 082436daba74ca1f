using System.Threading.Channels;
using Itinera.Core.Ingestion;
using Itinera.Storage.Raw;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Itinera.Api.Uploads;

/// <summary>
/// Group commit for uploads: requests wait in a bounded queue, a writer stores as many as are waiting
/// in a single transaction, and each request is answered only after its transaction committed. A full
/// queue refuses new uploads (the endpoint answers 429) instead of growing memory without bound.
/// SQLite has one writer (the database has one write lock); PostgreSQL several, so that one transaction's round
/// trips overlap another's (uploads of one user are still serialised by the store's per-user lock).
/// </summary>
public sealed partial class UploadWriter(RawDataStore store, ILogger<UploadWriter> logger, int capacity = 512, int writers = 1) : BackgroundService
{
    /// <summary>At most this many uploads go into one transaction.</summary>
    public const int MaxUploadsPerTransaction = 64;

    /// <summary>A transaction stops taking uploads once it holds this many items.</summary>
    public const int MaxItemsPerTransaction = 100_000;

    private sealed record Pending(UploadWrite Write, TaskCompletionSource<UploadResult> Done);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity)
    {
        SingleReader = writers <= 1,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Uploads waiting to be written.</summary>
    public int Length => _queue.Reader.Count;

    /// <summary>Queues an upload; false when the queue is full.</summary>
    public bool TryEnqueue(UploadWrite write, out Task<UploadResult> result)
    {
        var done = new TaskCompletionSource<UploadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        result = done.Task;
        return _queue.Writer.TryWrite(new Pending(write, done));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, writers)).Select(_ => WriteLoopAsync(stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxUploadsPerTransaction);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            var items = 0;
            while (batch.Count < MaxUploadsPerTransaction && items < MaxItemsPerTransaction && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                items += next.Write.Batch.ValidCount;
            }

            await WriteAsync(batch, stoppingToken);
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            var results = await store.WriteAsync([.. batch.Select(p => p.Write)], ct);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1 && e is not OperationCanceledException)
        {
            // One bad upload (or a race with another node on the same upload id) must not fail the others.
            LogGroupFailed(logger, batch.Count, e);
            foreach (var pending in batch)
            {
                await WriteAsync([pending], ct);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking uploads, then let the writer finish what was already accepted into the queue.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.Done.TrySetCanceled(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit of {Count} uploads failed; writing them one by one")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);
}
