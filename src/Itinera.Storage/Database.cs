using System.Data.Common;
using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Itinera.Storage;

/// <summary>The two storage engines Itinera runs on, with the same schema and behaviour.</summary>
public enum DatabaseEngine
{
    /// <summary>An embedded SQLite file in WAL mode: the default, no other service needed.</summary>
    Sqlite,
    /// <summary>A shared PostgreSQL server: the production choice, and the one for several server nodes.</summary>
    Postgres,
}

/// <summary>
/// The database Itinera stores everything in, opened from a specification
/// <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>. Hands out open connections and applies
/// the versioned migrations of its engine. Thread-safe; one instance per process.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private volatile bool _walEnabled;

    private Database(DatabaseEngine engine, string connectionString)
    {
        Engine = engine;
        _connectionString = connectionString;
        if (engine == DatabaseEngine.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
    }

    /// <summary>Which engine this database runs on.</summary>
    public DatabaseEngine Engine { get; }

    /// <summary>A description without secrets, for logs: the engine and the file or host.</summary>
    public string Description => Engine == DatabaseEngine.Sqlite
        ? "sqlite:" + new SqliteConnectionStringBuilder(_connectionString).DataSource
        : "postgres:" + new NpgsqlConnectionStringBuilder(_connectionString) { Password = null }.Host + "/"
            + new NpgsqlConnectionStringBuilder(_connectionString).Database;

    /// <summary>The default database specification: an SQLite file in the working directory.</summary>
    public const string DefaultSpecification = "sqlite:itinera.db";

    /// <summary>Opens (without connecting) the database named by <paramref name="specification"/>.</summary>
    /// <exception cref="ArgumentException">The specification names no known engine.</exception>
    public static Database Open(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var colon = specification.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? "" : specification[..colon].ToLowerInvariant();
        var rest = colon < 0 ? "" : specification[(colon + 1)..];
        switch (scheme)
        {
            case "sqlite" when rest.Length > 0:
                var builder = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.GetFullPath(rest),
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Pooling = true,
                    DefaultTimeout = 30,
                };
                return new Database(DatabaseEngine.Sqlite, builder.ToString());
            case "postgres" or "postgresql" when rest.Length > 0:
                return new Database(DatabaseEngine.Postgres, rest);
            default:
                throw new ArgumentException(
                    $"Unknown database '{specification}'. Use sqlite:PATH or postgres:CONNECTION_STRING.", nameof(specification));
        }
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            // WAL (persistent, set once per file) with synchronous=NORMAL survives a process crash (kill -9)
            // without losing a commit; only a power loss can drop the last transactions. Switching the
            // journal mode needs the database to itself, so it is done once, not on every open.
            pragma.CommandText = _walEnabled
                ? "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(ct);
            _walEnabled = true;
        }

        return connection;
    }

    /// <summary>Applies every migration of this engine that has not run yet. Idempotent.</summary>
    /// <returns>The names of the scripts applied by this call.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        if (Engine == DatabaseEngine.Sqlite)
        {
            // Creates the file and switches it to WAL before the migrator opens its own connection.
            await using var connection = await OpenConnectionAsync(ct);
        }

        var folder = Engine == DatabaseEngine.Sqlite ? ".Migrations.Sqlite." : ".Migrations.Postgres.";
        var builder = Engine == DatabaseEngine.Sqlite
            ? DeployChanges.To.SqliteDatabase(_connectionString)
            : DeployChanges.To.PostgresqlDatabase(_connectionString);
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        var result = await Task.Run(upgrader.PerformUpgrade, ct);
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }

        return [.. result.Scripts.Select(static (SqlScript s) => s.Name)];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
