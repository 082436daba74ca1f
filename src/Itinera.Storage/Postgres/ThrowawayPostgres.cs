using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Itinera.Storage.Postgres;

/// <summary>Settings for <see cref="ThrowawayPostgres.StartAsync"/>.</summary>
public sealed class ThrowawayPostgresOptions
{
    /// <summary>
    /// Whether the server keeps PostgreSQL's default durability settings (<c>fsync</c>,
    /// <c>synchronous_commit</c> and <c>full_page_writes</c> on). Defaults to <c>false</c>: all
    /// three are turned off, which is much faster and fine for data that is thrown away anyway
    /// (tests). Set it to <c>true</c> when measuring, e.g. in benchmarks.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>The server's <c>max_connections</c>. Defaults to 200.</summary>
    public int MaxConnections { get; init; } = 200;

    /// <summary>
    /// The folder in which the server's own temporary folder is created, or <c>null</c> (the
    /// default) for the system temp directory (<c>/tmp</c> when running as root). When running as
    /// root, the <c>postgres</c> system user must be able to traverse this folder.
    /// </summary>
    public string? ParentDirectory { get; init; }
}

/// <summary>
/// A private, throw-away PostgreSQL server owned by this process.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="StartAsync"/> runs <c>initdb</c> into a new temporary folder and starts
/// <c>postgres</c> on a free port, listening on 127.0.0.1 only, with trust authentication for the
/// <c>postgres</c> superuser. <see cref="Stop"/> (or disposing) shuts the server down immediately
/// and deletes the folder, including all data. If the instance is not disposed, the server is
/// stopped when the process exits normally.
/// </para>
/// <para>
/// PostgreSQL refuses to run as root, so when this process is privileged the server binaries run
/// as the <c>postgres</c> system user (via <c>runuser</c>); that user is created if missing.
/// </para>
/// <para>
/// The binaries are looked up in <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> (highest major
/// first), then via <c>pg_config --bindir</c>, then via <c>initdb</c> on <c>PATH</c>.
/// </para>
/// </remarks>
public sealed class ThrowawayPostgres : IAsyncDisposable, IDisposable
{
    private const string SuperUser = "postgres";
    private const string SystemUser = "postgres";
    private const int MaxLogLines = 200;
    private const int MaxStartAttempts = 3;
    private const int MaxIdentifierBytes = 63;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string?> CachedBinDirectory = new(SearchBinDirectory, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly bool _asSystemUser;
    private readonly ThrowawayPostgresOptions _options;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentBag<string> _connectionStrings = [];
    private readonly Lock _stopLock = new();
    private readonly string _socketDirectory;
    private Process? _process;
    private bool _stopped;

    private ThrowawayPostgres(string bin, string rootDirectory, bool asSystemUser, ThrowawayPostgresOptions options)
    {
        _bin = bin;
        _asSystemUser = asSystemUser;
        _options = options;
        RootDirectory = rootDirectory;
        DataDirectory = Path.Combine(rootDirectory, "data");
        _socketDirectory = Path.Combine(rootDirectory, "sock");
    }

    /// <summary>
    /// Whether the PostgreSQL server binaries (<c>initdb</c>, <c>postgres</c>, <c>pg_ctl</c>) were
    /// found, i.e. whether <see cref="StartAsync"/> can work.
    /// </summary>
    public static bool BinariesAvailable => FindBinDirectory() is not null;

    /// <summary>
    /// A Npgsql connection string to the <c>postgres</c> database as the <c>postgres</c> superuser
    /// (pooled, 15 s connect timeout).
    /// </summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The TCP port the server listens on (on 127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The server's temporary folder (holding the data directory); deleted by <see cref="Stop"/>.</summary>
    public string RootDirectory { get; }

    /// <summary>The server's data directory (inside <see cref="RootDirectory"/>).</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the server runs with PostgreSQL's default durability settings (see <see cref="ThrowawayPostgresOptions.Durable"/>).</summary>
    public bool Durable => _options.Durable;

    /// <summary>
    /// The directory holding the PostgreSQL server binaries, or <c>null</c> if none was found.
    /// The search runs once per process; the result is cached.
    /// </summary>
    public static string? FindBinDirectory() => CachedBinDirectory.Value;

    /// <summary>
    /// Initialises a new data directory in a temporary folder and starts a server on it, waiting
    /// until it accepts connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The binaries were not found, or <c>initdb</c> or the server failed (the message holds their output).
    /// </exception>
    public static async Task<ThrowawayPostgres> StartAsync(ThrowawayPostgresOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ThrowawayPostgresOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1, nameof(options));

        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, postgres, pg_ctl) not found under /usr/lib/postgresql/*/bin, " +
            "via pg_config --bindir or on PATH; install postgresql (e.g. apt-get install postgresql).");

        var asSystemUser = Environment.IsPrivilegedProcess;
        // The postgres user must be able to reach the folder, so as root use the world-traversable /tmp.
        var parent = options.ParentDirectory
            ?? (asSystemUser && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath());
        var root = Path.Combine(Path.GetFullPath(parent), "itinera-pg-" + Guid.NewGuid().ToString("N")[..12]);

        var server = new ThrowawayPostgres(bin, root, asSystemUser, options);
        try
        {
            Directory.CreateDirectory(root);
            Directory.CreateDirectory(server._socketDirectory);
            if (asSystemUser)
            {
                await EnsureSystemUserAsync(ct);
                await RunToolAsync("chown", ["-R", SystemUser + ":", root], ct);
            }

            await server.InitDbAsync(ct);
            await server.StartPostgresAsync(ct);
            AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>
    /// Creates a new, empty database and returns a Npgsql connection string to it.
    /// </summary>
    /// <param name="name">
    /// The database name; <c>null</c> for a unique generated one (<c>itinera_</c> followed by 32 hex digits).
    /// </param>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        name ??= "itinera_" + Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Not a valid PostgreSQL database name (at most {0} bytes, no NUL): '{1}'", MaxIdentifierBytes, name),
                nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
            command.CommandText = "CREATE DATABASE \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\" TEMPLATE template0";
            await command.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
        _connectionStrings.Add(connectionString);
        return connectionString;
    }

    /// <summary>
    /// Stops the server (immediate shutdown: the data is thrown away) and deletes its temporary
    /// folder. Safe to call more than once.
    /// </summary>
    public void Stop()
    {
        lock (_stopLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            ClearPools();
            StopProcess();
            try
            {
                if (Directory.Exists(RootDirectory))
                {
                    Directory.Delete(RootDirectory, recursive: true);
                }
            }
            catch (IOException)
            {
                // Best effort: the folder lives under the temp directory.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort, as above.
            }
        }
    }

    /// <summary>Same as <see cref="Stop"/>.</summary>
    public void Dispose() => Stop();

    /// <summary>Same as <see cref="Stop"/>, run off the calling thread (stopping waits for the server to exit).</summary>
    public async ValueTask DisposeAsync() => await Task.Run(Stop);

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    /// <summary>Drops pooled connections to this server, so they are not reused after it is gone.</summary>
    private void ClearPools()
    {
        if (ConnectionString.Length == 0)
        {
            return;
        }

        foreach (var connectionString in _connectionStrings.Append(ConnectionString))
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                NpgsqlConnection.ClearPool(connection);
            }
            catch (NpgsqlException)
            {
                // Best effort: the server is stopped right after anyway.
            }
        }
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        List<string> arguments =
        [
            .. ServerArguments("initdb"),
            "-D", DataDirectory,
            "-A", "trust",
            "-U", SuperUser,
            "-E", "UTF8",
            "--no-locale",
        ];
        if (!_options.Durable)
        {
            arguments.Add("--no-sync");
        }

        var (exitCode, output) = await RunToolAsync(ServerCommand("initdb"), arguments, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                string.Format(CultureInfo.InvariantCulture, "initdb failed with exit code {0}:\n{1}", exitCode, output));
        }
    }

    private async Task StartPostgresAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            _log.Clear();
            var process = StartPostgresProcess(port);
            _process = process;

            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = SuperUser,
                Database = "postgres",
                Timeout = 5,
                Pooling = false,
            };

            var stopwatch = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    var log = Log();
                    // Another process may have taken the port between probing and binding: retry.
                    if (attempt < MaxStartAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }

                    throw new InvalidOperationException(string.Format(
                        CultureInfo.InvariantCulture,
                        "PostgreSQL exited with code {0} during startup (data dir {1}, port {2}). Server log:\n{3}",
                        process.ExitCode,
                        DataDirectory,
                        port,
                        log));
                }

                if (await CanConnectAsync(builder.ConnectionString, ct))
                {
                    builder.Pooling = true;
                    builder.Timeout = 15;
                    Port = port;
                    ConnectionString = builder.ConnectionString;
                    return;
                }

                if (stopwatch.Elapsed > StartTimeout)
                {
                    StopProcess();
                    throw new InvalidOperationException(string.Format(
                        CultureInfo.InvariantCulture,
                        "PostgreSQL did not accept connections on 127.0.0.1:{0} within {1} s (data dir {2}). Server log:\n{3}",
                        port,
                        StartTimeout.TotalSeconds,
                        DataDirectory,
                        Log()));
                }

                await Task.Delay(100, ct);
            }

            process.Dispose();
            _process = null;
        }
    }

    private Process StartPostgresProcess(int port)
    {
        List<string> arguments =
        [
            .. ServerArguments("postgres"),
            "-D", DataDirectory,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", _socketDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=" + _options.MaxConnections.ToString(CultureInfo.InvariantCulture),
        ];
        if (!_options.Durable)
        {
            arguments.AddRange(
            [
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
            ]);
        }

        var process = new Process { StartInfo = CreateStartInfo(ServerCommand("postgres"), arguments) };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.Start();
        // Drain both pipes continuously so the server never blocks on a full pipe.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void StopProcess()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                // Immediate shutdown (SIGQUIT): the data is thrown away anyway.
                var stop = Process.Start(CreateStartInfo(
                    ServerCommand("pg_ctl"),
                    [.. ServerArguments("pg_ctl"), "stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "10"]));
                if (stop is not null)
                {
                    using (stop)
                    {
                        stop.StandardOutput.ReadToEnd();
                        stop.StandardError.ReadToEnd();
                        stop.WaitForExit(15_000);
                    }
                }

                if (!process.WaitForExit(5_000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
        catch (Win32Exception)
        {
            // pg_ctl could not be started; fall back to killing the process tree.
            TryKill(process);
        }
        finally
        {
            process.Dispose();
            _process = null;
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Nothing more we can do.
        }
    }

    private static async Task<bool> CanConnectAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }

    private string Log()
    {
        var text = string.Join('\n', _log);
        return text.Length == 0 ? "(empty)" : text;
    }

    /// <summary>The program to start for a server binary: the binary itself, or runuser when root.</summary>
    private string ServerCommand(string tool) => _asSystemUser ? "runuser" : Path.Combine(_bin, tool);

    /// <summary>Arguments before the tool's own ones: when root, <c>-u postgres -- /path/tool</c>.</summary>
    private string[] ServerArguments(string tool) =>
        _asSystemUser ? ["-u", SystemUser, "--", Path.Combine(_bin, tool)] : [];

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task EnsureSystemUserAsync(CancellationToken ct)
    {
        var (exists, _) = await RunToolAsync("id", ["-u", SystemUser], ct);
        if (exists == 0)
        {
            return;
        }

        var (groupExists, _) = await RunToolAsync("getent", ["group", SystemUser], ct);
        string[] groupArguments = groupExists == 0 ? ["--gid", SystemUser] : ["--user-group"];
        var (exitCode, output) = await RunToolAsync(
            "useradd",
            ["--system", .. groupArguments, "--no-create-home", "--home-dir", "/var/lib/postgresql", SystemUser],
            ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "Could not create the '{0}' system user needed to run PostgreSQL as root (useradd exit code {1}):\n{2}",
                SystemUser,
                exitCode,
                output));
        }
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static async Task<(int ExitCode, string Output)> RunToolAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken ct)
    {
        using var process = Process.Start(CreateStartInfo(fileName, arguments))
            ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(string.Format(
                CultureInfo.InvariantCulture, "{0} did not finish within {1}", fileName, ToolTimeout));
        }

        var output = new StringBuilder()
            .Append(await stdout)
            .Append(await stderr)
            .ToString();
        return (process.ExitCode, output);
    }

    private static string? SearchBinDirectory()
    {
        // 1. Debian/Ubuntu layout: /usr/lib/postgresql/<major>/bin, highest major first.
        const string DebianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(DebianRoot))
        {
            var best = Directory.EnumerateDirectories(DebianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
                .Where(candidate => candidate.Version is not null && HasServerBinaries(candidate.Dir))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Dir)
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        // 2. pg_config --bindir.
        try
        {
            using var process = Process.Start(CreateStartInfo("pg_config", ["--bindir"]));
            if (process is not null)
            {
                // Drain stderr in the background so neither pipe can fill up and block pg_config.
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                var output = process.StandardOutput.ReadToEnd().Trim();
                if (process.WaitForExit(10_000) && process.ExitCode == 0 && HasServerBinaries(output))
                {
                    return output;
                }
            }
        }
        catch (Win32Exception)
        {
            // pg_config is not installed.
        }

        // 3. initdb on PATH (possibly a symlink into the real bin directory).
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => ResolveFile(Path.Combine(dir, "initdb")))
            .Select(initdb => initdb is null ? null : Path.GetDirectoryName(initdb))
            .FirstOrDefault(dir => dir is not null && HasServerBinaries(dir));
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static bool HasServerBinaries(string dir) =>
        !string.IsNullOrEmpty(dir)
        && ResolveFile(Path.Combine(dir, "initdb")) is not null
        && ResolveFile(Path.Combine(dir, "postgres")) is not null
        && ResolveFile(Path.Combine(dir, "pg_ctl")) is not null;

    /// <summary>The file's final path after following symlinks, or <c>null</c> if it (or its target) does not exist.</summary>
    private static string? ResolveFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            if (target is null)
            {
                return path;
            }

            return target.Exists ? target.FullName : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
