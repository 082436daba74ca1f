using Itinera.Core.Ingestion;
using Itinera.Core.Insights;
using Itinera.Core.Simulation;
using Itinera.Core.Time;
using Itinera.Core.Timeline.Detection;
using Itinera.Storage.Identity;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Processing;

/// <summary>
/// The insight step reads its nine weeks from the day buckets and writes only what changed: what it stores must be
/// exactly what a full recompute from the stored events gives.
/// </summary>
public sealed class IncrementalInsightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Zone = "Europe/Brussels";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_user_processed_day_by_day_with_late_data_has_the_insights_of_a_full_recompute_after_every_update(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var raw = new RawDataStore(database, TimeProvider.System);
        var resources = new UserResourceStore(database);
        var processor = new TimelineProcessor(raw, resources, identity, new ProcessingWorkList(database, TimeProvider.System), TimeProvider.System, null,
            TimelineOptions.Default);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var days = MobilitySimulator.Simulate(new SimulationOptions { Users = 1, Days = 36, Seed = 3 }).Users[0].GenerateDays().ToList();

        var held = new List<Fix>();
        var compared = 0;
        foreach (var day in days)
        {
            // Every fifth day the evening arrives late, after the next day was processed.
            var fixes = day.Fixes.ToList();
            var late = day.DayIndex % 5 == 2 ? fixes.Where(f => f.TimestampMs >= day.Start.AddHours(17).ToUnixTimeMilliseconds()).ToList() : [];
            var batch = new UploadBatch($"d{day.DayIndex}") { TimeZoneId = Zone };
            batch.Fixes.AddRange(fixes.Except(late).Concat(held));
            batch.Activities.AddRange(day.Activities);
            held = late;
            await raw.WriteAsync([new UploadWrite(user, batch)], Ct);
            await processor.ProcessPendingAsync("n", user, ct: Ct);
            compared += await AssertLikeFullRecomputeAsync(resources, user);
        }

        // The comparison covered the segment, moment and anomaly rules, not empty results.
        Assert.True(compared > 0);
        Assert.NotEmpty(await resources.ListSegmentsAsync(user, Ct));
    }

    /// <summary>
    /// Compares the stored insights with the engine run on the full stored events: all segments, the moments ending
    /// after (and the anomalies starting from) the local Monday before the last day, which the last update rewrote
    /// whatever its window. Returns how many insights were compared.
    /// </summary>
    private static async Task<int> AssertLikeFullRecomputeAsync(UserResourceStore resources, string user)
    {
        var all = await resources.ListEventsAsync(user, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Ct);
        if (all.Count == 0)
        {
            return 0;
        }

        var asOf = all.Max(e => e.End ?? e.Start);
        var day = DateOnly.FromDateTime(TimeZones.ToLocal(asOf - InsightProcessor.Margin, Zone).DateTime);
        var monday = TimeZones.StartOfLocalDay(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), Zone);
        var events = await resources.ListEventsAsync(user, asOf - InsightEngine.History, asOf, Ct);
        var trips = await resources.ListDrivingFeaturesAsync(user, (asOf - InsightEngine.History).ToUnixTimeMilliseconds(), asOf.ToUnixTimeMilliseconds() + 1, Ct);
        var full = InsightEngine.Compute(events, Zone, asOf, monday, DrivingProfile.Of(trips));

        Assert.Equal(full.Segments, await resources.ListSegmentsAsync(user, Ct));
        var moments = (await resources.ListMomentsAsync(user, monday, DateTimeOffset.MaxValue, Ct)).Where(m => m.End is null || m.End > monday);
        Assert.Equal(full.Moments.OrderBy(m => m.MomentId, StringComparer.Ordinal), moments.OrderBy(m => m.MomentId, StringComparer.Ordinal));
        var anomalies = (await resources.ListAnomaliesAsync(user, monday, DateTimeOffset.MaxValue, Ct)).Where(a => a.Start >= monday);
        Assert.Equal(full.Anomalies.Where(a => a.Start >= monday).OrderBy(a => a.AnomalyId, StringComparer.Ordinal), anomalies.OrderBy(a => a.AnomalyId, StringComparer.Ordinal));
        return full.Segments.Count + full.Moments.Count + full.Anomalies.Count;
    }
}
