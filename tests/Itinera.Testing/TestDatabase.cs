using Itinera.Storage;
using Itinera.Storage.Identity;

namespace Itinera.Testing;

/// <summary>What storage tests start from: a fresh migrated database, and an SDK user in it.</summary>
public static class TestDatabase
{
    /// <summary>A fresh, migrated database of <paramref name="engine"/> (<c>sqlite</c> or <c>postgres</c>).</summary>
    public static async Task<Database> NewMigratedAsync(string engine, CancellationToken ct)
    {
        var database = Database.Open(await ItineraTestServer.NewDatabaseAsync(engine, ct));
        await database.MigrateAsync(ct);
        return database;
    }

    /// <summary>A new SDK user, in an account and application of its own; returns its id.</summary>
    public static async Task<string> NewSdkUserAsync(IdentityStore identity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var account = await identity.CreateAccountAsync("test", ct);
        var app = (await identity.CreateApplicationAsync(account.Id, "test", ct))!.Value.App.Id;
        return (await identity.CreateSdkUserAsync(app, null, null, ct))!.Value.User.UserId;
    }
}
