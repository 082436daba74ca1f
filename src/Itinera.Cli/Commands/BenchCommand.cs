using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Itinera.Api;
using Itinera.Storage;
using Itinera.Storage.Identity;
using Itinera.Storage.Raw;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera bench …</c>: benchmarks of the hot paths, printing their figures (as JSON with --json).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmark a hot path.");
        bench.Subcommands.Add(Ingest());
        bench.Subcommands.Add(Pipeline());
        bench.Subcommands.Add(MapMatchBenchmark.Create());
        bench.Subcommands.Add(HistoryBenchmark.Create());
        bench.Subcommands.Add(ApiReadBenchmark.Create());
        return bench;
    }

    private static Command Ingest()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent uploading clients (one user each).", DefaultValueFactory = _ => 4 };
        var fixes = new Option<int>("--fixes") { Description = "Fixes to upload in all.", DefaultValueFactory = _ => 2_000_000 };
        var batch = new Option<int>("--batch") { Description = "Fixes per upload.", DefaultValueFactory = _ => 1000 };
        var command = new Command("ingest", "Start a server, upload a realistic 1 Hz stream from several clients and measure throughput, latency and bytes on disk.")
        {
            clients, fixes, batch,
        };
        command.SetAction(async (result, ct) =>
        {
            // --db sqlite (a temporary file, the default) or --db postgres (a throw-away durable server), or a full specification.
            var db = result.GetValue(CliContext.DatabaseOption) ?? "sqlite";
            var figures = await RunIngestAsync(db is "sqlite" or "postgres" ? db : "", db is "sqlite" or "postgres" ? null : db, Math.Max(1, result.GetValue(clients)),
                Math.Max(1, result.GetValue(fixes)), Math.Clamp(result.GetValue(batch), 1, 100_000), ct);
            CliContext.Print(result, figures, string.Create(CultureInfo.InvariantCulture,
                $"{figures.Engine}: {figures.FixesPerSecond:N0} fixes/s, p50 {figures.P50Ms:F1} ms, p99 {figures.P99Ms:F1} ms, {figures.BytesPerFix:F2} bytes per fix ({figures.Fixes:N0} fixes, {figures.Clients} clients, batches of {figures.Batch}, {figures.Seconds:F2} s)"));
            return 0;
        });
        return command;
    }

    private static Command Pipeline()
    {
        var geolife = new Option<DirectoryInfo>("--geolife") { Description = "GeoLife folder to read fixes from.", DefaultValueFactory = _ => new DirectoryInfo("../shared/data/geolife") };
        var seconds = new Option<double>("--seconds") { Description = "How long to measure.", DefaultValueFactory = _ => 5 };
        var command = new Command("pipeline", "Measure the timeline stage (cleaning, stays, legs, modes) single-threaded on GeoLife fixes.") { geolife, seconds };
        command.SetAction((result, ct) =>
        {
            var folder = result.GetValue(geolife)!;
            var users = Directory.EnumerateFiles(folder.FullName, "*.plt", SearchOption.AllDirectories)
                .GroupBy(f => Path.GetDirectoryName(Path.GetDirectoryName(f))!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Core.Evaluation.GeoLifeDataset.ReadFixes(g.Order(StringComparer.Ordinal)).ToArray())
                .Where(f => f.Length > 0)
                .ToList();
            var options = Core.Timeline.Detection.TimelineOptions.Default;

            // One untimed pass so that every code path is compiled before the clock starts.
            var segments = users.Sum(f => Core.Timeline.Detection.TimelineBuilder.Build(Core.Timeline.Detection.FixCleaner.Clean(f, options), null, options).Count);
            long processed = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < result.GetValue(seconds))
            {
                ct.ThrowIfCancellationRequested();
                foreach (var fixes in users)
                {
                    Core.Timeline.Detection.TimelineBuilder.Build(Core.Timeline.Detection.FixCleaner.Clean(fixes, options), null, options);
                    processed += fixes.Length;
                }
            }

            var rate = processed / watch.Elapsed.TotalSeconds;
            CliContext.Print(result, new { fixes_per_second = Math.Round(rate), users = users.Count, fixes = users.Sum(f => f.Length), segments },
                string.Create(CultureInfo.InvariantCulture, $"{rate:N0} fixes/s over {users.Count} users ({users.Sum(f => f.Length):N0} fixes, {segments:N0} segments)"));
            return Task.FromResult(0);
        });
        return command;
    }

    internal sealed record IngestFigures(
        double FixesPerSecond, double P50Ms, double P99Ms, double BytesPerFix, string Engine, long Fixes, int Clients, int Batch, double Seconds);

    private static async Task<IngestFigures> RunIngestAsync(string engine, string? dbOption, int clients, int totalFixes, int batchSize, CancellationToken ct)
    {
        await using var bench = await BenchDatabase.CreateAsync(dbOption ?? engine, "itinera-bench-", ct);
        var spec = bench.Spec;
        var sqliteFile = bench.SqliteFile;
        // Ingestion alone is measured: the timeline processor would share the two cores.
        var options = new ServerOptions { Database = spec, Urls = ["http://127.0.0.1:0"], RateLimitPerSecond = 1_000_000, ProcessTimelines = false };
        await using var app = ItineraServer.Build(options, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(ct);
        var database = app.Services.GetRequiredService<Database>();
        var identity = app.Services.GetRequiredService<IdentityStore>();
        var account = await identity.CreateAccountAsync("bench", ct);
        var appId = (await identity.CreateApplicationAsync(account.Id, "bench", ct))!.Value.App.Id;
        var tokens = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            tokens.Add((await identity.CreateSdkUserAsync(appId, null, TimeSpan.FromHours(12), ct))!.Value.Tokens.AccessToken);
        }

        var baselineBytes = await SizeOnDiskAsync(database, sqliteFile, ct);

        // Bodies are serialised before timing: the clients replay a recorded stream, like a load generator.
        var perClient = (totalFixes + clients - 1) / clients;
        var bodies = Enumerable.Range(0, clients).Select(c => Stream(c, perClient, batchSize)).ToList();
        var url = new Uri(app.Urls.First());
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[c]);
            var mine = new List<double>(bodies[c].Count);
            foreach (var body in bodies[c])
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(new Uri("/v3/sdk/uploads", UriKind.Relative), content, ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var stored = await app.Services.GetRequiredService<RawDataStore>().CountFixesAsync(ct);
        var bytes = await SizeOnDiskAsync(database, sqliteFile, ct) - baselineBytes;
        await app.StopAsync(ct);
        latencies.Sort();
        return new IngestFigures(
            Math.Round(stored / seconds), Math.Round(Percentile(latencies, 0.50), 2), Math.Round(Percentile(latencies, 0.99), 2),
            Math.Round((double)bytes / stored, 2), database.Engine.ToString().ToLowerInvariant(), stored, clients, batchSize, Math.Round(seconds, 3));
    }

    /// <summary>A 1 Hz drive for one client: smooth speed and heading, metre-level noise, accuracy, altitude, speed and bearing.</summary>
    private static List<byte[]> Stream(int client, int fixes, int batchSize)
    {
        var random = new Random(client + 1);
        var bodies = new List<byte[]>();
        double lat = 50.85 + client * 0.01, lon = 4.35, speed = 12, heading = random.Next(360), altitude = 40;
        var t = DateTimeOffset.Parse("2026-03-02T07:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var json = new StringBuilder(batchSize * 140);
        for (var start = 0; start < fixes; start += batchSize)
        {
            json.Clear();
            json.Append(CultureInfo.InvariantCulture, $"{{\"upload_id\":\"bench-{client}-{start}\",\"fixes\":[");
            for (var i = 0; i < Math.Min(batchSize, fixes - start); i++)
            {
                speed = Math.Clamp(speed + (random.NextDouble() - 0.5), 0, 33);
                heading = (heading + (random.NextDouble() - 0.5) * 6 + 360) % 360;
                altitude += (random.NextDouble() - 0.5) * 0.3;
                lat += speed * Math.Cos(heading * Math.PI / 180) / 111_320;
                lon += speed * Math.Sin(heading * Math.PI / 180) / 70_000;
                var noise = 2.0 / 111_320;
                if (i > 0)
                {
                    json.Append(',');
                }

                json.Append(CultureInfo.InvariantCulture,
                    $"{{\"timestamp\":{t},\"latitude\":{lat + (random.NextDouble() - 0.5) * noise:F7},\"longitude\":{lon + (random.NextDouble() - 0.5) * noise:F7},\"accuracy\":{4 + random.Next(8)},\"altitude\":{altitude:F1},\"speed\":{speed:F2},\"bearing\":{heading:F1}}}");
                t += 1000;
            }

            json.Append("]}");
            bodies.Add(Encoding.UTF8.GetBytes(json.ToString()));
        }

        return bodies;
    }

    /// <summary>The nearest-rank percentile of sorted values (0 for none).</summary>
    internal static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Bytes the database takes on disk: the SQLite file after a WAL checkpoint, or PostgreSQL's database size.</summary>
    private static async Task<long> SizeOnDiskAsync(Database database, string? sqliteFile, CancellationToken ct)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var cmd = c.CreateCommand();
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await cmd.ExecuteNonQueryAsync(ct);
            return sqliteFile is null ? 0 : new FileInfo(sqliteFile).Length;
        }

        cmd.CommandText = "CHECKPOINT; SELECT pg_database_size(current_database())";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
