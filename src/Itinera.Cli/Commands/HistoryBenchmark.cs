using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itinera.Core.Ingestion;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline.Detection;
using Itinera.Storage;
using Itinera.Storage.Identity;
using Itinera.Storage.Maps;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera bench history</c>: what processing one new day costs for a user with a long history, against the same
/// day for a new user (the cost must grow with new data, not with history).
/// </summary>
internal static class HistoryBenchmark
{
    public static Command Create()
    {
        var days = new Option<int>("--history-days") { Description = "Days of history before the measured days.", DefaultValueFactory = _ => 365 };
        var measured = new Option<int>("--days") { Description = "New days measured, one at a time.", DefaultValueFactory = _ => 14 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed of the user.", DefaultValueFactory = _ => 1 };
        // By default each upload is processed when the phone would send it, so the figures do not depend on the day the
        // command runs (the insight step describes the data as of min(now, end of the data)).
        var wallClock = new Option<bool>("--wall-clock")
        {
            Description = "Process each upload at the wall clock instead of a minute after its last fix (the command's behaviour before "
                + "2026-11-26: figures then depend on which side of today the simulated days fall).",
        };
        var command = new Command("history", "Time processing one new day for a user with a year of history and for a new user with only that day (SQLite, in-process).")
        {
            days, measured, seed, wallClock,
        };
        command.SetAction(async (result, ct) =>
        {
            var figures = await RunAsync(Math.Max(1, result.GetValue(days)), Math.Max(1, result.GetValue(measured)), result.GetValue(seed), live: !result.GetValue(wallClock), ct);
            CliContext.Print(result, figures, string.Create(CultureInfo.InvariantCulture,
                $"one new day: {figures.WithHistoryMedianMs:F1} ms with {figures.HistoryDays} days of history, {figures.NewUserMedianMs:F1} ms for a new user (medians of {figures.Days} days; ratio of their totals {figures.Ratio:F2})"));
            return 0;
        });
        return command;
    }

    internal sealed record Figures(int HistoryDays, int Days, double WithHistoryMedianMs, double NewUserMedianMs, double Ratio, double[] WithHistoryMs, double[] NewUserMs, long HistoryFixes);

    private static async Task<Figures> RunAsync(int historyDays, int measuredDays, int seed, bool live, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"itinera-bench-history-{Guid.NewGuid():N}.db");
        try
        {
            await using var database = Database.Open("sqlite:" + path);
            await database.MigrateAsync(ct);
            var clock = new UploadClock();
            TimeProvider time = live ? clock : TimeProvider.System;
            var identity = new IdentityStore(database, time);
            var raw = new RawDataStore(database, time);
            var resources = new UserResourceStore(database);
            var maps = new MapStore(database, time);
            var processor = new TimelineProcessor(raw, resources, identity, new ProcessingWorkList(database, time), time, null, TimelineOptions.Default,
                new DrivingStage(maps, raw, resources), maps);
            var account = await identity.CreateAccountAsync("bench", ct);
            var app = (await identity.CreateApplicationAsync(account.Id, "bench", ct))!.Value.App.Id;

            var run = MobilitySimulator.Simulate(new SimulationOptions { Users = 1, Days = historyDays + measuredDays, Seed = seed });
            var simulated = run.Users[0].GenerateDays().ToList();
            var veteran = (await identity.CreateSdkUserAsync(app, "veteran", null, ct))!.Value.User.UserId;
            long historyFixes = 0;
            for (var d = 0; d < historyDays; d++)
            {
                clock.After(simulated[d]);
                await WriteDayAsync(raw, veteran, simulated[d], ct);
                historyFixes += simulated[d].Fixes.Count;
                if (d % 30 == 29)
                {
                    await processor.ProcessPendingAsync("bench", veteran, ct: ct);
                }
            }

            await processor.ProcessPendingAsync("bench", veteran, ct: ct);
            var withHistory = new List<double>();
            var newUser = new List<double>();
            for (var d = historyDays; d < historyDays + measuredDays; d++)
            {
                clock.After(simulated[d]);
                await WriteDayAsync(raw, veteran, simulated[d], ct);
                withHistory.Add(await TimeAsync(processor, veteran, ct));
                var fresh = (await identity.CreateSdkUserAsync(app, "new-" + d, null, ct))!.Value.User.UserId;
                await WriteDayAsync(raw, fresh, simulated[d], ct);
                newUser.Add(await TimeAsync(processor, fresh, ct));
            }

            // Days differ (a weekend day is cheaper than a working day), so the ratio compares the same days' totals.
            var a = Median(withHistory);
            var b = Median(newUser);
            return new Figures(historyDays, measuredDays, Math.Round(a, 1), Math.Round(b, 1), Math.Round(withHistory.Sum() / newUser.Sum(), 2),
                [.. withHistory.Select(x => Math.Round(x, 1))], [.. newUser.Select(x => Math.Round(x, 1))], historyFixes);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    internal static async Task WriteDayAsync(RawDataStore raw, string userId, SimulatedDay day, CancellationToken ct)
    {
        var batch = new UploadBatch($"{userId}-{day.DayIndex}") { TimeZoneId = "Europe/Brussels" };
        batch.Fixes.AddRange(day.Fixes);
        batch.Activities.AddRange(day.Activities);
        batch.Motion.AddRange(day.MotionBatches);
        batch.PhoneEvents.AddRange(day.PhoneEvents);
        await raw.WriteAsync([new UploadWrite(userId, batch)], ct);
    }

    private static async Task<double> TimeAsync(TimelineProcessor processor, string userId, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await processor.ProcessPendingAsync("bench", userId, ct: ct);
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The time a phone sends a day's data: a minute after its last fix.</summary>
    private sealed class UploadClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public void After(SimulatedDay day)
        {
            if (day.Fixes.Count > 0)
            {
                _now = DateTimeOffset.FromUnixTimeMilliseconds(day.Fixes.Max(f => f.TimestampMs)).AddMinutes(1);
            }
        }

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
