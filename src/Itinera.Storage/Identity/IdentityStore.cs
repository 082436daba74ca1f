using System.Data.Common;
using Dapper;
using Itinera.Core.Identity;

namespace Itinera.Storage.Identity;

/// <summary>
/// Accounts, applications, API keys, control users, SDK users, installs, tokens and codes.
/// Secrets are generated here, returned once, and stored only as hashes.
/// </summary>
public sealed class IdentityStore(Database database, TimeProvider time)
{
    /// <summary>Active (not revoked, not expired) keys an application may hold at once.</summary>
    public const int MaxActiveKeysPerApp = 10;

    private static readonly TimeSpan DefaultKeyLifetime = TimeSpan.FromDays(365);

    private readonly IdGenerator _ids = new(time);

    /// <summary>How long access tokens live (default 4 hours).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>How long refresh tokens live (default 90 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How long authentication codes stay redeemable (default 10 minutes).</summary>
    public TimeSpan AuthCodeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? FromMs(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    // ---- Accounts and applications ----

    public async Task<AccountRecord> CreateAccountAsync(string name, CancellationToken ct = default)
    {
        var account = new AccountRecord(_ids.NewObjectId(), name, FromMs(NowMs));
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)",
            new { account.Id, account.Name, CreatedAt = account.CreatedAt.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return account;
    }

    public async Task<AccountRecord?> FindAccountAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, string Name, long CreatedAt)?>(new CommandDefinition(
            "SELECT id, name, created_at FROM accounts WHERE id = @id", new { id }, cancellationToken: ct));
        return row is { } r ? new AccountRecord(r.Id, r.Name, FromMs(r.CreatedAt)) : null;
    }

    /// <summary>Creates an application; returns it with its secret, which is not stored in clear.</summary>
    public async Task<(ApplicationRecord App, string Secret)?> CreateApplicationAsync(string accountId, string name, CancellationToken ct = default)
    {
        if (await FindAccountAsync(accountId, ct) is null)
        {
            return null;
        }

        var app = new ApplicationRecord(_ids.NewObjectId(), accountId, name, FromMs(NowMs));
        var secret = IdGenerator.NewSecret();
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO applications (id, account_id, name, secret_hash, created_at) VALUES (@Id, @AccountId, @Name, @SecretHash, @CreatedAt)",
            new { app.Id, app.AccountId, app.Name, SecretHash = SecretHasher.HashSecret(secret), CreatedAt = app.CreatedAt.ToUnixTimeMilliseconds() },
            cancellationToken: ct));
        return (app, secret);
    }

    public async Task<ApplicationRecord?> FindApplicationAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, string AccountId, string Name, long CreatedAt)?>(new CommandDefinition(
            "SELECT id, account_id, name, created_at FROM applications WHERE id = @id", new { id }, cancellationToken: ct));
        return row is { } r ? new ApplicationRecord(r.Id, r.AccountId, r.Name, FromMs(r.CreatedAt)) : null;
    }

    public async Task<IReadOnlyList<string>> ListApplicationIdsAsync(string accountId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM applications WHERE account_id = @accountId ORDER BY id", new { accountId }, cancellationToken: ct));
        return [.. rows];
    }

    private static async Task<bool> VerifyAppSecretAsync(DbConnection c, string appId, string secret, CancellationToken ct)
    {
        var hash = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT secret_hash FROM applications WHERE id = @appId", new { appId }, cancellationToken: ct));
        return hash is not null && SecretHasher.HashesEqual(hash, SecretHasher.HashSecret(secret));
    }

    // ---- API keys ----

    /// <summary>Creates an API key of the form <c>&lt;key id&gt;.&lt;secret&gt;</c>.</summary>
    public async Task<(ApiKeyRecord Key, string Token)?> CreateApiKeyAsync(
        string appId, IReadOnlyList<string> scopes, string? name, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var appExists = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM applications WHERE id = @appId", new { appId }, tx, cancellationToken: ct));
        if (appExists == 0)
        {
            return null;
        }

        var now = NowMs;
        var active = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE app_id = @appId AND revoked_at IS NULL AND expires_at > @now",
            new { appId, now }, tx, cancellationToken: ct));
        if (active >= MaxActiveKeysPerApp)
        {
            throw new InvalidOperationException(
                $"Application {appId} already has {MaxActiveKeysPerApp} active API keys; revoke one first.");
        }

        var id = _ids.NewObjectId();
        var secret = IdGenerator.NewSecret();
        var expires = expiresAt ?? FromMs(now) + DefaultKeyLifetime;
        var record = new ApiKeyRecord(id, appId, name ?? "api key", scopes, FromMs(now), expires, null, SecretHasher.HashSecret(secret));
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, app_id, name, secret_hash, scopes, created_at, expires_at)
            VALUES (@Id, @AppId, @Name, @SecretHash, @Scopes, @CreatedAt, @ExpiresAt)
            """,
            new
            {
                record.Id,
                record.AppId,
                record.Name,
                record.SecretHash,
                Scopes = string.Join(' ', scopes),
                CreatedAt = now,
                ExpiresAt = expires.ToUnixTimeMilliseconds(),
            }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (record, id + "." + secret);
    }

    public async Task<ApiKeyRecord?> FindApiKeyAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await QueryKeysAsync(c, "WHERE id = @id", new { id }, ct);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string appId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await QueryKeysAsync(c, "WHERE app_id = @appId ORDER BY created_at, id", new { appId }, ct);
    }

    /// <summary>Revokes a key; true when it existed and was not revoked before.</summary>
    public async Task<bool> RevokeApiKeyAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = NowMs }, cancellationToken: ct));
        return changed > 0;
    }

    private static async Task<IReadOnlyList<ApiKeyRecord>> QueryKeysAsync(DbConnection c, string where, object args, CancellationToken ct)
    {
        var rows = await c.QueryAsync<(string Id, string AppId, string Name, string Scopes, long CreatedAt, long ExpiresAt, long? RevokedAt, string SecretHash)>(
            new CommandDefinition(
                "SELECT id, app_id, name, scopes, created_at, expires_at, revoked_at, secret_hash FROM api_keys " + where,
                args, cancellationToken: ct));
        return [.. rows.Select(r => new ApiKeyRecord(
            r.Id, r.AppId, r.Name, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            FromMs(r.CreatedAt), FromMs(r.ExpiresAt), FromMs(r.RevokedAt), r.SecretHash))];
    }

    // ---- Control users ----

    public async Task<ControlUserRecord?> CreateControlUserAsync(
        string accountId, string email, string password, ControlRole role, CancellationToken ct = default)
    {
        if (await FindAccountAsync(accountId, ct) is null)
        {
            return null;
        }

        var user = new ControlUserRecord(_ids.NewObjectId(), accountId, email.Trim().ToLowerInvariant(), role.ToWire(),
            FromMs(NowMs), SecretHasher.HashPassword(password));
        await using var c = await database.OpenConnectionAsync(ct);
        var taken = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM control_users WHERE email = @Email", new { user.Email }, cancellationToken: ct));
        if (taken > 0)
        {
            throw new InvalidOperationException($"A control user with email {user.Email} already exists.");
        }

        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO control_users (id, account_id, email, password_hash, role, created_at)
            VALUES (@Id, @AccountId, @Email, @PasswordHash, @Role, @CreatedAt)
            """,
            new { user.Id, user.AccountId, user.Email, user.PasswordHash, user.Role, CreatedAt = user.CreatedAt.ToUnixTimeMilliseconds() },
            cancellationToken: ct));
        return user;
    }

    public Task<ControlUserRecord?> FindControlUserAsync(string id, CancellationToken ct = default) =>
        FindControlUserWhereAsync("id = @value", id, ct);

    public Task<ControlUserRecord?> FindControlUserByEmailAsync(string email, CancellationToken ct = default) =>
        FindControlUserWhereAsync("email = @value", email.Trim().ToLowerInvariant(), ct);

    private async Task<ControlUserRecord?> FindControlUserWhereAsync(string where, string value, CancellationToken ct)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, string AccountId, string Email, string Role, long CreatedAt, string PasswordHash)?>(
            new CommandDefinition(
                "SELECT id, account_id, email, role, created_at, password_hash FROM control_users WHERE " + where,
                new { value }, cancellationToken: ct));
        return row is { } r ? new ControlUserRecord(r.Id, r.AccountId, r.Email, r.Role, FromMs(r.CreatedAt), r.PasswordHash) : null;
    }

    // ---- SDK users and installs ----

    public async Task<SdkUserRecord?> FindSdkUserAsync(string userId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await FindSdkUserAsync(c, null, userId, ct);
    }

    /// <summary>The active install of the SDK user aliased <c>u</c> (the newest, when several are), as a scalar sub-query.</summary>
    private const string ActiveInstallOfU =
        "(SELECT a.install_id FROM installs a WHERE a.user_id = u.user_id AND a.state = 'active' ORDER BY a.created_at DESC LIMIT 1)";

    private static async Task<SdkUserRecord?> FindSdkUserAsync(DbConnection c, DbTransaction? tx, string userId, CancellationToken ct)
    {
        // One round trip: every authorised request and every processing run looks the user up.
        var row = await c.QuerySingleOrDefaultAsync<(string UserId, string AppId, string? ExternalId, string State, string? TimeZone, long CreatedAt, string? InstallId)?>(
            new CommandDefinition(
                $"""
                SELECT u.user_id, u.app_id, u.external_id, u.state, u.time_zone, u.created_at,
                       {ActiveInstallOfU} AS install_id
                FROM sdk_users u WHERE u.user_id = @userId
                """,
                new { userId }, tx, cancellationToken: ct));
        return row is { } r ? new SdkUserRecord(r.UserId, r.AppId, r.ExternalId, r.State, r.TimeZone, FromMs(r.CreatedAt), r.InstallId) : null;
    }

    private static async Task<SdkUserRecord?> FindSdkUserByExternalIdAsync(DbConnection c, DbTransaction tx, string appId, string externalId, CancellationToken ct)
    {
        var userId = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM sdk_users WHERE app_id = @appId AND external_id = @externalId",
            new { appId, externalId }, tx, cancellationToken: ct));
        return userId is null ? null : await FindSdkUserAsync(c, tx, userId, ct);
    }

    public async Task<InstallRecord?> FindInstallAsync(string installId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await FindInstallAsync(c, null, installId, ct);
    }

    private static async Task<InstallRecord?> FindInstallAsync(DbConnection c, DbTransaction? tx, string installId, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<(string InstallId, string UserId, string AppId, string State, long CreatedAt)?>(
            new CommandDefinition(
                "SELECT install_id, user_id, app_id, state, created_at FROM installs WHERE install_id = @installId",
                new { installId }, tx, cancellationToken: ct));
        return row is { } r ? new InstallRecord(r.InstallId, r.UserId, r.AppId, r.State, FromMs(r.CreatedAt)) : null;
    }

    /// <summary>Creates an SDK user with one active install (the CLI's and tests' way in).</summary>
    public async Task<(SdkUserRecord User, IssuedTokens Tokens)?> CreateSdkUserAsync(
        string appId, string? externalId, TimeSpan? accessLifetime = null, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await FindAppIdAsync(c, tx, appId, ct) is null)
        {
            return null;
        }

        if (externalId is not null && await FindSdkUserByExternalIdAsync(c, tx, appId, externalId, ct) is not null)
        {
            throw new InvalidOperationException($"Application {appId} already has a user with external id {externalId}.");
        }

        var (userId, installId) = await InsertUserWithInstallAsync(c, tx, appId, externalId, ct);
        var tokens = await IssueTokensAsync(c, tx, userId, TokenSubject.SdkUser, installId, accessLifetime, ct);
        await tx.CommitAsync(ct);
        return ((await FindSdkUserAsync(userId, ct))!, tokens);
    }

    /// <summary>An anonymous install: a new user without external id, for the link flow.</summary>
    public async Task<(IssuedTokens? Tokens, IdentityFailure Failure)> CreateAnonymousInstallAsync(
        string appId, string appSecret, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await FindAppIdAsync(c, tx, appId, ct) is null)
        {
            return (null, IdentityFailure.UnknownApplication);
        }

        if (!await VerifyAppSecretAsync(c, appId, appSecret, ct))
        {
            return (null, IdentityFailure.InvalidAppSecret);
        }

        var (userId, installId) = await InsertUserWithInstallAsync(c, tx, appId, null, ct);
        var tokens = await IssueTokensAsync(c, tx, userId, TokenSubject.SdkUser, installId, null, ct);
        await tx.CommitAsync(ct);
        return (tokens, IdentityFailure.None);
    }

    private static async Task<string?> FindAppIdAsync(DbConnection c, DbTransaction tx, string appId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT id FROM applications WHERE id = @appId", new { appId }, tx, cancellationToken: ct));

    private async Task<(string UserId, string InstallId)> InsertUserWithInstallAsync(
        DbConnection c, DbTransaction tx, string appId, string? externalId, CancellationToken ct)
    {
        var userId = _ids.NewObjectId();
        var installId = _ids.NewObjectId();
        var now = NowMs;
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sdk_users (user_id, app_id, external_id, state, created_at) VALUES (@userId, @appId, @externalId, 'active', @now)",
            new { userId, appId, externalId, now }, tx, cancellationToken: ct));
        await InsertInstallAsync(c, tx, userId, installId, appId, ct);
        return (userId, installId);
    }

    private async Task InsertInstallAsync(DbConnection c, DbTransaction tx, string userId, string installId, string appId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO installs (user_id, install_id, app_id, state, created_at) VALUES (@userId, @installId, @appId, 'active', @now)",
            new { userId, installId, appId, now = NowMs }, tx, cancellationToken: ct));

    /// <summary>Sets the user's IANA time zone (from uploads).</summary>
    public async Task SetTimeZoneAsync(string userId, string timeZoneId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE sdk_users SET time_zone = @timeZoneId WHERE user_id = @userId", new { userId, timeZoneId }, cancellationToken: ct));
    }

    /// <summary>Sets the state of an install (used by operators and tests for disabled/deleted installs).</summary>
    public async Task SetInstallStateAsync(string installId, string state, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE installs SET state = @state WHERE install_id = @installId", new { installId, state }, cancellationToken: ct));
    }

    // ---- Auth codes and linking ----

    /// <summary>
    /// A single-use code with which the SDK creates (or restores, when <paramref name="externalId"/> is
    /// known) the user linked to <paramref name="externalId"/>. Returns the clear code and its expiry.
    /// </summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> CreateUserAuthCodeAsync(string appId, string externalId, CancellationToken ct = default)
    {
        var code = IdGenerator.NewSecret(64);
        var now = NowMs;
        var expires = FromMs(now) + AuthCodeLifetime;
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO auth_codes (code_hash, kind, app_id, external_id, created_at, expires_at)
            VALUES (@hash, 'sdk_user', @appId, @externalId, @now, @expires)
            """,
            new { hash = SecretHasher.HashSecret(code), appId, externalId, now, expires = expires.ToUnixTimeMilliseconds() },
            cancellationToken: ct));
        return (code, expires);
    }

    /// <summary>
    /// Redeems an SDK user-creation code: restores the user linked to the code's external id (its
    /// previous installs are deactivated) or creates one, and returns tokens for a new install.
    /// </summary>
    public async Task<(IssuedTokens? Tokens, IdentityFailure Failure)> RedeemUserAuthCodeAsync(string code, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var now = NowMs;
        var row = await c.QuerySingleOrDefaultAsync<(string AppId, string ExternalId)?>(new CommandDefinition(
            """
            SELECT app_id, external_id FROM auth_codes
            WHERE code_hash = @hash AND kind = 'sdk_user' AND used_at IS NULL AND expires_at > @now
            """,
            new { hash = SecretHasher.HashSecret(code), now }, tx, cancellationToken: ct));
        if (row is not { } r)
        {
            return (null, IdentityFailure.InvalidCode);
        }

        var used = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE auth_codes SET used_at = @now WHERE code_hash = @hash AND used_at IS NULL",
            new { hash = SecretHasher.HashSecret(code), now }, tx, cancellationToken: ct));
        if (used == 0)
        {
            return (null, IdentityFailure.InvalidCode);
        }

        var existing = await FindSdkUserByExternalIdAsync(c, tx, r.AppId, r.ExternalId, ct);
        string userId;
        var installId = _ids.NewObjectId();
        if (existing is null)
        {
            (userId, installId) = await InsertUserWithInstallAsync(c, tx, r.AppId, r.ExternalId, ct);
        }
        else
        {
            userId = existing.UserId;
            await DeactivateInstallsAsync(c, tx, userId, ct);
            await InsertInstallAsync(c, tx, userId, installId, r.AppId, ct);
        }

        var tokens = await IssueTokensAsync(c, tx, userId, TokenSubject.SdkUser, installId, null, ct);
        await tx.CommitAsync(ct);
        return (tokens, IdentityFailure.None);
    }

    private async Task DeactivateInstallsAsync(DbConnection c, DbTransaction tx, string userId, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE installs SET state = 'deactivated' WHERE user_id = @userId AND state = 'active'",
            new { userId }, tx, cancellationToken: ct));
        // A deactivated install's tokens stop working at once.
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE user_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now = NowMs }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Links install <paramref name="installId"/> to <paramref name="externalId"/> for application
    /// <paramref name="appId"/>; returns the user id the install now belongs to. See docs/identity.md.
    /// </summary>
    public async Task<(string? UserId, IdentityFailure Failure)> LinkInstallAsync(
        string appId, string installId, string externalId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var install = await FindInstallAsync(c, tx, installId, ct);
        if (install is null)
        {
            return (null, IdentityFailure.InstallNotFound);
        }

        if (!string.Equals(install.AppId, appId, StringComparison.Ordinal))
        {
            return (null, IdentityFailure.InstallDoesNotBelongToApp);
        }

        switch (install.State)
        {
            case UserState.Disabled: return (null, IdentityFailure.InstallDisabled);
            case UserState.Deleted: return (null, IdentityFailure.InstallDeleted);
            case UserState.Deactivated: return (null, IdentityFailure.InstallDeactivated);
        }

        var owner = (await FindSdkUserAsync(c, tx, install.UserId, ct))!;
        if (owner.ExternalId is not null)
        {
            if (string.Equals(owner.ExternalId, externalId, StringComparison.Ordinal))
            {
                return (owner.UserId, IdentityFailure.None);
            }

            return (null, IdentityFailure.InstallLinkedToOtherUser);
        }

        var target = await FindSdkUserByExternalIdAsync(c, tx, appId, externalId, ct);
        if (target is null)
        {
            // Unknown external id: the install's anonymous user becomes that person.
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE sdk_users SET external_id = @externalId WHERE user_id = @userId",
                new { externalId, userId = owner.UserId }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return (owner.UserId, IdentityFailure.None);
        }

        var ownerHistory = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM installs WHERE user_id = @userId) - 1
                 + (SELECT COUNT(*) FROM last_locations WHERE user_id = @userId)
                 + (SELECT COUNT(*) FROM events WHERE user_id = @userId)
            """,
            new { userId = owner.UserId }, tx, cancellationToken: ct));
        if (ownerHistory > 0)
        {
            // The install's user is already a person with a history of its own; two people's histories are never merged.
            return (null, IdentityFailure.CannotLinkExistingPersonToOtherPerson);
        }

        // Known external id: the install moves to that user and becomes its only active install.
        await DeactivateInstallsAsync(c, tx, target.UserId, ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE installs SET user_id = @target WHERE install_id = @installId",
            new { target = target.UserId, installId }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE sdk_users SET state = 'deactivated' WHERE user_id = @userId", new { userId = owner.UserId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (target.UserId, IdentityFailure.None);
    }

    // ---- Tokens ----

    public async Task<IssuedTokens> IssueTokensAsync(string userId, TokenSubject subject, string? installId, TimeSpan? accessLifetime = null, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var tokens = await IssueTokensAsync(c, tx, userId, subject, installId, accessLifetime, ct);
        await tx.CommitAsync(ct);
        return tokens;
    }

    private async Task<IssuedTokens> IssueTokensAsync(
        DbConnection c, DbTransaction tx, string userId, TokenSubject subject, string? installId, TimeSpan? accessLifetime, CancellationToken ct)
    {
        var now = FromMs(NowMs);
        // Tokens start with the id of the user they were issued to, so that their rows are found by user
        // first (tables stay distributable by user). A linked install keeps its tokens; see CallerResolver.
        var access = userId + IdGenerator.NewSecret();
        var refresh = userId + IdGenerator.NewSecret();
        var expires = now + (accessLifetime ?? AccessTokenLifetime);
        var subjectKind = subject == TokenSubject.SdkUser ? "sdk" : "control";
        const string Insert = """
            INSERT INTO user_tokens (token_hash, user_id, kind, subject_kind, install_id, created_at, expires_at)
            VALUES (@hash, @userId, @kind, @subjectKind, @installId, @now, @expires)
            """;
        await c.ExecuteAsync(new CommandDefinition(Insert,
            new { hash = SecretHasher.HashSecret(access), userId, kind = "access", subjectKind, installId, now = now.ToUnixTimeMilliseconds(), expires = expires.ToUnixTimeMilliseconds() },
            tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(Insert,
            new { hash = SecretHasher.HashSecret(refresh), userId, kind = "refresh", subjectKind, installId, now = now.ToUnixTimeMilliseconds(), expires = (now + RefreshTokenLifetime).ToUnixTimeMilliseconds() },
            tx, cancellationToken: ct));
        return new IssuedTokens(userId, installId, access, refresh, expires, now);
    }

    /// <summary>
    /// The access token with this clear value, whatever its expiry, and for an SDK token the install it was issued to
    /// and that install's user now (linking moves installs), all in one round trip: every request made with a token
    /// needs them. Null when unknown.
    /// </summary>
    public async Task<AccessTokenLookup?> FindAccessTokenAsync(string token, CancellationToken ct = default)
    {
        if (!IsTokenShaped(token))
        {
            return null;
        }

        await using var c = await database.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<AccessTokenRow>(
            new CommandDefinition(
                $"""
                SELECT t.user_id AS TokenUserId, t.subject_kind AS SubjectKind, t.install_id AS TokenInstallId,
                       t.expires_at AS ExpiresAt, t.revoked_at AS RevokedAt,
                       i.install_id AS InstallId, i.user_id AS UserId, i.app_id AS AppId, i.state AS State, i.created_at AS CreatedAt,
                       u.user_id AS UserUserId, u.app_id AS UserAppId, u.external_id AS ExternalId, u.state AS UserState,
                       u.time_zone AS TimeZone, u.created_at AS UserCreatedAt,
                       {ActiveInstallOfU} AS ActiveInstallId
                FROM user_tokens t
                LEFT JOIN installs i ON t.subject_kind = 'sdk' AND i.install_id = t.install_id
                LEFT JOIN sdk_users u ON u.user_id = i.user_id
                WHERE t.user_id = @userId AND t.token_hash = @hash AND t.kind = 'access'
                """,
                new { userId = TokenUser(token), hash = SecretHasher.HashSecret(token) }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var record = new UserTokenRecord(row.TokenUserId, row.SubjectKind == "sdk" ? TokenSubject.SdkUser : TokenSubject.ControlUser, row.TokenInstallId, FromMs(row.ExpiresAt), FromMs(row.RevokedAt));
        var install = row.InstallId is null ? null : new InstallRecord(row.InstallId, row.UserId!, row.AppId!, row.State!, FromMs(row.CreatedAt ?? 0));
        var user = row.UserUserId is null
            ? null
            : new SdkUserRecord(row.UserUserId, row.UserAppId!, row.ExternalId, row.UserState!, row.TimeZone, FromMs(row.UserCreatedAt ?? 0), row.ActiveInstallId);
        return new AccessTokenLookup(record, install, user);
    }

    private sealed class AccessTokenRow
    {
        public string TokenUserId { get; set; } = "";
        public string SubjectKind { get; set; } = "";
        public string? TokenInstallId { get; set; }
        public long ExpiresAt { get; set; }
        public long? RevokedAt { get; set; }
        public string? InstallId { get; set; }
        public string? UserId { get; set; }
        public string? AppId { get; set; }
        public string? State { get; set; }
        public long? CreatedAt { get; set; }
        public string? UserUserId { get; set; }
        public string? UserAppId { get; set; }
        public string? ExternalId { get; set; }
        public string? UserState { get; set; }
        public string? TimeZone { get; set; }
        public long? UserCreatedAt { get; set; }
        public string? ActiveInstallId { get; set; }
    }

    /// <summary>Exchanges a refresh token for a new pair; the old refresh token stops working (rotation).</summary>
    public async Task<(IssuedTokens? Tokens, IdentityFailure Failure)> RefreshAsync(string refreshToken, TokenSubject subject, CancellationToken ct = default)
    {
        if (!IsTokenShaped(refreshToken))
        {
            return (null, IdentityFailure.InvalidRefreshToken);
        }

        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var now = NowMs;
        var hash = SecretHasher.HashSecret(refreshToken);
        var subjectKind = subject == TokenSubject.SdkUser ? "sdk" : "control";
        var row = await c.QuerySingleOrDefaultAsync<(string UserId, string? InstallId)?>(new CommandDefinition(
            """
            SELECT user_id, install_id FROM user_tokens
            WHERE user_id = @userId AND token_hash = @hash AND kind = 'refresh' AND subject_kind = @subjectKind AND revoked_at IS NULL AND expires_at > @now
            """,
            new { userId = TokenUser(refreshToken), hash, subjectKind, now }, tx, cancellationToken: ct));
        if (row is not { } r)
        {
            return (null, IdentityFailure.InvalidRefreshToken);
        }

        var revoked = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE user_tokens SET revoked_at = @now WHERE user_id = @userId AND token_hash = @hash AND revoked_at IS NULL",
            new { userId = r.UserId, hash, now }, tx, cancellationToken: ct));
        if (revoked == 0)
        {
            return (null, IdentityFailure.InvalidRefreshToken);
        }

        var owner = r.UserId;
        if (subject == TokenSubject.SdkUser)
        {
            var install = r.InstallId is null ? null : await FindInstallAsync(c, tx, r.InstallId, ct);
            if (install is null || install.State != UserState.Active)
            {
                return (null, IdentityFailure.UserNotActive);
            }

            // A linked install now belongs to the linked user; new tokens are issued to that user.
            owner = install.UserId;
        }

        var tokens = await IssueTokensAsync(c, tx, owner, subject, r.InstallId, null, ct);
        await tx.CommitAsync(ct);
        return (tokens, IdentityFailure.None);
    }

    /// <summary>Revokes every token of a user.</summary>
    public async Task RevokeTokensAsync(string userId, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE user_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now = NowMs }, cancellationToken: ct));
    }

    private static bool IsTokenShaped(string token) => token.Length == 88 && IdGenerator.IsHex(token);

    private static string TokenUser(string token) => token[..24].ToLowerInvariant();

    // ---- Control-user login ----

    /// <summary>Checks e-mail and password; on success returns a short-lived single-use authorization code.</summary>
    public async Task<(ControlUserRecord User, string Code)?> LoginAsync(string email, string password, CancellationToken ct = default)
    {
        var user = await FindControlUserByEmailAsync(email, ct);
        if (user is null || !SecretHasher.VerifyPassword(password, user.PasswordHash))
        {
            return null;
        }

        var code = IdGenerator.NewSecret();
        var now = NowMs;
        await using var c = await database.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO auth_codes (code_hash, kind, user_id, created_at, expires_at)
            VALUES (@hash, 'control_login', @userId, @now, @expires)
            """,
            new { hash = SecretHasher.HashSecret(code), userId = user.Id, now, expires = now + (long)AuthCodeLifetime.TotalMilliseconds },
            cancellationToken: ct));
        return (user, code);
    }

    /// <summary>Redeems a control-user login code for a token pair.</summary>
    public async Task<(IssuedTokens? Tokens, IdentityFailure Failure)> RedeemLoginCodeAsync(string code, CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var now = NowMs;
        var hash = SecretHasher.HashSecret(code);
        var userId = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM auth_codes WHERE code_hash = @hash AND kind = 'control_login' AND used_at IS NULL AND expires_at > @now",
            new { hash, now }, tx, cancellationToken: ct));
        if (userId is null)
        {
            return (null, IdentityFailure.InvalidCode);
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE auth_codes SET used_at = @now WHERE code_hash = @hash", new { hash, now }, tx, cancellationToken: ct));
        var tokens = await IssueTokensAsync(c, tx, userId, TokenSubject.ControlUser, null, null, ct);
        await tx.CommitAsync(ct);
        return (tokens, IdentityFailure.None);
    }

    // ---- Local bootstrap (itinera serve on SQLite) ----

    /// <summary>The first account, its first application and its demo user, when the local bootstrap ran before.</summary>
    public async Task<(string AccountId, string AppId, string DemoUserId)?> FindLocalBootstrapAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        var row = await c.QueryFirstOrDefaultAsync<(string AccountId, string AppId, string UserId)?>(new CommandDefinition(
            """
            SELECT a.account_id, a.id, u.user_id FROM applications a JOIN sdk_users u ON u.app_id = a.id
            WHERE u.external_id = 'demo-user' ORDER BY a.created_at, a.id
            """, cancellationToken: ct));
        return row;
    }
}
