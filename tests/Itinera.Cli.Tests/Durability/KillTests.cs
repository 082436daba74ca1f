using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Itinera.Testing;

namespace Itinera.Cli.Tests.Durability;

/// <summary>
/// An acknowledged upload survives <c>kill -9</c> of the server: a stream of uploads from several clients is
/// cut by SIGKILL, the server is started again, and every fix whose upload was answered 200 is there.
/// </summary>
public sealed class KillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EveryAcknowledgedFix_SurvivesKillingTheServer(string engine)
    {
        var db = await ItineraTestServer.NewDatabaseAsync(engine, Ct);
        var account = (await CliRunner.JsonAsync("accounts", "create", "--name", "k", "--db", db)).GetProperty("id").GetString()!;
        var app = (await CliRunner.JsonAsync("apps", "create", "--account", account, "--name", "k", "--db", db)).GetProperty("id").GetString()!;
        var user = await CliRunner.JsonAsync("users", "create", "--app", app, "--db", db);
        var userId = user.GetProperty("id").GetString()!;
        var token = user.GetProperty("token").GetString()!;

        var port = FreePort();
        var server = await StartServerAsync(db, port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var acknowledged = new List<(string UploadId, long[] Timestamps)>();
        var baseMs = DateTimeOffset.Parse("2026-03-02T08:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        using var stop = new CancellationTokenSource();
        async Task ClientLoopAsync(int clientIndex)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var uploadId = $"c{clientIndex}-{n}";
                var timestamps = Enumerable.Range(0, 200).Select(i => baseMs + ((clientIndex * 1_000_000L) + (n * 200L) + i) * 1000).ToArray();
                var json = JsonSerializer.Serialize(new
                {
                    upload_id = uploadId,
                    fixes = timestamps.Select((t, i) => new { timestamp = t, latitude = 50.8 + i * 1e-5, longitude = 4.3 + clientIndex * 1e-3, accuracy = 5.0 }),
                });
                try
                {
                    using var content = new StringContent(json, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(new Uri("/v3/sdk/uploads", UriKind.Relative), content, stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.Add((uploadId, timestamps));
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    return;
                }
            }
        }

        var clients = Enumerable.Range(0, 4).Select(ClientLoopAsync).ToList();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            lock (acknowledged)
            {
                if (acknowledged.Count >= 40)
                {
                    break;
                }
            }

            await Task.Delay(20, Ct);
        }

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync(Ct);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} uploads were acknowledged before the kill");

        var restarted = await StartServerAsync(db, port);
        try
        {
            var stored = new HashSet<long>();
            var from = "2026-03-01";
            while (true)
            {
                using var response = await client.GetAsync(new Uri($"/v3/users/{userId}/fixes?from={Uri.EscapeDataString(from)}&limit=100000", UriKind.Relative), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                foreach (var fix in page.RootElement.EnumerateArray())
                {
                    stored.Add(DateTimeOffset.Parse(fix.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
                }

                if (!response.Headers.TryGetValues("Itinera-Next-From", out var next))
                {
                    break;
                }

                from = next.Single();
            }

            var missing = acknowledged.SelectMany(a => a.Timestamps).Count(t => !stored.Contains(t));
            Assert.Equal(0, missing);

            // A retry of an acknowledged upload after the crash stores nothing and answers the same counts.
            var (uploadId, timestamps) = acknowledged[^1];
            var retry = JsonSerializer.Serialize(new { upload_id = uploadId, fixes = timestamps.Select(t => new { timestamp = t, latitude = 50.8, longitude = 4.3 }) });
            using var content = new StringContent(retry, Encoding.UTF8, "application/json");
            using var again = await client.PostAsync(new Uri("/v3/sdk/uploads", UriKind.Relative), content, Ct);
            using var answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct));
            Assert.Equal(200, answer.RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(0, answer.RootElement.GetProperty("duplicates").GetInt32());
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync(Ct);
        }
    }

    private static async Task<Process> StartServerAsync(string db, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "itinera.dll"), "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}", "--no-bootstrap" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await probe.GetAsync(new Uri("/v2/moment_definitions", UriKind.Relative), Ct);
                if (response.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(process.HasExited, "the server exited during start-up");
            await Task.Delay(100, Ct);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The server did not start within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
