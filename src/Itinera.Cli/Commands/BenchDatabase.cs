using Itinera.Storage.Postgres;

namespace Itinera.Cli.Commands;

/// <summary>
/// The database a server benchmark runs on: a temporary SQLite file (<c>--db sqlite</c>, the default), a throw-away
/// durable PostgreSQL server (<c>--db postgres</c>), or a full specification given by the user (kept as it is).
/// Disposing removes what it created.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly ThrowawayPostgres? _postgres;

    private BenchDatabase(string spec, string? sqliteFile, ThrowawayPostgres? postgres)
    {
        Spec = spec;
        SqliteFile = sqliteFile;
        _postgres = postgres;
    }

    /// <summary>The database specification for <c>ServerOptions.Database</c>.</summary>
    public string Spec { get; }

    /// <summary>The temporary SQLite file, when the benchmark created one.</summary>
    public string? SqliteFile { get; }

    public static async Task<BenchDatabase> CreateAsync(string? dbOption, string prefix, CancellationToken ct)
    {
        var db = dbOption ?? "sqlite";
        if (db == "postgres")
        {
            var postgres = await ThrowawayPostgres.StartAsync(new ThrowawayPostgresOptions { Durable = true }, ct);
            return new BenchDatabase("postgres:" + await postgres.CreateDatabaseAsync(ct: ct), null, postgres);
        }

        if (db == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N") + ".db");
            return new BenchDatabase("sqlite:" + file, file, null);
        }

        return new BenchDatabase(db, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (SqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(SqliteFile + suffix);
            }
        }
    }
}
