using Itinera.Core.Ingestion;
using Itinera.Storage.Identity;
using Itinera.Storage.Raw;
using Itinera.Testing;

namespace Itinera.Storage.Tests.Raw;

public sealed class RawDataStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Activities_AreReadBackInTimeOrderWithinTheRange_AndDeduplicated(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        var identity = new IdentityStore(database, TimeProvider.System);
        var user = await TestDatabase.NewSdkUserAsync(identity, Ct);
        var store = new RawDataStore(database, TimeProvider.System);
        const long T = 1_772_434_800_000;
        var late = new UploadBatch("late") { Activities = { new ActivitySample(T + 60_000, ActivityType.Walking, 70), new ActivitySample(T, ActivityType.Still, 90) } };
        var early = new UploadBatch("early") { Activities = { new ActivitySample(T + 30_000, ActivityType.InVehicle, 80), new ActivitySample(T, ActivityType.Still, 90) } };
        await store.WriteAsync([new UploadWrite(user, late)], Ct);
        var result = (await store.WriteAsync([new UploadWrite(user, early)], Ct))[0];
        Assert.Equal(1, result.Duplicates);

        var all = await store.ReadActivitiesAsync(user, T, T + 120_000, Ct);
        Assert.Equal([ActivityType.Still, ActivityType.InVehicle, ActivityType.Walking], all.Select(a => a.Type));
        Assert.Equal([T + 30_000], (await store.ReadActivitiesAsync(user, T + 1, T + 60_000, Ct)).Select(a => a.TimestampMs));
    }
}
