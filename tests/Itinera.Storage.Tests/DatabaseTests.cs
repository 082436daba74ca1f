using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Storage.Tests;

public sealed class DatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Migrate_AppliesEveryScriptOnce(string engine)
    {
        await using var database = Database.Open(await ItineraTestServer.NewDatabaseAsync(engine, Ct));
        var first = await database.MigrateAsync(Ct);
        Assert.NotEmpty(first);
        Assert.Empty(await database.MigrateAsync(Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EveryTableWithUserData_IsKeyedByUserIdFirst(string engine)
    {
        await using var database = await TestDatabase.NewMigratedAsync(engine, Ct);
        await using var c = await database.OpenConnectionAsync(Ct);
        foreach (var table in UserResourceStore.UserTables.Where(t => t != "auth_codes"))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = engine == "sqlite"
                ? $"SELECT name FROM pragma_table_info('{table}') WHERE pk = 1"
                : $"""
                   SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                   WHERE i.indrelid = '{table}'::regclass AND i.indisprimary
                   """;
            Assert.Equal("user_id", await cmd.ExecuteScalarAsync(Ct) as string);
        }
    }

    [Fact]
    public async Task Sqlite_RunsInWalMode()
    {
        await using var database = Database.Open(await ItineraTestServer.NewDatabaseAsync("sqlite", Ct));
        await database.MigrateAsync(Ct);
        await using var c = await database.OpenConnectionAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await cmd.ExecuteScalarAsync(Ct) as string);
    }

    [Theory]
    [InlineData("mysql:whatever")]
    [InlineData("sqlite:")]
    [InlineData("itinera.db")]
    public void Open_RefusesAnUnknownSpecification(string specification)
    {
        var error = Assert.Throws<ArgumentException>(() => Database.Open(specification));
        Assert.Contains("sqlite:PATH or postgres:CONNECTION_STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_NeverShowsThePassword()
    {
        var database = Database.Open("postgres:Host=db.example;Database=itinera;Username=u;Password=hunter2");
        Assert.Equal("postgres:db.example/itinera", database.Description);
    }
}
