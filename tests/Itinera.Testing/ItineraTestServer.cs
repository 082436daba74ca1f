using System.Net.Http.Headers;
using Itinera.Api;
using Itinera.Core.Identity;
using Itinera.Storage;
using Itinera.Storage.Identity;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Itinera.Testing;

/// <summary>
/// A real Itinera server on a free loopback port, over a fresh SQLite file or a fresh PostgreSQL
/// database. Tests talk to it over HTTP like any client.
/// </summary>
public sealed class ItineraTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _sqliteFile;

    private ItineraTestServer(WebApplication app, Uri baseAddress, string? sqliteFile)
    {
        _app = app;
        _sqliteFile = sqliteFile;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    public Database Database => _app.Services.GetRequiredService<Database>();

    public IdentityStore Identity => _app.Services.GetRequiredService<IdentityStore>();

    public UserResourceStore Resources => _app.Services.GetRequiredService<UserResourceStore>();

    /// <summary>A database specification for a new, empty database of <paramref name="engine"/>.</summary>
    public static async Task<string> NewDatabaseAsync(string engine, CancellationToken ct = default)
    {
        if (engine == "postgres")
        {
            PostgresTestServer.SkipIfUnavailable();
            return "postgres:" + await PostgresTestServer.CreateDatabaseAsync(ct);
        }

        var folder = Path.Combine(Path.GetTempPath(), "itinera-tests");
        Directory.CreateDirectory(folder);
        return "sqlite:" + Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
    }

    /// <summary>Starts a server on a new database of <paramref name="engine"/> (<c>sqlite</c> or <c>postgres</c>).</summary>
    public static async Task<ItineraTestServer> StartAsync(string engine, Action<ServerOptions>? configure = null, TimeProvider? time = null)
    {
        var spec = await NewDatabaseAsync(engine);
        var options = new ServerOptions { Database = spec, Urls = ["http://127.0.0.1:0"] };
        configure?.Invoke(options);
        var app = ItineraServer.Build(options, time, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return new ItineraTestServer(app, new Uri(app.ListeningUrls()[0]), spec.StartsWith("sqlite:", StringComparison.Ordinal) ? spec[7..] : null);
    }

    /// <summary>
    /// An API key with every scope, of a new application in a new account, both named <paramref name="name"/>: what a
    /// test driving the server as a backend (the simulator, say) needs and no more.
    /// </summary>
    public async Task<string> NewApiKeyAsync(string name, CancellationToken ct = default)
    {
        var account = await Identity.CreateAccountAsync(name, ct);
        var app = (await Identity.CreateApplicationAsync(account.Id, name, ct))!.Value.App.Id;
        return (await Identity.CreateApiKeyAsync(app, Scopes.All, name, null, ct))!.Value.Token;
    }

    /// <summary>A client that sends <c>Authorization: Bearer <paramref name="credential"/></c>.</summary>
    public HttpClient ClientWith(string credential)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_sqliteFile + suffix);
                }
                catch (IOException)
                {
                    // A temp file left behind is harmless.
                }
            }
        }
    }
}
