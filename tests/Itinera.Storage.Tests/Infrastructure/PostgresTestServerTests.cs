using Itinera.Testing;
using Npgsql;

namespace Itinera.Storage.Tests.Infrastructure;

public sealed class PostgresTestServerTests
{
    [Fact]
    public async Task CreateDatabaseAsync_ReturnsAConnectableEmptyDatabase()
    {
        PostgresTestServer.SkipIfUnavailable();
        var ct = TestContext.Current.CancellationToken;

        var first = await PostgresTestServer.CreateDatabaseAsync(ct);
        var second = await PostgresTestServer.CreateDatabaseAsync(ct);

        var firstName = await AssertConnectableAndEmptyAsync(first, ct);
        var secondName = await AssertConnectableAndEmptyAsync(second, ct);
        Assert.NotEqual(firstName, secondName);
    }

    private static async Task<string> AssertConnectableAndEmptyAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        await using (var select = new NpgsqlCommand("select 1", connection))
        {
            Assert.Equal(1, await select.ExecuteScalarAsync(ct));
        }

        await using (var tables = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
            connection))
        {
            Assert.Equal(0L, await tables.ExecuteScalarAsync(ct));
        }

        await using var name = new NpgsqlCommand("select current_database()", connection);
        var database = Assert.IsType<string>(await name.ExecuteScalarAsync(ct));
        Assert.Equal(new NpgsqlConnectionStringBuilder(connectionString).Database, database);
        return database;
    }
}
