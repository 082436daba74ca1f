using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Itinera.Testing;

namespace Itinera.Api.Tests.Uploads;

/// <summary>
/// An upload is reflected in <c>/events</c> within 5 seconds on an idle server, the ongoing event appears with
/// <c>end: null</c>, and later data finalises it (the issue's freshness requirement, with the real background processor).
/// </summary>
public sealed class FreshnessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnUpload_IsInTheTimelineWithinFiveSeconds_WithTheOngoingEventOpenUntilLaterDataEndsIt(string engine)
    {
        var (started, world) = await TestWorld.StartServerAsync(engine, ct: ApiClient.Ct);
        await using var server = started;
        using var phone = server.ClientWith(world.UserToken);
        using var backend = server.ClientWith(world.FullKey);
        var now = TimeProvider.System.GetUtcNow();
        var start = now.AddMinutes(-50);

        // 20 minutes at home, a 10-minute drive, then at work until 5 minutes ago: the work stay is going on.
        var fixes = new List<object>();
        for (var t = start; t < start.AddMinutes(20); t = t.AddMinutes(1))
        {
            fixes.Add(Fix(t, 50.85, 4.35, 0));
        }

        var driveStart = start.AddMinutes(20);
        for (var s = 0; s < 600; s++)
        {
            fixes.Add(Fix(driveStart.AddSeconds(s), 50.85 + s * 0.0001, 4.35, 11));
        }

        var atWork = driveStart.AddMinutes(10);
        for (var t = atWork; t < now.AddMinutes(-5); t = t.AddSeconds(30))
        {
            fixes.Add(Fix(t, 50.91, 4.35, 0));
        }

        var (status, _) = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "fresh-1", timezone = "Europe/Brussels", fixes });
        Assert.Equal(HttpStatusCode.OK, status);
        var events = await WaitForAsync(backend, world.UserId, e => e.Count >= 3 && e[^1].GetProperty("end").ValueKind == JsonValueKind.Null);
        Assert.Equal(["Stationary", "Transport", "Stationary"], events.Select(e => e.GetProperty("type").GetString()));

        // Leaving work: the stay ends, the new drive is the ongoing event.
        var leave = now.AddMinutes(-5);
        var more = Enumerable.Range(0, 240).Select(s => Fix(leave.AddSeconds(s), 50.91 - s * 0.0001, 4.35, 11)).ToList();
        (status, _) = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "fresh-2", timezone = "Europe/Brussels", fixes = more });
        Assert.Equal(HttpStatusCode.OK, status);
        events = await WaitForAsync(backend, world.UserId, e => e.Count >= 4);
        Assert.NotEqual(JsonValueKind.Null, events[2].GetProperty("end").ValueKind);
        Assert.Equal("Transport", events[^1].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, events[^1].GetProperty("end").ValueKind);
    }

    private static object Fix(DateTimeOffset t, double lat, double lon, double speed) =>
        new { timestamp = t.ToUnixTimeMilliseconds(), latitude = lat, longitude = lon, accuracy = 8.0, speed };

    /// <summary>Polls the events of today (and yesterday, around midnight) until <paramref name="done"/>, failing after 5 s.</summary>
    private static async Task<List<JsonElement>> WaitForAsync(HttpClient backend, string userId, Func<List<JsonElement>, bool> done)
    {
        var watch = Stopwatch.StartNew();
        var today = TimeProvider.System.GetUtcNow();
        var url = string.Create(CultureInfo.InvariantCulture,
            $"/v2/users/{userId}/events?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");
        List<JsonElement> events = [];
        while (watch.Elapsed < Limit)
        {
            var (status, body) = await backend.GetJsonAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            events = [.. body.EnumerateArray().OrderBy(e => e.GetProperty("start").GetString(), StringComparer.Ordinal)];
            if (done(events))
            {
                return events;
            }

            await Task.Delay(100, ApiClient.Ct);
        }

        Assert.Fail($"Not in the timeline within {Limit.TotalSeconds} s: {events.Count} events, {string.Join(", ", events.Select(e => e.GetProperty("type").GetString() + (e.GetProperty("end").ValueKind == JsonValueKind.Null ? " (ongoing)" : "")))}");
        return events;
    }
}
