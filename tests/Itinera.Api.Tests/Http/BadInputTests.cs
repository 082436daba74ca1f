using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Itinera.Storage;
using Itinera.Testing;

namespace Itinera.Api.Tests.Http;

/// <summary>
/// Bad input of every kind gets a clear error in the contract's shape, never a 500 or a stack trace,
/// and changes nothing.
/// </summary>
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string, string, string, int, string> BadBodies()
    {
        var data = new TheoryData<string, string, string, string, int, string>();
        var huge = "{\"external_id\":\"" + new string('x', 70 * 1024) + "\"}";
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            data.Add(engine, "malformed JSON", "application/json", "{\"external_id\": ", 400, "INVALID_JSON");
            data.Add(engine, "not an object", "application/json", "[\"alice\"]", 400, "INVALID_JSON");
            data.Add(engine, "empty body", "application/json", "", 400, "INVALID_JSON");
            data.Add(engine, "wrong content type", "text/plain", "{\"external_id\":\"alice\"}", 415, "UNSUPPORTED_MEDIA_TYPE");
            data.Add(engine, "form content type", "application/x-www-form-urlencoded", "external_id=alice", 415, "UNSUPPORTED_MEDIA_TYPE");
            data.Add(engine, "missing member", "application/json", "{}", 400, "INVALID_PARAMETER");
            data.Add(engine, "null member", "application/json", "{\"external_id\":null}", 400, "INVALID_PARAMETER");
            data.Add(engine, "number member", "application/json", "{\"external_id\":42}", 400, "INVALID_PARAMETER");
            data.Add(engine, "blank member", "application/json", "{\"external_id\":\"  \"}", 400, "INVALID_PARAMETER");
            data.Add(engine, "control characters", "application/json", "{\"external_id\":\"a\\u0000b\"}", 400, "INVALID_PARAMETER");
            data.Add(engine, "too long member", "application/json", "{\"external_id\":\"" + new string('x', 300) + "\"}", 400, "INVALID_PARAMETER");
            data.Add(engine, "oversized body", "application/json", huge, 413, "PAYLOAD_TOO_LARGE");
            data.Add(engine, "deep nesting", "application/json", new string('[', 200) + new string(']', 200), 400, "INVALID_JSON");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBodies_AreRefusedWithAClearErrorAndStoreNothing(string engine, string what, string contentType, string body, int status, string code)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var before = await CountAsync(server.Database, "auth_codes");
        using var client = server.ClientWith(world.FullKey);
        foreach (var path in new[] { "/users/auth-code", $"/v2/users/{world.UserInstallId}/link" })
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, ApiClient.Ct);
            await AssertErrorAsync(response, status, code, $"{what} on {path}");
        }

        Assert.Equal(before, await CountAsync(server.Database, "auth_codes"));
        var user = await server.Identity.FindSdkUserAsync(world.UserId, ApiClient.Ct);
        Assert.Equal("user-1", user!.ExternalId);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task GzipBodies_AreAccepted_AndCorruptOnesRefused(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("{\"external_id\":\"zipped\"}"), ApiClient.Ct);
        }

        using var good = new ByteArrayContent(compressed.ToArray());
        good.Headers.ContentType = new("application/json");
        good.Headers.ContentEncoding.Add("gzip");
        using (var response = await client.PostAsync(new Uri("/users/auth-code", UriKind.Relative), good, ApiClient.Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var bad = new ByteArrayContent([1, 2, 3, 4, 5]);
        bad.Headers.ContentType = new("application/json");
        bad.Headers.ContentEncoding.Add("gzip");
        using (var response = await client.PostAsync(new Uri("/users/auth-code", UriKind.Relative), bad, ApiClient.Ct))
        {
            await AssertErrorAsync(response, 400, "INVALID_JSON", "corrupt gzip");
        }

        using var brotli = new StringContent("{}", Encoding.UTF8, "application/json");
        brotli.Headers.ContentEncoding.Add("br");
        using (var response = await client.PostAsync(new Uri("/users/auth-code", UriKind.Relative), brotli, ApiClient.Ct))
        {
            await AssertErrorAsync(response, 415, "UNSUPPORTED_MEDIA_TYPE", "brotli");
        }
    }

    public static TheoryData<string, string> JsonEndpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            foreach (var path in new[] { "/users/auth-code", "/v2/users/{install}/link", "/v3/sdk/uploads", "/v3/sdk/installs", "/auth/local", "/auth/token" })
            {
                data.Add(engine, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task ABodyWithBytesThatAreNotUtf8_IsRefusedAsInvalidJson_NotAnInternalError(string engine, string path)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(path == "/v3/sdk/uploads" ? world.UserToken : world.FullKey);
        // 0xFF never occurs in UTF-8; here it sits inside a member name and a string value.
        byte[] body = [.. "{\"upload_id\":\"u"u8, 0xFF, .. "\",\"external_id\":\"x"u8, 0xFF, .. "\",\"a"u8, 0xFF, .. "\":1}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(new Uri(path.Replace("{install}", world.UserInstallId, StringComparison.Ordinal), UriKind.Relative), content, ApiClient.Ct);
        await AssertErrorAsync(response, 400, "INVALID_JSON", path);
    }

    public static TheoryData<string, string, int, string> BadReads()
    {
        var data = new TheoryData<string, string, int, string>();
        var cases = new (string Path, int Status, string Code)[]
        {
            ("/v2/users/{u}/events", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events?from=2019-03-21", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events?from=2019-03-22&to=2019-03-21", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events?from=2019-02-30&to=2019-03-21", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events?from=21-03-2019&to=2019-03-21", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events?from=2019-03-21T00:00:00&to=2019-03-21", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events?from=2019-01-01&to=2019-12-31", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/moments?from=yesterday&to=today", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/anomalies?from=2019-03-21&to=", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events/not-a-time", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events/2019-03-22T08%3A37%3A45", 400, "INVALID_PARAMETER"),
            ("/v2/users/{u}/events/2018-01-01T00%3A00%3A00.000%2B01%3A00", 404, "EVENT_NOT_FOUND"),
            ("/v2/users/{u}/events/2018-01-01T00%3A00%3A00.000%2B01%3A00/trajectory", 404, "EVENT_NOT_FOUND"),
            ("/v3/users/{u}/events/0000000000000000000000000000000000000000000000000000000000000000", 404, "EVENT_NOT_FOUND"),
            ("/v3/users/{u}/events/" + SampleData.HomeStayId + "/trajectory", 404, "NOT_FOUND"),
            ("/v3/users/{u}/events/" + SampleData.WalkTransportId + "/behavior_scores", 404, "NOT_FOUND"),
            ("/v3/users/{u}/events/" + SampleData.HomeStayId + "/behavior_annotations", 404, "NOT_FOUND"),
            ("/v3/users/{u}/events/%27%20OR%201%3D1%20--", 404, "EVENT_NOT_FOUND"),
            ("/v3/users/{u}/events/" + new string('a', 300), 404, "EVENT_NOT_FOUND"),
            ("/v3/users/{u}/aggregated_driving_scores", 400, "INVALID_PARAMETER"),
            ("/v3/users/{u}/aggregated_driving_scores?type=year", 400, "INVALID_PARAMETER"),
            ("/v3/users/{u}/aggregated_driving_scores?type=week&date=2026-11-25", 400, "INVALID_PARAMETER"),
            ("/v3/users/{u}/aggregated_driving_scores?type=month&date=2026-11-02", 400, "INVALID_PARAMETER"),
            ("/v3/users/{u}/aggregated_driving_scores?type=day&date=2026-13-01", 400, "INVALID_PARAMETER"),
            ("/v3/users/{u}/aggregated_driving_scores?type=all&date=2026-11-01", 400, "INVALID_PARAMETER"),
            ("/v3/users/{u}/aggregated_driving_scores/week/2026-11-25", 400, "INVALID_PARAMETER"),
            ("/v2/users/0123456789abcdef01234567/events?from=2019-03-21&to=2019-03-21", 404, "USER_NOT_FOUND"),
            ("/v2/users/%0A%01%7F/segments", 404, "USER_NOT_FOUND"),
            ("/v2/users/..%2F..%2Fetc%2Fpasswd/segments", 404, "USER_NOT_FOUND"),
            ("/v2/users/%27%20OR%201%3D1%20--/segments", 404, "USER_NOT_FOUND"),
            ("/v2/users/%F0%9F%98%80/segments", 404, "USER_NOT_FOUND"),
            ("/v2/users/" + new string('f', 2000) + "/segments", 404, "USER_NOT_FOUND"),
            ("/v2/users/{u}/nothing", 404, "NOT_FOUND"),
            ("/v1/users/{u}/events", 410, "API_VERSION_GONE"),
            ("/v1/segment_definitions", 410, "API_VERSION_GONE"),
            ("/v4/anything", 404, "NOT_FOUND"),
        };
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            foreach (var (path, status, code) in cases)
            {
                data.Add(engine, path, status, code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadReads))]
    public async Task BadReads_AnswerWithAClearError(string engine, string path, int status, string code)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        using var response = await client.GetAsync(new Uri(path.Replace("{u}", world.UserId, StringComparison.Ordinal), UriKind.Relative), ApiClient.Ct);
        await AssertErrorAsync(response, status, code, path);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AWrongMethod_AnswersMethodNotAllowed(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        using var response = await client.PutAsync(new Uri($"/v2/users/{world.UserId}/segments", UriKind.Relative), null, ApiClient.Ct);
        await AssertErrorAsync(response, 405, "METHOD_NOT_ALLOWED", "PUT");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TooManyRequests_AnswerRateLimitedWithRetryAfter(string engine)
    {
        await using var server = await ItineraTestServer.StartAsync(engine, o => o.RateLimitPerSecond = 3);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await server.Client.GetAsync(new Uri("/v2/moment_definitions", UriKind.Relative), ApiClient.Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            await AssertErrorAsync(limited, 429, "RATE_LIMITED", "burst");
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string code, string what)
    {
        var text = await response.Content.ReadAsStringAsync(ApiClient.Ct);
        Assert.True(status == (int)response.StatusCode, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(["message", "errorCode", "ref"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, json.RootElement.GetProperty("errorCode").GetString());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("ref").GetString(), out _));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("message").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(Database database, string table)
    {
        await using var c = await database.OpenConnectionAsync(ApiClient.Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ApiClient.Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
