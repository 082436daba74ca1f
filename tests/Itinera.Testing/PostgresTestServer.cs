using System.Collections.Concurrent;
using Itinera.Storage.Postgres;
using Npgsql;

namespace Itinera.Testing;

/// <summary>
/// Gives tests a real PostgreSQL database.
/// </summary>
/// <remarks>
/// <para>
/// If the environment variable <c>ITINERA_TEST_POSTGRES</c> holds a connection string, databases are
/// created on that server (and dropped again when the test process exits). Otherwise a
/// <see cref="ThrowawayPostgres"/> server (not durable, which is faster) is started once per test
/// process and stopped and deleted when the process exits.
/// </para>
/// <para>
/// Every call to <see cref="CreateDatabaseAsync"/> returns a connection string to a new, empty
/// database with a unique name, so tests can run in parallel without sharing state.
/// </para>
/// </remarks>
public static class PostgresTestServer
{
    /// <summary>Environment variable holding the connection string of an external server to use.</summary>
    public const string ServerVariable = "ITINERA_TEST_POSTGRES";

    /// <summary>Environment variable that, when <c>1</c>, makes a missing PostgreSQL a test failure.</summary>
    public const string RequireVariable = "ITINERA_REQUIRE_POSTGRES";

    private static readonly Lazy<Task<Backend>> Server = new(
        () => Task.Run(StartServerAsync),
        LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentBag<string> ExternalDatabases = [];

    /// <summary>
    /// Whether PostgreSQL can be had: either <c>ITINERA_TEST_POSTGRES</c> is set or the server
    /// binaries (<c>initdb</c>, <c>postgres</c>, <c>pg_ctl</c>) were found.
    /// </summary>
    public static bool IsAvailable => ExternalConnectionString is not null || ThrowawayPostgres.BinariesAvailable;

    /// <summary>The directory holding the PostgreSQL server binaries, or <c>null</c> if none was found.</summary>
    public static string? BinariesDirectory => ThrowawayPostgres.FindBinDirectory();

    private static string? ExternalConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(ServerVariable);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }

    private static bool IsRequired =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Environment.GetEnvironmentVariable(RequireVariable), "1", StringComparison.Ordinal);

    /// <summary>
    /// Skips the current test when PostgreSQL is not available, except in CI (<c>CI=true</c>) or
    /// when <c>ITINERA_REQUIRE_POSTGRES=1</c>, where it throws so the test fails instead.
    /// </summary>
    public static void SkipIfUnavailable()
    {
        if (IsAvailable)
        {
            return;
        }

        if (IsRequired)
        {
            throw new InvalidOperationException(
                "PostgreSQL is required in CI (CI=true or ITINERA_REQUIRE_POSTGRES=1) but no server binaries were found " +
                "under /usr/lib/postgresql/*/bin, via pg_config --bindir or on PATH, and ITINERA_TEST_POSTGRES is not set. " +
                "Install postgresql (apt-get install postgresql) or set ITINERA_TEST_POSTGRES.");
        }

        Assert.Skip("PostgreSQL binaries not found; install postgresql or set ITINERA_TEST_POSTGRES");
    }

    /// <summary>
    /// Creates a new, empty database with a unique name on the shared test server (starting the
    /// server first if needed) and returns a Npgsql connection string to it.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var backend = await Server.Value.WaitAsync(ct);
        var name = "itinera_test_" + Guid.NewGuid().ToString("N");

        string connectionString;
        if (backend.Local is not null)
        {
            connectionString = await backend.Local.CreateDatabaseAsync(name, ct);
        }
        else
        {
            await using (var connection = new NpgsqlConnection(backend.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                // The name is generated above (lower-case hex), never user input.
                command.CommandText = "CREATE DATABASE \"" + name + "\" TEMPLATE template0";
                await command.ExecuteNonQueryAsync(ct);
            }

            ExternalDatabases.Add(name);
            connectionString = new NpgsqlConnectionStringBuilder(backend.ConnectionString) { Database = name }.ConnectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Every database gets its own pool; release idle connections of finished tests quickly
            // so hundreds of test databases stay well below the server's max_connections.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        };
        return builder.ConnectionString;
    }

    private static async Task<Backend> StartServerAsync()
    {
        var external = ExternalConnectionString;
        if (external is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            if (string.IsNullOrEmpty(builder.Database))
            {
                builder.Database = "postgres";
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropExternalDatabases(builder.ConnectionString);
            return new Backend(builder.ConnectionString, Local: null);
        }

        if (!ThrowawayPostgres.BinariesAvailable)
        {
            throw new InvalidOperationException("PostgreSQL binaries not found; install postgresql or set " + ServerVariable);
        }

        // Not durable (fsync etc. off): test data is thrown away, and speed matters.
        var server = await ThrowawayPostgres.StartAsync(new ThrowawayPostgresOptions { Durable = false, MaxConnections = 200 });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return new Backend(server.ConnectionString, server);
    }

    private static void DropExternalDatabases(string baseConnectionString)
    {
        if (ExternalDatabases.IsEmpty)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(baseConnectionString)
            {
                Pooling = false,
                Timeout = 5,
                CommandTimeout = 10,
            };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            foreach (var name in ExternalDatabases)
            {
                try
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)";
                    command.ExecuteNonQuery();
                }
                catch (NpgsqlException)
                {
                    // Best effort: a leftover test database is harmless.
                }
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: the external server may already be gone.
        }
    }

    /// <summary>The server the test databases are created on: external (<paramref name="Local"/> is null) or local.</summary>
    private sealed record Backend(string ConnectionString, ThrowawayPostgres? Local);
}
