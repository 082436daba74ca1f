using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Itinera.Testing;

/// <summary>
/// Gives tests a real PostgreSQL database.
/// </summary>
/// <remarks>
/// <para>
/// If the environment variable <c>ITINERA_TEST_POSTGRES</c> holds a connection string, databases are
/// created on that server (and dropped again when the test process exits). Otherwise a throw-away
/// server is started once per test process: <c>initdb</c> into a temporary folder, <c>postgres</c>
/// listening on a free port on 127.0.0.1 only, stopped and deleted when the process exits.
/// When running as root the server runs as the <c>postgres</c> system user (via <c>runuser</c>),
/// because PostgreSQL refuses to run as root.
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

    private const string SuperUser = "postgres";
    private const string SystemUser = "postgres";
    private const int MaxLogLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string?> BinDirectory = new(FindBinDirectory, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task<string>> Server = new(
        () => Task.Run(StartServerAsync),
        LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentBag<string> ExternalDatabases = [];
    private static readonly object StopLock = new();

    private static LocalServer? _localServer;

    /// <summary>
    /// Whether PostgreSQL can be had: either <c>ITINERA_TEST_POSTGRES</c> is set or the server
    /// binaries (<c>initdb</c>, <c>postgres</c>, <c>pg_ctl</c>) were found.
    /// </summary>
    public static bool IsAvailable => ExternalConnectionString is not null || BinDirectory.Value is not null;

    /// <summary>The directory holding the PostgreSQL server binaries, or <c>null</c> if none was found.</summary>
    public static string? BinariesDirectory => BinDirectory.Value;

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
        var baseConnectionString = await Server.Value.WaitAsync(ct);
        var name = "itinera_test_" + Guid.NewGuid().ToString("N");

        await using (var connection = new NpgsqlConnection(baseConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // The name is generated above (lower-case hex), never user input.
            command.CommandText = "CREATE DATABASE \"" + name + "\" TEMPLATE template0";
            await command.ExecuteNonQueryAsync(ct);
        }

        if (_localServer is null)
        {
            ExternalDatabases.Add(name);
        }

        var builder = new NpgsqlConnectionStringBuilder(baseConnectionString)
        {
            Database = name,
            // Every database gets its own pool; release idle connections of finished tests quickly
            // so hundreds of test databases stay well below the server's max_connections.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        };
        return builder.ConnectionString;
    }

    private static async Task<string> StartServerAsync()
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
            return builder.ConnectionString;
        }

        var bin = BinDirectory.Value ?? throw new InvalidOperationException(
            "PostgreSQL binaries not found; install postgresql or set " + ServerVariable);

        var server = await LocalServer.StartAsync(bin);
        _localServer = server;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopLocalServer();
        return server.ConnectionString;
    }

    private static void StopLocalServer()
    {
        lock (StopLock)
        {
            _localServer?.Stop();
        }
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

    private static string? FindBinDirectory()
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
            using var process = Process.Start(new ProcessStartInfo("pg_config")
            {
                ArgumentList = { "--bindir" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is not null)
            {
                var output = process.StandardOutput.ReadToEnd().Trim();
                process.StandardError.ReadToEnd();
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

    /// <summary>A throw-away PostgreSQL server owned by this process.</summary>
    private sealed class LocalServer
    {
        private const int MaxStartAttempts = 3;

        private readonly string _bin;
        private readonly string _root;
        private readonly string _dataDir;
        private readonly string _socketDir;
        private readonly bool _asSystemUser;
        private readonly ConcurrentQueue<string> _log = new();
        private Process? _process;
        private bool _stopped;

        private LocalServer(string bin, string root, bool asSystemUser)
        {
            _bin = bin;
            _root = root;
            _dataDir = Path.Combine(root, "data");
            _socketDir = Path.Combine(root, "sock");
            _asSystemUser = asSystemUser;
        }

        public string ConnectionString { get; private set; } = string.Empty;

        public static async Task<LocalServer> StartAsync(string bin)
        {
            var asSystemUser = Environment.IsPrivilegedProcess;
            // The postgres user must be able to reach the folder, so as root use the world-traversable /tmp.
            var tempBase = asSystemUser && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
            var root = Path.Combine(tempBase, "itinera-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(root);
            Directory.CreateDirectory(Path.Combine(root, "sock"));

            var server = new LocalServer(bin, root, asSystemUser);
            try
            {
                if (asSystemUser)
                {
                    await EnsureSystemUserAsync();
                    await RunToolAsync("chown", ["-R", SystemUser + ":", root]);
                }

                await server.InitDbAsync();
                await server.StartPostgresAsync();
                return server;
            }
            catch
            {
                server.Stop();
                throw;
            }
        }

        public void Stop()
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            StopProcess();
            try
            {
                if (Directory.Exists(_root))
                {
                    Directory.Delete(_root, recursive: true);
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

        private async Task InitDbAsync()
        {
            var (exitCode, output) = await RunToolAsync(
                ServerCommand("initdb"),
                [.. ServerArguments("initdb"), "-D", _dataDir, "-A", "trust", "-U", SuperUser, "--no-sync", "-E", "UTF8", "--no-locale"]);
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    string.Format(CultureInfo.InvariantCulture, "initdb failed with exit code {0}:\n{1}", exitCode, output));
            }
        }

        private async Task StartPostgresAsync()
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
                            _dataDir,
                            port,
                            log));
                    }

                    if (await CanConnectAsync(builder.ConnectionString))
                    {
                        builder.Pooling = true;
                        builder.Timeout = 15;
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
                            _dataDir,
                            Log()));
                    }

                    await Task.Delay(100);
                }

                process.Dispose();
                _process = null;
            }
        }

        private Process StartPostgresProcess(int port)
        {
            var startInfo = new ProcessStartInfo(ServerCommand("postgres"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                UseShellExecute = false,
            };
            foreach (var argument in ServerArguments("postgres"))
            {
                startInfo.ArgumentList.Add(argument);
            }

            string[] serverArguments =
            [
                "-D", _dataDir,
                "-p", port.ToString(CultureInfo.InvariantCulture),
                "-k", _socketDir,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=200",
            ];
            foreach (var argument in serverArguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = startInfo };
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
                        [.. ServerArguments("pg_ctl"), "stop", "-D", _dataDir, "-m", "immediate", "-w", "-t", "10"]));
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

        private static async Task<bool> CanConnectAsync(string connectionString)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
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

        private static async Task EnsureSystemUserAsync()
        {
            var (exists, _) = await RunToolAsync("id", ["-u", SystemUser]);
            if (exists == 0)
            {
                return;
            }

            var (groupExists, _) = await RunToolAsync("getent", ["group", SystemUser]);
            string[] groupArguments = groupExists == 0 ? ["--gid", SystemUser] : ["--user-group"];
            var (exitCode, output) = await RunToolAsync(
                "useradd",
                ["--system", .. groupArguments, "--no-create-home", "--home-dir", "/var/lib/postgresql", SystemUser]);
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
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            return startInfo;
        }

        private static async Task<(int ExitCode, string Output)> RunToolAsync(string fileName, IEnumerable<string> arguments)
        {
            using var process = Process.Start(CreateStartInfo(fileName, arguments))
                ?? throw new InvalidOperationException("Could not start " + fileName);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(ToolTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(string.Format(
                    CultureInfo.InvariantCulture, "{0} did not finish within {1}", fileName, ToolTimeout));
            }

            var output = new StringBuilder()
                .Append(await stdout)
                .Append(await stderr)
                .ToString();
            return (process.ExitCode, output);
        }
    }
}
