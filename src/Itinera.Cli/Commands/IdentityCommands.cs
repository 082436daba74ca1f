using System.CommandLine;
using System.Globalization;
using Itinera.Core.Identity;
using Itinera.Storage;
using Itinera.Storage.Identity;

namespace Itinera.Cli.Commands;

/// <summary>Administration of accounts, applications, API keys, SDK users and control users.</summary>
internal static class IdentityCommands
{
    private static async Task<(Database Database, IdentityStore Identity)> OpenAsync(ParseResult result, CancellationToken ct)
    {
        var database = CliContext.OpenDatabase(result);
        await database.MigrateAsync(ct);
        return (database, new IdentityStore(database, TimeProvider.System));
    }

    public static Command Accounts()
    {
        var name = new Option<string>("--name") { Description = "Display name of the account.", Required = true };
        var create = new Command("create", "Create an account.") { name };
        create.SetAction(async (result, ct) =>
        {
            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            var account = await identity.CreateAccountAsync(result.GetValue(name)!, ct);
            CliContext.Print(result, new { id = account.Id }, $"Created account {account.Id}.");
            return 0;
        });
        return new Command("accounts", "Manage accounts.") { create };
    }

    public static Command Apps()
    {
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var name = new Option<string>("--name") { Description = "Application name.", Required = true };
        var create = new Command("create", "Create an application; prints its secret once.") { account, name };
        create.SetAction(async (result, ct) =>
        {
            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            var created = await identity.CreateApplicationAsync(result.GetValue(account)!, result.GetValue(name)!, ct);
            if (created is not { } c)
            {
                return CliContext.Fail(result, $"No account with id {result.GetValue(account)}.");
            }

            CliContext.Print(result, new { id = c.App.Id, secret = c.Secret },
                $"Created application {c.App.Id}.\nSecret (shown once): {c.Secret}");
            return 0;
        });
        return new Command("apps", "Manage applications.") { create };
    }

    public static Command Keys()
    {
        var app = new Option<string>("--app") { Description = "Application id.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated scopes: user.read, user.link, user.delete.", Required = true };
        var name = new Option<string?>("--name") { Description = "A name to recognise the key by." };
        var expires = new Option<string?>("--expires") { Description = "Expiry date YYYY-MM-DD (default: one year from now)." };
        var create = new Command("create", "Create an API key; prints it once.") { app, scopes, name, expires };
        create.SetAction(async (result, ct) =>
        {
            var parsed = new List<string>();
            foreach (var s in result.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Scopes.Normalize(s) is not { } scope)
                {
                    return CliContext.Fail(result, $"Unknown scope '{s.Trim()}'; use {string.Join(", ", Scopes.All)}.");
                }

                if (!parsed.Contains(scope))
                {
                    parsed.Add(scope);
                }
            }

            DateTimeOffset? expiry = null;
            if (result.GetValue(expires) is { } e)
            {
                if (!DateOnly.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return CliContext.Fail(result, "--expires must be a date as YYYY-MM-DD.");
                }

                expiry = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                if (expiry <= TimeProvider.System.GetUtcNow())
                {
                    return CliContext.Fail(result, "--expires must be in the future.");
                }
            }

            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            try
            {
                var created = await identity.CreateApiKeyAsync(result.GetValue(app)!, parsed, result.GetValue(name), expiry, ct);
                if (created is not { } c)
                {
                    return CliContext.Fail(result, $"No application with id {result.GetValue(app)}.");
                }

                var expiresAt = c.Key.ExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                CliContext.Print(result, new { id = c.Key.Id, key = c.Token, scopes = c.Key.Scopes, expires_at = expiresAt },
                    $"Created API key {c.Key.Id} ({string.Join(", ", c.Key.Scopes)}), expires {expiresAt}.\nKey (shown once): {c.Token}");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                return CliContext.Fail(result, ex.Message);
            }
        });

        var listApp = new Option<string>("--app") { Description = "Application id.", Required = true };
        var list = new Command("list", "List an application's API keys (never their secrets).") { listApp };
        list.SetAction(async (result, ct) =>
        {
            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            var keys = await identity.ListApiKeysAsync(result.GetValue(listApp)!, ct);
            var now = TimeProvider.System.GetUtcNow();
            var rows = keys.Select(k => new
            {
                id = k.Id,
                name = k.Name,
                scopes = k.Scopes,
                created_at = k.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                expires_at = k.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                revoked_at = k.RevokedAt?.ToString("O", CultureInfo.InvariantCulture),
                active = k.IsActiveAt(now),
            }).ToList();
            CliContext.Print(result, rows, rows.Count == 0
                ? "No keys."
                : string.Join('\n', rows.Select(r => $"{r.id}  {(r.active ? "active " : "inactive")}  {string.Join(',', r.scopes),-30}  expires {r.expires_at}  {r.name}")));
            return 0;
        });

        var id = new Argument<string>("id") { Description = "Key id (the part before the dot)." };
        var revoke = new Command("revoke", "Revoke an API key at once.") { id };
        revoke.SetAction(async (result, ct) =>
        {
            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            var keyId = result.GetValue(id)!.Split('.')[0];
            if (!await identity.RevokeApiKeyAsync(keyId, ct))
            {
                return CliContext.Fail(result, $"No active key with id {keyId}.");
            }

            CliContext.Print(result, new { id = keyId, revoked = true }, $"Revoked API key {keyId}.");
            return 0;
        });
        return new Command("keys", "Manage API keys.") { create, list, revoke };
    }

    public static Command Users()
    {
        var app = new Option<string>("--app") { Description = "Application id.", Required = true };
        var external = new Option<string?>("--external-id") { Description = "The user's id in your system." };
        var hours = new Option<int>("--token-hours") { Description = "Lifetime of the printed access token, in hours.", DefaultValueFactory = _ => 24 * 30 };
        var create = new Command("create", "Create an SDK user with an active install; prints a user token.") { app, external, hours };
        create.SetAction(async (result, ct) =>
        {
            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            try
            {
                var created = await identity.CreateSdkUserAsync(result.GetValue(app)!, result.GetValue(external),
                    TimeSpan.FromHours(Math.Clamp(result.GetValue(hours), 1, 24 * 365)), ct);
                if (created is not { } c)
                {
                    return CliContext.Fail(result, $"No application with id {result.GetValue(app)}.");
                }

                CliContext.Print(result, new { id = c.User.UserId, token = c.Tokens.AccessToken, install_id = c.Tokens.InstallId },
                    $"Created user {c.User.UserId}.\nAccess token (shown once): {c.Tokens.AccessToken}");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                return CliContext.Fail(result, ex.Message);
            }
        });
        return new Command("users", "Manage SDK users.") { create };
    }

    public static Command ControlUsers()
    {
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var email = new Option<string>("--email") { Description = "Login e-mail.", Required = true };
        var password = new Option<string>("--password") { Description = "Login password (at least 8 characters).", Required = true };
        var role = new Option<string>("--role") { Description = "basic, spectator or developer.", DefaultValueFactory = _ => "basic" };
        var create = new Command("create", "Create a control (dashboard) user.") { account, email, password, role };
        create.SetAction(async (result, ct) =>
        {
            if (ControlRoles.Parse(result.GetValue(role)!) is not { } parsedRole)
            {
                return CliContext.Fail(result, "--role must be basic, spectator or developer.");
            }

            if (result.GetValue(password)!.Length < 8)
            {
                return CliContext.Fail(result, "--password must be at least 8 characters.");
            }

            var (database, identity) = await OpenAsync(result, ct);
            await using var _ = database;
            try
            {
                var user = await identity.CreateControlUserAsync(result.GetValue(account)!, result.GetValue(email)!, result.GetValue(password)!, parsedRole, ct);
                if (user is null)
                {
                    return CliContext.Fail(result, $"No account with id {result.GetValue(account)}.");
                }

                CliContext.Print(result, new { id = user.Id }, $"Created control user {user.Id} ({user.Email}, {user.Role}).");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                return CliContext.Fail(result, ex.Message);
            }
        });
        return new Command("control-users", "Manage control (dashboard) users.") { create };
    }
}
