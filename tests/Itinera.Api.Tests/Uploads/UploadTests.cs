using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Itinera.Storage;
using Itinera.Testing;

namespace Itinera.Api.Tests.Uploads;

/// <summary>POST /v3/sdk/uploads and GET /v3/users/:user_id/fixes over HTTP, on both engines.</summary>
public sealed class UploadTests
{
    private static readonly long Base = DateTimeOffset.Parse("2026-03-02T08:00:00+01:00", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static async Task<(ItineraTestServer Server, TestWorld World, HttpClient Phone)> StartAsync(string engine, Action<Api.ServerOptions>? configure = null)
    {
        // The timeline processor would consume processing_queue, which some of these tests inspect.
        var (server, world) = await TestWorld.StartServerAsync(engine, o =>
        {
            o.ProcessTimelines = false;
            configure?.Invoke(o);
        }, ct: ApiClient.Ct);
        return (server, world, server.ClientWith(world.UserToken));
    }

    internal static object Fix(long ts, double lat = 50.85, double lon = 4.35) =>
        new { timestamp = ts, latitude = lat, longitude = lon, accuracy = 8.0, altitude = 30.0, speed = 12.5, bearing = 90.0 };

    internal static object[] Fixes(long from, int count, long stepMs = 1000) =>
        [.. Enumerable.Range(0, count).Select(i => Fix(from + i * stepMs, 50.85 + i * 1e-4, 4.35 + i * 1e-4))];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_StoresValidItemsAndRejectsEachInvalidOneWithItsReason(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        var (status, body) = await phone.PostJsonAsync("/v3/sdk/uploads", new
        {
            upload_id = "u-1",
            timezone = "Europe/Brussels",
            fixes = new object[]
            {
                Fix(Base),
                new { timestamp = Base + 1000, latitude = 91.0, longitude = 4.35 },
                new { timestamp = Base + 2000, latitude = 50.85, longitude = 181.0 },
                new { timestamp = Base + 3000, latitude = 50.85, longitude = 4.35, accuracy = -1.0 },
                new { timestamp = 900_000_000_000L, latitude = 50.85, longitude = 4.35 },
                new { timestamp = 4_102_444_800_000L, latitude = 50.85, longitude = 4.35 },
                new { timestamp = Base + 6000, latitude = 50.85, longitude = 4.35, speed = 900.0 },
                new { timestamp = Base + 7000, latitude = 0.0, longitude = 0.0 },
                new { timestamp = "2026-03-02T08:00:08.000+01:00", latitude = 50.851, longitude = 4.351 },
                new { timestamp = "yesterday", latitude = 50.85, longitude = 4.35 },
                new { latitude = 50.85, longitude = 4.35 },
                new { timestamp = Base + 11_000, latitude = 50.85 },
            },
            activities = new object[]
            {
                new { timestamp = Base, type = "in_vehicle", confidence = 80 },
                new { timestamp = Base + 1000, type = "teleporting", confidence = 80 },
                new { timestamp = Base + 2000, type = "walking", confidence = 101 },
            },
            motion = new object[]
            {
                new { start = Base, rate_hz = 50, frame = "device", accelerometer = new[] { new[] { 0.1, 9.8, 0.2 }, new[] { 0.2, 9.7, 0.1 } }, gyroscope = new[] { new[] { 0.0, 0.01, 0.0 }, new[] { 0.0, 0.02, 0.0 } } },
                new { start = Base + 5000, rate_hz = 50, frame = "sideways", accelerometer = new[] { new[] { 0.1, 9.8, 0.2 } } },
                new { start = Base + 6000, rate_hz = 50, accelerometer = new[] { new[] { 0.1, 9.8, 0.2 } }, gyroscope = new[] { new[] { 0.0, 0.0, 0.0 }, new[] { 0.0, 0.0, 0.0 } } },
            },
            phone_events = new object[]
            {
                new { timestamp = Base + 500, type = "call_start", handsfree = false },
                new { timestamp = Base + 900, type = "selfie" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2 + 1 + 1 + 1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().Select(r => $"{r.Str("kind")}[{r.GetProperty("index").GetInt32()}] {r.Str("reason")}").ToList();
        Assert.Equal(
        [
            "fixes[1] LATITUDE_OUT_OF_RANGE", "fixes[2] LONGITUDE_OUT_OF_RANGE", "fixes[3] ACCURACY_NEGATIVE", "fixes[4] TIMESTAMP_TOO_OLD",
            "fixes[5] TIMESTAMP_IN_FUTURE", "fixes[6] SPEED_IMPLAUSIBLE", "fixes[7] NULL_ISLAND", "fixes[9] BAD_TIMESTAMP", "fixes[10] MISSING_TIMESTAMP",
            "fixes[11] MISSING_COORDINATES", "activities[1] UNKNOWN_ACTIVITY_TYPE", "activities[2] CONFIDENCE_OUT_OF_RANGE", "motion[1] UNKNOWN_FRAME",
            "motion[2] BAD_SAMPLES", "phone_events[1] UNKNOWN_EVENT_TYPE",
        ], rejected);

        var (_, fixes) = await phone.GetJsonAsync($"/v3/users/{world.UserId}/fixes?from=2026-03-02&to=2026-03-02");
        Assert.Equal(["2026-03-02T08:00:00.000+01:00", "2026-03-02T08:00:08.000+01:00"], fixes.EnumerateArray().Select(f => f.Str("timestamp")));
        Assert.Equal(["type", "latitude", "longitude", "timestamp", "accuracy", "speed", "altitude"], fixes[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(12.5, fixes[0].GetProperty("speed").GetDouble());
        Assert.Equal(JsonValueKind.Null, fixes[1].GetProperty("speed").ValueKind);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_WithAKnownUploadId_StoresNothingAndAnswersTheSameCounts(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        object Body(int count) => new { upload_id = "same", fixes = Fixes(Base, count).Append(new { timestamp = Base, latitude = 95.0, longitude = 4.0 }).ToArray() };
        var first = (await phone.PostJsonAsync("/v3/sdk/uploads", Body(100))).Body.GetRawText();
        var again = (await phone.PostJsonAsync("/v3/sdk/uploads", Body(100))).Body.GetRawText();
        var changed = (await phone.PostJsonAsync("/v3/sdk/uploads", Body(200))).Body.GetRawText();
        Assert.Equal("{\"accepted\":100,\"duplicates\":0,\"rejected\":[{\"kind\":\"fixes\",\"index\":100,\"reason\":\"LATITUDE_OUT_OF_RANGE\"}]}", first);
        Assert.Equal(first, again);
        Assert.Equal(first, changed);
        var (_, fixes) = await phone.GetJsonAsync($"/v3/users/{world.UserId}/fixes");
        Assert.Equal(100, fixes.GetArrayLength());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_OfStoredFixesUnderANewId_CountsThemAsDuplicates(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "a", fixes = Fixes(Base, 50) });
        var (_, body) = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "b", fixes = Fixes(Base + 25_000, 50).Concat(Fixes(Base + 25_000, 5)).ToArray() });
        Assert.Equal(25, body.GetProperty("accepted").GetInt32());
        Assert.Equal(30, body.GetProperty("duplicates").GetInt32());
        var (_, fixes) = await phone.GetJsonAsync($"/v3/users/{world.UserId}/fixes");
        Assert.Equal(75, fixes.GetArrayLength());
        var times = fixes.EnumerateArray().Select(f => f.Str("timestamp")).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Equal(times.Count, times.Distinct().Count());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Uploads_ArrivingLateAndOutOfOrder_AreStoredInTimeOrderAndMarkTheWindowForReprocessing(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        var day = 86_400_000L;
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "today", fixes = Fixes(Base + 3 * day, 30) });
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "days-late", fixes = Fixes(Base, 30) });
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "in-between", fixes = Fixes(Base + day, 10, 60_000).Reverse().ToArray() });
        var (_, fixes) = await phone.GetJsonAsync($"/v3/users/{world.UserId}/fixes");
        Assert.Equal(70, fixes.GetArrayLength());
        var times = fixes.EnumerateArray().Select(f => DateTimeOffset.Parse(f.Str("timestamp"), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);

        await using var c = await server.Database.OpenConnectionAsync(ApiClient.Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT dirty_from_ms, dirty_to_ms, pending_items FROM processing_queue WHERE user_id = '{world.UserId}'";
        await using var reader = await cmd.ExecuteReaderAsync(ApiClient.Ct);
        Assert.True(await reader.ReadAsync(ApiClient.Ct));
        Assert.Equal(Base, reader.GetInt64(0));
        Assert.Equal(Base + 3 * day + 29_000, reader.GetInt64(1));
        Assert.Equal(70, reader.GetInt64(2));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Location_IsTheLatestFixRightAfterAnUpload(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetJsonAsync($"/v2/users/{world.UserId}/location")).Status);
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "1", timezone = "Europe/Brussels", fixes = Fixes(Base, 10) });
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "2", fixes = Fixes(Base - 60_000, 5) });
        var (status, location) = await phone.GetJsonAsync($"/v2/users/{world.UserId}/location");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-03-02T08:00:09.000+01:00", location.Str("timestamp"));
        Assert.Equal(50.8509, location.GetProperty("latitude").GetDouble(), 6);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Fixes_ArePagedByLimitAndTheNextFromHeader_EachExactlyOnce(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        for (var i = 0; i < 5; i++)
        {
            await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "p" + i, fixes = Fixes(Base + i * 700_000L, 700) });
        }

        using var key = server.ClientWith(world.FullKey);
        var seen = new List<string>();
        var from = Uri.EscapeDataString("2026-03-02T08:00:00.000+01:00");
        for (var page = 0; page < 10; page++)
        {
            using var response = await key.GetAsync(new Uri($"/v3/users/{world.UserId}/fixes?from={from}&to=2026-03-02&limit=1000", UriKind.Relative), ApiClient.Ct);
            var items = (await ApiClient.ReadAsync(response)).EnumerateArray().Select(f => f.Str("timestamp")).ToList();
            seen.AddRange(items);
            if (!response.Headers.TryGetValues("Itinera-Next-From", out var next))
            {
                break;
            }

            from = Uri.EscapeDataString(next.Single());
        }

        Assert.Equal(3500, seen.Count);
        Assert.Equal(3500, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_RefusesApiKeysControlUsersAndMissingTokens(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        var body = new { upload_id = "x", fixes = Fixes(Base, 1) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PostJsonAsync("/v3/sdk/uploads", body)).Status);
        using var key = server.ClientWith(world.FullKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostJsonAsync("/v3/sdk/uploads", body)).Status);
        using var control = server.ClientWith(world.SpectatorControlToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync("/v3/sdk/uploads", body)).Status);
        using var expired = server.ClientWith(world.ExpiredUserToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.PostJsonAsync("/v3/sdk/uploads", body)).Status);
    }

    public static TheoryData<string, string, int, string> StructurallyInvalid()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            data.Add(engine, "{\"fixes\":[{\"timestamp\":1772434800000,\"latitude\":50.8,\"longitude\":4.3}]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":42,\"fixes\":[]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\"}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"fixes\":[]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"fixes\":{}}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"fixes\":[1,2]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"fixes\":[{\"timestamp\":1772434800000,\"latitude\":\"50.8\",\"longitude\":4.3}]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"fixes\":[{\"timestamp\":true,\"latitude\":50.8,\"longitude\":4.3}]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"timezone\":\"Mars/Olympus\",\"fixes\":[{\"timestamp\":1772434800000,\"latitude\":50.8,\"longitude\":4.3}]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"motion\":[{\"start\":1772434800000,\"rate_hz\":50,\"accelerometer\":[[1,2]]}]}", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"a\",\"fixes\":[{\"timestamp\":1772434800000,\"latitude\":50.8,\"longitude\":4.3}", 400, "INVALID_JSON");
            data.Add(engine, "[{\"upload_id\":\"a\"}]", 400, "INVALID_PARAMETER");
            data.Add(engine, "{\"upload_id\":\"" + new string('x', 200) + "\",\"fixes\":[{\"timestamp\":1772434800000,\"latitude\":50.8,\"longitude\":4.3}]}", 400, "INVALID_PARAMETER");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StructurallyInvalid))]
    public async Task Upload_ThatIsStructurallyInvalid_IsA400AndStoresNothing(string engine, string json, int status, string code)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await phone.PostAsync(new Uri("/v3/sdk/uploads", UriKind.Relative), content, ApiClient.Ct);
        var body = await ApiClient.ReadAsync(response);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, body.Str("errorCode"));
        Assert.Equal(0, await CountAsync(server.Database, "sensor_chunks") + await CountAsync(server.Database, "uploads"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_OverTheLimits_IsA413(string engine)
    {
        var (server, _, phone) = await StartAsync(engine, o => o.UploadLimits = new Api.Uploads.UploadLimits { MaxFixes = 100, MaxBodyBytes = 64 * 1024 });
        await using var _ = server;
        using var __ = phone;
        var (tooMany, e1) = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "many", fixes = Fixes(Base, 101) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany);
        Assert.Equal("PAYLOAD_TOO_LARGE", e1.Str("errorCode"));
        var (tooBig, e2) = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "big", fixes = Fixes(Base, 10), padding = new string(' ', 70_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig);
        Assert.Equal("PAYLOAD_TOO_LARGE", e2.Str("errorCode"));
        Assert.Equal(0, await CountAsync(server.Database, "uploads"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upload_MayBeGzipCompressed(string engine)
    {
        var (server, world, phone) = await StartAsync(engine);
        await using var _ = server;
        using var __ = phone;
        var json = JsonSerializer.SerializeToUtf8Bytes(new { upload_id = "gz", fixes = Fixes(Base, 1000) });
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(json, ApiClient.Ct);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await phone.PostAsync(new Uri("/v3/sdk/uploads", UriKind.Relative), content, ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await ApiClient.ReadAsync(response)).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Uploads_AreRefusedWith429WhenTheWriteQueueIsFull_AndAcceptedOnceItDrains()
    {
        var (server, world, phone) = await StartAsync("sqlite", o => o.UploadQueueCapacity = 2);
        await using var _ = server;
        using var __ = phone;

        // Hold SQLite's write lock so that the writer cannot commit and the queue fills up.
        await using var blocker = await server.Database.OpenConnectionAsync(ApiClient.Ct);
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(ApiClient.Ct);
        }

        var uploads = Enumerable.Range(0, 12)
            .Select(i => phone.PostAsync(new Uri("/v3/sdk/uploads", UriKind.Relative),
                Contract.ContractTests.Json(new { upload_id = "q" + i, fixes = Fixes(Base + i * 100_000L, 10) }), ApiClient.Ct))
            .ToList();

        // The writer holds at most what the queue held when it woke (2) and the queue 2 more: at least 8 are refused.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (uploads.Count(t => t.IsCompleted) < 8 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50, ApiClient.Ct);
        }

        await Task.Delay(300, ApiClient.Ct);
        var refused = uploads.Where(t => t.IsCompleted).ToList();
        Assert.True(refused.Count >= 8, $"{refused.Count} uploads answered while the writer was blocked");
        foreach (var task in refused)
        {
            using var response = await task;
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("RATE_LIMITED", (await ApiClient.ReadAsync(response)).Str("errorCode"));
        }

        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(ApiClient.Ct);
        }

        foreach (var response in await Task.WhenAll(uploads.Except(refused)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        var retried = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "q-retry", fixes = Fixes(Base + 5_000_000L, 10) });
        Assert.Equal(HttpStatusCode.OK, retried.Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Uploads_AreRefusedWith429WhileTheProcessingBacklogIsOverItsBound(string engine)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Base + 86_400_000));
        var (server, world) = await TestWorld.StartServerAsync(engine, o =>
        {
            o.MaxProcessingBacklogItems = 150;
            o.ProcessTimelines = false;
        }, time, ApiClient.Ct);
        await using var _ = server;
        using var phone = server.ClientWith(world.UserToken);
        Assert.Equal(HttpStatusCode.OK, (await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "1", fixes = Fixes(Base, 100) })).Status);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "2", fixes = Fixes(Base + 100_000, 100) })).Status);
        time.Advance(TimeSpan.FromSeconds(2));
        var (status, error) = await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "3", fixes = Fixes(Base + 200_000, 100) });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMITED", error.Str("errorCode"));

        // The processor catching up (here: the queue row going away) lets uploads in again.
        await using (var c = await server.Database.OpenConnectionAsync(ApiClient.Ct))
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "DELETE FROM processing_queue";
            await cmd.ExecuteNonQueryAsync(ApiClient.Ct);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "3", fixes = Fixes(Base + 200_000, 100) })).Status);
    }

    [Fact]
    public async Task Upload_WithoutATimeZone_TakesTheZoneOfThePositionFromTheGazetteer()
    {
        var (server, world, phone) = await StartAsync("sqlite", o => o.GazetteerFolder = SharedFiles.Find("data/gazetteer"));
        await using var owned = server;
        using var client = phone;
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "beijing", fixes = new[] { Fix(Base, 39.9, 116.4) } });
        var (_, location) = await phone.GetJsonAsync($"/v2/users/{world.UserId}/location");
        Assert.EndsWith("+08:00", location.Str("timestamp"), StringComparison.Ordinal);

        // A zone the phone sends wins, and a known zone is not replaced by position.
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "home", timezone = "Europe/Brussels", fixes = new[] { Fix(Base + 60_000, 39.9, 116.4) } });
        await phone.PostJsonAsync("/v3/sdk/uploads", new { upload_id = "again", fixes = new[] { Fix(Base + 120_000, 39.9, 116.4) } });
        (_, location) = await phone.GetJsonAsync($"/v2/users/{world.UserId}/location");
        Assert.EndsWith("+01:00", location.Str("timestamp"), StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(Database database, string table)
    {
        await using var c = await database.OpenConnectionAsync(ApiClient.Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ApiClient.Ct), CultureInfo.InvariantCulture);
    }
}
