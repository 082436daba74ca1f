using System.Collections.Concurrent;
using Itinera.Testing;

namespace Itinera.Api.Tests;

/// <summary>
/// One running server per engine, with a <see cref="TestWorld"/> and the sample data written for
/// <see cref="TestWorld.UserId"/>; shared by the tests of a class.
/// </summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(ItineraTestServer Server, TestWorld World)>>> _servers = new();

    public Task<(ItineraTestServer Server, TestWorld World)> GetAsync(string engine)
    {
        if (engine == "postgres")
        {
            PostgresTestServer.SkipIfUnavailable();
        }

        return _servers.GetOrAdd(engine, e => new Lazy<Task<(ItineraTestServer, TestWorld)>>(async () =>
        {
            var (server, world) = await TestWorld.StartServerAsync(e);
            await SampleData.WriteAsync(server.Resources, world.UserId, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
            return (server, world);
        })).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _servers.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await (await lazy.Value).Server.DisposeAsync();
            }
        }
    }
}
