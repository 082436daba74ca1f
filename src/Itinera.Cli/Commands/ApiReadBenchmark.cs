using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Itinera.Api;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera bench api</c>: read throughput and latency of the API a client app calls (a day's events, a trip's
/// trajectory, scores and annotations, places, driving aggregates, insights), for a user with a long history and for
/// one with a month of the same data: a read must cost what it returns, not what the history holds.
/// </summary>
internal static class ApiReadBenchmark
{
    public static Command Create()
    {
        var history = new Option<int>("--history-days") { Description = "Days of history of the long-standing user.", DefaultValueFactory = _ => 365 };
        var clients = new Option<int>("--clients") { Description = "Concurrent reading clients.", DefaultValueFactory = _ => 4 };
        var seconds = new Option<double>("--seconds") { Description = "How long to measure each user.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed of the users' data.", DefaultValueFactory = _ => 1 };
        var command = new Command("api", "Start a server with a year of processed data and measure the read endpoints' throughput and latency.")
        {
            history, clients, seconds, seed,
        };
        command.SetAction(async (result, ct) =>
        {
            var figures = await RunAsync(result.GetValue(CliContext.DatabaseOption), Math.Max(31, result.GetValue(history)), Math.Max(1, result.GetValue(clients)),
                Math.Max(1, result.GetValue(seconds)), result.GetValue(seed), ct);
            CliContext.Print(result, figures, string.Create(CultureInfo.InvariantCulture,
                $"{figures.Engine}: {figures.RequestsPerSecond:N0} requests/s, p50 {figures.P50Ms:F2} ms, p99 {figures.P99Ms:F2} ms with {figures.HistoryDays} days of history; " +
                $"{figures.RecentUserRequestsPerSecond:N0} requests/s, p50 {figures.RecentUserP50Ms:F2} ms with {RecentDays} days ({figures.Clients} clients, {figures.Requests:N0} requests)"));
            return 0;
        });
        return command;
    }

    /// <summary>The days of the user with a short history: the last ones of the long-standing user's, the same data.</summary>
    private const int RecentDays = 30;

    /// <summary>The days whose data the clients read: the last week.</summary>
    private const int ReadDays = 7;

    internal sealed record EndpointFigures(string Endpoint, long Requests, double P50Ms, double P99Ms);

    internal sealed record Figures(
        string Engine, int HistoryDays, int Clients, double Seconds, long Requests,
        double RequestsPerSecond, double P50Ms, double P99Ms,
        double RecentUserRequestsPerSecond, double RecentUserP50Ms, double RecentUserP99Ms,
        double P50Ratio, IReadOnlyList<EndpointFigures> Endpoints, IReadOnlyList<EndpointFigures> RecentUserEndpoints);

    private sealed record Read(string Endpoint, string Path);

    private static async Task<Figures> RunAsync(string? db, int historyDays, int clients, double seconds, int seed, CancellationToken ct)
    {
        await using var bench = await BenchDatabase.CreateAsync(db, "itinera-bench-api-", ct);
        // Reads alone are measured: the background processor would share the two cores.
        var options = new ServerOptions { Database = bench.Spec, Urls = ["http://127.0.0.1:0"], RateLimitPerSecond = 1_000_000, ProcessTimelines = false };
        await using var app = ItineraServer.Build(options, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(ct);
        var identity = app.Services.GetRequiredService<IdentityStore>();
        var raw = app.Services.GetRequiredService<RawDataStore>();
        var processor = app.Services.GetRequiredService<TimelineProcessor>();
        var resources = app.Services.GetRequiredService<UserResourceStore>();
        var account = await identity.CreateAccountAsync("bench", ct);
        var appId = (await identity.CreateApplicationAsync(account.Id, "bench", ct))!.Value.App.Id;

        var days = MobilitySimulator.Simulate(new SimulationOptions { Users = 1, Days = historyDays, Seed = seed }).Users[0].GenerateDays().ToList();
        var veteran = (await identity.CreateSdkUserAsync(appId, "veteran", TimeSpan.FromHours(12), ct))!.Value;
        var recent = (await identity.CreateSdkUserAsync(appId, "recent", TimeSpan.FromHours(12), ct))!.Value;
        for (var d = 0; d < days.Count; d++)
        {
            await HistoryBenchmark.WriteDayAsync(raw, veteran.User.UserId, days[d], ct);
            if (d >= days.Count - RecentDays)
            {
                await HistoryBenchmark.WriteDayAsync(raw, recent.User.UserId, days[d], ct);
            }

            if (d % 30 == 29)
            {
                await processor.ProcessPendingAsync("bench", veteran.User.UserId, ct: ct);
            }
        }

        await processor.ProcessPendingAsync("bench", veteran.User.UserId, ct: ct);
        await processor.ProcessPendingAsync("bench", recent.User.UserId, ct: ct);

        var url = new Uri(app.Urls.First());
        var (veteranLatencies, veteranSeconds) = await MeasureAsync(url, veteran.Tokens.AccessToken, await ReadsAsync(resources, veteran.User.UserId, ct), clients, seconds, ct);
        var (recentLatencies, recentSeconds) = await MeasureAsync(url, recent.Tokens.AccessToken, await ReadsAsync(resources, recent.User.UserId, ct), clients, seconds, ct);
        await app.StopAsync(ct);

        var all = Sorted(veteranLatencies.SelectMany(l => l.Value));
        var recentAll = Sorted(recentLatencies.SelectMany(l => l.Value));
        return new Figures(
            bench.Spec.StartsWith("postgres", StringComparison.Ordinal) ? "postgres" : "sqlite", historyDays, clients, Math.Round(veteranSeconds, 2), all.Count,
            Math.Round(all.Count / veteranSeconds), Math.Round(BenchCommand.Percentile(all, 0.5), 3), Math.Round(BenchCommand.Percentile(all, 0.99), 3),
            Math.Round(recentAll.Count / recentSeconds), Math.Round(BenchCommand.Percentile(recentAll, 0.5), 3), Math.Round(BenchCommand.Percentile(recentAll, 0.99), 3),
            Math.Round(BenchCommand.Percentile(all, 0.5) / BenchCommand.Percentile(recentAll, 0.5), 2), ByEndpoint(veteranLatencies), ByEndpoint(recentLatencies));
    }

    /// <summary>What a client app reads about the last week: each day's events, each transport's trajectory, car
    /// trips' scores and annotations, places, driving aggregates, segments and moments.</summary>
    private static async Task<List<Read>> ReadsAsync(UserResourceStore resources, string userId, CancellationToken ct)
    {
        var events = await resources.ListEventsAsync(userId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, ct);
        var last = events.Max(e => e.Start);
        var firstDay = DateOnly.FromDateTime(last.UtcDateTime).AddDays(-(ReadDays - 1));
        var reads = new List<Read>();
        for (var day = firstDay; day <= firstDay.AddDays(ReadDays - 1); day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            reads.Add(new Read("events of a day", $"/v2/users/{userId}/events?from={date}&to={date}"));
            reads.Add(new Read("moments of a day", $"/v2/users/{userId}/moments?from={date}&to={date}"));
            reads.Add(new Read("aggregated scores of a day", $"/v3/users/{userId}/aggregated_driving_scores/day/{date}"));
        }

        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var e in events.Where(e => e.Kind == EventKind.Transport && e.Start >= start))
        {
            reads.Add(new Read("trajectory", $"/v3/users/{userId}/events/{e.EventId}/trajectory"));
            if (e.Transport?.Mode == TransportModes.Car)
            {
                reads.Add(new Read("behavior scores", $"/v3/users/{userId}/events/{e.EventId}/behavior_scores"));
                reads.Add(new Read("behavior annotations", $"/v3/users/{userId}/events/{e.EventId}/behavior_annotations"));
            }
        }

        reads.Add(new Read("location clusters", $"/v2/users/{userId}/location_clusters"));
        reads.Add(new Read("car behavior", $"/v2/users/{userId}/car_behavior"));
        reads.Add(new Read("segments", $"/v2/users/{userId}/segments"));
        return reads;
    }

    /// <summary>Clients replay the reads in turn (each from its own offset) for the given time; latencies by endpoint.</summary>
    private static async Task<(Dictionary<string, List<double>> Latencies, double Seconds)> MeasureAsync(
        Uri url, string token, List<Read> reads, int clients, double seconds, CancellationToken ct)
    {
        // One untimed pass so that every endpoint is compiled and its statements prepared before the clock starts.
        await RunClientAsync(url, token, reads, 0, TimeSpan.Zero, reads.Count, ct);
        var watch = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c =>
            RunClientAsync(url, token, reads, c * reads.Count / clients, TimeSpan.FromSeconds(seconds), int.MaxValue, ct)));
        var elapsed = watch.Elapsed.TotalSeconds;
        var latencies = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var (endpoint, ms) in perClient.SelectMany(c => c))
        {
            if (!latencies.TryGetValue(endpoint, out var list))
            {
                latencies[endpoint] = list = [];
            }

            list.Add(ms);
        }

        return (latencies, elapsed);
    }

    private static async Task<List<(string Endpoint, double Ms)>> RunClientAsync(
        Uri url, string token, List<Read> reads, int offset, TimeSpan duration, int maxRequests, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var results = new List<(string, double)>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < maxRequests && (duration == TimeSpan.Zero || watch.Elapsed < duration); i++)
        {
            var read = reads[(offset + i) % reads.Count];
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri(read.Path, UriKind.Relative), ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{read.Path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            }

            results.Add((read.Endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        return results;
    }

    private static List<EndpointFigures> ByEndpoint(Dictionary<string, List<double>> latencies) =>
        [.. latencies.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l =>
        {
            var sorted = Sorted(l.Value);
            return new EndpointFigures(l.Key, sorted.Count, Math.Round(BenchCommand.Percentile(sorted, 0.5), 3), Math.Round(BenchCommand.Percentile(sorted, 0.99), 3));
        })];

    private static List<double> Sorted(IEnumerable<double> values) => [.. values.Order()];
}
