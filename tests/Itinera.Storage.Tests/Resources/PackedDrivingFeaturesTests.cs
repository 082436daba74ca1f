using System.Text.Json;
using Dapper;
using Itinera.Core.Driving.Scoring;
using Itinera.Core.Timeline;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Resources;

/// <summary>Per-transport driving features are stored packed (migration 0010); rows stored as JSON before it still read.</summary>
public sealed class PackedDrivingFeaturesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Features whose every figure differs from every other (zone <paramref name="zone"/> of four), with
    /// fractions that do not round-trip through a float.</summary>
    private static DriveFeatures Distinct(int zone)
    {
        var features = new DriveFeatures();
        var i = 0;
        foreach (var property in typeof(DriveFeatures).GetProperties())
        {
            var value = (zone * 100) + (++i) + (property.PropertyType == typeof(double) ? 0.1 / 3 : 0);
            // The properties are init-only: set through reflection, so a figure added later is covered too.
            property.SetValue(features, property.PropertyType == typeof(int) ? (object)(int)value : value);
        }

        return features;
    }

    private static ZoneFeatures Features(int seed) => new(Distinct(seed), Distinct(seed + 1), Distinct(seed + 2), Distinct(seed + 3));

    private static StoredEvent CarTrip(string id, DateTimeOffset start, ZoneFeatures features) =>
        new(new TimelineEvent(id, EventKind.Transport, start, start.AddMinutes(20), "UTC", AnalysisType.Processed, null,
            new TransportDetails(TransportModes.Car, 20_000, null)), DrivingFeatures: features);

    [Fact]
    public void The_packed_form_knows_every_driving_figure()
    {
        // PackedZoneFeatures writes these twenty figures in this order; a new one needs a new version of the packed form.
        Assert.Equal(
            "DistanceMeters DurationSeconds AccelerationCount BrakeCount TurnCount AccelerationSeverity BrakeSeverity TurnSeverity "
            + "TurnAnticipationCount EventCoverageSeconds EventCoverageMeters LimitKnownSeconds SpeedingSeconds SpeedingWeightedSeconds "
            + "HandlingMilliseconds HandheldCallMilliseconds HandsfreeCallMilliseconds HandlingWithoutCallMilliseconds MountJudgedSeconds MountedSeconds",
            string.Join(' ', typeof(DriveFeatures).GetProperties().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Features_read_back_as_written_whether_packed_or_from_an_old_json_body(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var store = new UserResourceStore(database);
        const string User = "dddddddddddddddddddddddd";
        var packed = Features(1);
        var old = Features(5);
        await store.SaveEventsAsync(User, [CarTrip("packed", T0, packed)], Ct);

        // A row as written before migration 0010: a JSON body, nothing packed.
        await using (var c = await database.OpenConnectionAsync(Ct))
        {
            var json = JsonSerializer.Serialize(old);
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO transport_driving_features (user_id, event_id, start_ms, body) VALUES (@User, 'old', @start, @json)",
                new { User, start = T0.AddDays(-1).ToUnixTimeMilliseconds(), json }, cancellationToken: Ct));
        }

        var read = await store.ListDrivingFeaturesAsync(User, T0.AddDays(-2).ToUnixTimeMilliseconds(), T0.AddDays(1).ToUnixTimeMilliseconds(), Ct);

        Assert.Equal(["old", "packed"], read.Select(t => t.EventId));
        Assert.Equal(old, read[0].Features);
        Assert.Equal(packed, read[1].Features);
        Assert.Equal(T0, read[1].Start);

        // Rewriting the old row packs it; changed features replace the packed ones.
        await store.SaveEventsAsync(User, [CarTrip("old", T0.AddDays(-1), old), CarTrip("packed", T0, Features(9))], Ct);
        read = await store.ListDrivingFeaturesAsync(User, T0.AddDays(-2).ToUnixTimeMilliseconds(), T0.AddDays(1).ToUnixTimeMilliseconds(), Ct);
        Assert.Equal(old, read[0].Features);
        Assert.Equal(Features(9), read[1].Features);
        await using (var c = await database.OpenConnectionAsync(Ct))
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM transport_driving_features WHERE user_id = @User AND (body IS NOT NULL OR packed IS NULL)", new { User }, cancellationToken: Ct)));
        }
    }
}
