using System.CommandLine;
using System.Globalization;
using Itinera.Core.Identity;
using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;
using Itinera.Storage.Identity;
using Itinera.Storage.Raw;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera import --user ID FILE…</c>: loads location history files (format detected from content)
/// through the same validation, deduplication and storage as uploads, in constant memory.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Fixes per stored batch (one upload's worth).</summary>
    private const int BatchSize = 10_000;

    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The SDK user to import into.", Required = true };
        var files = new Argument<FileInfo[]>("files") { Description = "GPX, GeoLife PLT, CSV, GeoJSON or Google Takeout files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import location history files for a user.") { user, files };
        command.SetAction(async (result, ct) =>
        {
            var userId = result.GetValue(user)!.Trim().ToLowerInvariant();
            await using var database = CliContext.OpenDatabase(result);
            await database.MigrateAsync(ct);
            var identity = new IdentityStore(database, TimeProvider.System);
            if (!IdGenerator.IsObjectId(userId) || await identity.FindSdkUserAsync(userId, ct) is null)
            {
                return CliContext.Fail(result, $"No SDK user with id {userId}.");
            }

            var store = new RawDataStore(database, TimeProvider.System);
            var summary = new ImportSummary();
            var progress = !Console.IsErrorRedirected && !result.GetValue(CliContext.JsonOption);
            foreach (var file in result.GetValue(files)!)
            {
                if (!file.Exists)
                {
                    return CliContext.Fail(result, $"No such file: {file.FullName}");
                }

                await ImportFileAsync(store, userId, file, summary, progress, ct);
            }

            var rejected = string.Join(", ", summary.Rejected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"));
            CliContext.Print(result, new
            {
                files = summary.Files,
                formats = summary.Formats,
                imported = summary.Imported,
                duplicates = summary.Duplicates,
                rejected = summary.Rejected.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value),
            }, string.Create(CultureInfo.InvariantCulture,
                $"Imported {summary.Imported:N0} items from {summary.Files} file(s); {summary.Duplicates:N0} duplicates; rejected: {(rejected.Length == 0 ? "none" : rejected)}."));
            return 0;
        });
        return command;
    }

    private sealed class ImportSummary
    {
        public int Files { get; set; }

        public Dictionary<string, string> Formats { get; } = new(StringComparer.Ordinal);

        public long Imported { get; set; }

        public long Duplicates { get; set; }

        public Dictionary<string, long> Rejected { get; } = new(StringComparer.Ordinal);

        public void Reject(string reason) => Rejected[reason] = Rejected.GetValueOrDefault(reason) + 1;
    }

    private static async Task ImportFileAsync(RawDataStore store, string userId, FileInfo file, ImportSummary summary, bool progress, CancellationToken ct)
    {
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var format = LocationFileReader.Detect(stream, out var replay, file.Name);
        summary.Files++;
        summary.Formats[file.Name] = format?.ToString() ?? "unknown";
        if (format is null)
        {
            summary.Reject("UNKNOWN_FORMAT");
            return;
        }

        // Each run gets fresh upload ids: a second import of the same file then reports its fixes as
        // duplicates (deduplication by timestamp) instead of replaying the first run's counts.
        var fileKey = Guid.NewGuid().ToString("N")[..16];
        var batchNumber = 0;
        var batch = new UploadBatch($"import-{fileKey}-0");
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var lastReport = 0L;

        async Task FlushAsync()
        {
            if (batch.ValidCount == 0)
            {
                return;
            }

            var stored = (await store.WriteAsync([new UploadWrite(userId, batch)], ct))[0];
            summary.Imported += stored.Accepted;
            summary.Duplicates += stored.Duplicates;
            batch = new UploadBatch($"import-{fileKey}-{++batchNumber}");
        }

        await using (replay)
        {
            foreach (var record in LocationFileReader.Read(replay, format.Value))
            {
                switch (record.Kind)
                {
                    case ImportRecordKind.Fix:
                        if (SensorValidator.CheckFix(record.Fix, now) is { } reason)
                        {
                            summary.Reject(reason);
                        }
                        else
                        {
                            batch.Fixes.Add(record.Fix);
                        }

                        break;
                    case ImportRecordKind.Activity:
                        if (SensorValidator.CheckActivity(record.Activity, now) is { } activityReason)
                        {
                            summary.Reject(activityReason);
                        }
                        else
                        {
                            batch.Activities.Add(record.Activity);
                        }

                        break;
                    default:
                        summary.Reject(record.Reason ?? "REJECTED");
                        break;
                }

                if (batch.ValidCount >= BatchSize)
                {
                    await FlushAsync();
                    if (progress && stream.Position - lastReport > 1 << 20)
                    {
                        lastReport = stream.Position;
                        ReportProgress(file, stream.Position, summary.Imported);
                    }
                }
            }
        }

        await FlushAsync();
        if (progress)
        {
            ReportProgress(file, file.Length, summary.Imported);
            Console.Error.WriteLine();
        }
    }

    private static void ReportProgress(FileInfo file, long position, long imported)
    {
        var fraction = file.Length == 0 ? 1 : Math.Min(1, (double)position / file.Length);
        var filled = (int)(fraction * 30);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{file.Name} [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction:P0}  {imported:N0} imported"));
    }
}
