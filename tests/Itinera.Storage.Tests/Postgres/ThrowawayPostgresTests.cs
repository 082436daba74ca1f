using Itinera.Storage.Postgres;
using Itinera.Testing;
using Npgsql;

namespace Itinera.Storage.Tests.Postgres;

public sealed class ThrowawayPostgresTests
{
    [Fact]
    public async Task StartAsync_Durable_KeepsFsyncOnAndDisposeDeletesTheDataFolder()
    {
        SkipUnlessBinariesAvailable();
        var ct = TestContext.Current.CancellationToken;

        var server = await ThrowawayPostgres.StartAsync(new ThrowawayPostgresOptions { Durable = true }, ct);
        string dataDirectory;
        await using (server)
        {
            dataDirectory = server.DataDirectory;
            Assert.True(Directory.Exists(dataDirectory));

            var connectionString = await server.CreateDatabaseAsync(ct: ct);
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            Assert.False(string.IsNullOrEmpty(database));

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            Assert.Equal(database, await ScalarAsync(connection, "select current_database()", ct));
            Assert.Equal("on", await ScalarAsync(connection, "show fsync", ct));
            Assert.Equal("on", await ScalarAsync(connection, "show synchronous_commit", ct));
            Assert.Equal("on", await ScalarAsync(connection, "show full_page_writes", ct));
        }

        Assert.False(Directory.Exists(dataDirectory));
        Assert.False(Directory.Exists(server.RootDirectory));
    }

    [Fact]
    public async Task StartAsync_Default_IsNotDurableAndHonoursMaxConnections()
    {
        SkipUnlessBinariesAvailable();
        var ct = TestContext.Current.CancellationToken;

        await using var server = await ThrowawayPostgres.StartAsync(new ThrowawayPostgresOptions { MaxConnections = 42 }, ct);
        var connectionString = await server.CreateDatabaseAsync("named_db", ct);
        Assert.Equal("named_db", new NpgsqlConnectionStringBuilder(connectionString).Database);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        Assert.Equal("named_db", await ScalarAsync(connection, "select current_database()", ct));
        Assert.Equal("off", await ScalarAsync(connection, "show fsync", ct));
        Assert.Equal("off", await ScalarAsync(connection, "show synchronous_commit", ct));
        Assert.Equal("42", await ScalarAsync(connection, "show max_connections", ct));
    }

    private static void SkipUnlessBinariesAvailable()
    {
        PostgresTestServer.SkipIfUnavailable();
        // An external server (ITINERA_TEST_POSTGRES) makes PostgreSQL available, but not the binaries.
        Assert.SkipUnless(ThrowawayPostgres.BinariesAvailable, "PostgreSQL server binaries not found");
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync(ct);
    }
}
