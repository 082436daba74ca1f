using Itinera.Core.Timeline;
using Itinera.Storage.Identity;
using Itinera.Storage.Processing;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Processing;

/// <summary>The insight step after the timeline: active moments follow the data as it arrives.</summary>
public sealed class InsightProcessorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static TimelineEvent Stay(double fromHour, double? toHour, string significance, double latitude) =>
        new(Guid.NewGuid().ToString(), EventKind.Stationary, T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC",
            toHour is null ? AnalysisType.Preliminary : AnalysisType.Processed, new StationaryDetails(latitude, 4.35, significance, null, null), null);

    private static TimelineEvent Drive(double fromHour, double? toHour) =>
        new(Guid.NewGuid().ToString(), EventKind.Transport, T0.AddHours(fromHour), toHour is { } h ? T0.AddHours(h) : null, "UTC",
            toHour is null ? AnalysisType.Preliminary : AnalysisType.Processed, null, new TransportDetails(TransportModes.Car, 9000, null));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_active_home_moment_gets_its_end_when_new_data_shows_the_user_left(string engine)
    {
        var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var resources = new UserResourceStore(database);
        var insights = new InsightProcessor(resources);

        // At home since midnight, still there at 07:30.
        await resources.ReplaceEventsFromAsync(user, T0.ToUnixTimeMilliseconds(), [new StoredEvent(Stay(0, null, Significances.Home, 50.85))], Ct);
        await insights.UpdateAsync(user, "UTC", T0.ToUnixTimeMilliseconds(), T0.AddHours(7.5), ct: Ct);
        Assert.Contains(await resources.ListActiveMomentsAsync(user, Ct), m => m.DefinitionId == "home");

        // At 08:10 the user left home at 08:00 and is driving.
        await resources.ReplaceEventsFromAsync(user, T0.ToUnixTimeMilliseconds(), [new StoredEvent(Stay(0, 8, Significances.Home, 50.85)), new StoredEvent(Drive(8, null))], Ct);
        await insights.UpdateAsync(user, "UTC", T0.ToUnixTimeMilliseconds(), T0.AddHours(8 + (10 / 60.0)), ct: Ct);

        var active = await resources.ListActiveMomentsAsync(user, Ct);
        Assert.DoesNotContain(active, m => m.DefinitionId == "home");
        var home = Assert.Single(await resources.ListMomentsAsync(user, T0, T0.AddDays(1), Ct), m => m.DefinitionId == "home");
        Assert.Equal(T0.AddHours(8), home.End);
    }
}
