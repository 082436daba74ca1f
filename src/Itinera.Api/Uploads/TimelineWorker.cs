using Itinera.Storage.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Itinera.Api.Uploads;

/// <summary>
/// The server's background timeline processor: claims users with new data (safely across server nodes) and
/// recomputes their timelines; checks for work twice a second when idle.
/// </summary>
public sealed partial class TimelineWorker(TimelineProcessor processor, TimeProvider time, ILogger<TimelineWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(500);

    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await processor.ProcessPendingAsync(_node, ct: stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failure (a database hiccup, a bug on one user's data) must not stop processing for everyone;
                // the claim's lease expires and the user is tried again.
                LogFailed(logger, e);
            }

            try
            {
                await Task.Delay(IdleDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timeline processing failed; retrying later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
