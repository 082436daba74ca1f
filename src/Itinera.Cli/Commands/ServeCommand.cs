using System.CommandLine;
using Itinera.Api;
using Itinera.Core.Identity;
using Itinera.Storage;
using Itinera.Storage.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera serve</c>: runs the HTTP server. On the embedded SQLite default it also makes sure there is
/// an account, an application and a demo user, and prints a fresh API key and example requests, so a new
/// user has something to call at once.
/// </summary>
internal static class ServeCommand
{
    private const string LocalKeyName = "itinera serve (local)";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var noBootstrap = new Option<bool>("--no-bootstrap") { Description = "Do not create a local account, key and demo user on SQLite." };
        var gazetteer = new Option<string?>("--gazetteer") { Description = "Folder of a GeoNames gazetteer (default: $ITINERA_GAZETTEER); see docs/gazetteer.md." };
        var modeModel = new Option<string?>("--mode-model") { Description = "A learned mode classifier from 'itinera train modes' (default: the rules); see docs/accuracy.md." };
        var command = new Command("serve", "Run the Itinera API server.") { urls, noBootstrap, gazetteer, modeModel };
        command.SetAction(async (result, ct) =>
        {
            var options = new ServerOptions
            {
                Database = CliContext.DatabaseSpecification(result),
                Urls = result.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                GazetteerFolder = result.GetValue(gazetteer) ?? Environment.GetEnvironmentVariable("ITINERA_GAZETTEER"),
                ModeModelPath = result.GetValue(modeModel),
            };
            await using var app = ItineraServer.Build(options);
            var database = app.Services.GetRequiredService<Database>();
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e)
            {
                return CliContext.Fail(result, $"Cannot listen on {string.Join(", ", options.Urls)}: {e.Message}");
            }

            var url = app.ListeningUrls()[0];
            var bootstrap = database.Engine == DatabaseEngine.Sqlite && !result.GetValue(noBootstrap)
                ? await BootstrapAsync(app.Services.GetRequiredService<IdentityStore>(), ct)
                : null;
            PrintWelcome(result, url, database.Description, bootstrap);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    private sealed record Bootstrap(string AccountId, string AppId, string ApiKey, string DemoUserId);

    private static async Task<Bootstrap> BootstrapAsync(IdentityStore identity, CancellationToken ct)
    {
        var settings = await identity.FindLocalBootstrapAsync(ct);
        string accountId, appId, demoUserId;
        if (settings is { } s)
        {
            (accountId, appId, demoUserId) = s;
        }
        else
        {
            accountId = (await identity.CreateAccountAsync("Local", ct)).Id;
            appId = (await identity.CreateApplicationAsync(accountId, "Local app", ct))!.Value.App.Id;
            demoUserId = (await identity.CreateSdkUserAsync(appId, "demo-user", null, ct))!.Value.User.UserId;
        }

        // A fresh key each start: secrets are stored only as hashes, so an old key cannot be shown again.
        foreach (var old in await identity.ListApiKeysAsync(appId, ct))
        {
            if (old.Name == LocalKeyName && old.RevokedAt is null)
            {
                await identity.RevokeApiKeyAsync(old.Id, ct);
            }
        }

        var key = await identity.CreateApiKeyAsync(appId, Scopes.All, LocalKeyName, null, ct);
        return new Bootstrap(accountId, appId, key!.Value.Token, demoUserId);
    }

    private static void PrintWelcome(ParseResult result, string url, string database, Bootstrap? b)
    {
        if (result.GetValue(CliContext.JsonOption))
        {
            CliContext.Print(result, new { url, database, api_key = b?.ApiKey, account_id = b?.AccountId, app_id = b?.AppId, demo_user_id = b?.DemoUserId }, "");
            return;
        }

        Console.Out.WriteLine($"Itinera is listening on {url} (database {database}).");
        Console.Out.WriteLine($"API reference: {url}/docs    OpenAPI: {url}/openapi.json");
        if (b is null)
        {
            return;
        }

        Console.Out.WriteLine($"API key (user.read, user.link, user.delete; shown once): {b.ApiKey}");
        Console.Out.WriteLine($"Application {b.AppId}, demo user {b.DemoUserId}. Try:");
        Console.Out.WriteLine($"  curl {url}/v2/moment_definitions");
        Console.Out.WriteLine($"  curl -H 'Authorization: Bearer {b.ApiKey}' {url}/v2/users/{b.DemoUserId}");
        Console.Out.WriteLine($"  curl -H 'Authorization: Bearer {b.ApiKey}' '{url}/v2/users/{b.DemoUserId}/events?from=2026-01-01&to=2026-01-31'");
        Console.Out.WriteLine($"  curl -X POST -H 'Authorization: Bearer {b.ApiKey}' -H 'Content-Type: application/json' -d '{{\"external_id\":\"alice\"}}' {url}/users/auth-code");
        Console.Out.WriteLine("Press Ctrl+C to stop.");
    }
}
