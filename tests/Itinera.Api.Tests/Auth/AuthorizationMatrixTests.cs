using System.Net;
using System.Text.Json;
using Itinera.Api.Tests.Contract;
using Itinera.Testing;

namespace Itinera.Api.Tests.Auth;

/// <summary>
/// Every endpoint against every kind of credential the rules distinguish: the answer's status and
/// errorCode follow docs/auth.md.
/// </summary>
public sealed class AuthorizationMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Credential name → the Authorization header value it sends (null: no header).</summary>
    private static readonly Dictionary<string, Func<TestWorld, string?>> Credentials = new()
    {
        ["none"] = _ => null,
        ["malformed"] = _ => "Basic dXNlcjpwYXNz",
        ["empty bearer"] = _ => "Bearer ",
        ["unknown token"] = _ => "Bearer " + new string('a', 64),
        ["unknown key"] = _ => "Bearer 0123456789abcdef01234567." + new string('b', 64),
        ["wrong key secret"] = w => "Bearer " + w.FullKey.Split('.')[0] + "." + new string('c', 64),
        ["expired key"] = w => "Bearer " + w.ExpiredKey,
        ["revoked key"] = w => "Bearer " + w.RevokedKey,
        ["expired user token"] = w => "Bearer " + w.ExpiredUserToken,
        ["revoked user token"] = w => "Bearer " + w.RevokedUserToken,
        ["key of another app"] = w => "Bearer " + w.OtherAppKey,
        ["key without the scope"] = w => "Bearer " + w.LinkOnlyKey,
        ["full key"] = w => "Bearer " + w.FullKey,
        ["user token for itself"] = w => "Bearer " + w.UserToken,
        ["user token for another user"] = w => "Bearer " + w.SecondUserToken,
        ["basic control user"] = w => "Bearer " + w.BasicControlToken,
        ["spectator"] = w => "Bearer " + w.SpectatorControlToken,
        ["developer"] = w => "Bearer " + w.DeveloperControlToken,
        ["spectator of another account"] = w => "Bearer " + w.OtherAccountSpectatorToken,
    };

    private static readonly string[] Unauthenticated =
        ["none", "malformed", "empty bearer", "unknown token", "unknown key", "wrong key secret", "expired key", "revoked key", "expired user token", "revoked user token"];

    private static readonly string[] UserReads =
    [
        "/v2/users/{u}",
        "/v2/users/{u}/events?from=2019-03-21&to=2019-03-22",
        "/v2/users/{u}/events/2019-03-21T20%3A08%3A00.000%2B01%3A00",
        "/v2/users/{u}/events/2019-03-22T08%3A37%3A45.000%2B01%3A00/trajectory",
        "/v2/users/{u}/events/2019-03-22T08%3A37%3A45.000%2B01%3A00/behavior_scores",
        "/v2/users/{u}/events/2019-03-22T08%3A37%3A45.000%2B01%3A00/behavior_annotations",
        "/v3/users/{u}/events/" + SampleData.CarTransportId,
        "/v3/users/{u}/events/" + SampleData.CarTransportId + "/trajectory",
        "/v3/users/{u}/events/" + SampleData.CarTransportId + "/behavior_scores",
        "/v3/users/{u}/events/" + SampleData.CarTransportId + "/behavior_annotations",
        "/v2/users/{u}/segments",
        "/v2/users/{u}/moments?from=2019-03-22&to=2019-03-22",
        "/v2/users/{u}/active_moments",
        "/v2/users/{u}/location_clusters",
        "/v2/users/{u}/location_cluster",
        "/v2/users/{u}/location",
        "/v2/users/{u}/car_behavior",
        "/v2/users/{u}/anomalies?from=2019-03-21&to=2019-03-21",
        "/v3/users/{u}/aggregated_driving_scores?type=all",
    ];

    /// <summary>What reading a user's data answers for each credential.</summary>
    private static (HttpStatusCode, string?) ExpectedForRead(string credential) => credential switch
    {
        _ when Unauthenticated.Contains(credential) => (HttpStatusCode.Unauthorized, "UNAUTHORIZED"),
        "full key" or "user token for itself" or "spectator" or "developer" => (HttpStatusCode.OK, null),
        "key without the scope" => (HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE"),
        _ => (HttpStatusCode.Forbidden, "FORBIDDEN"),
    };

    public static TheoryData<string, string, string> ReadCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            foreach (var path in UserReads)
            {
                foreach (var credential in Credentials.Keys)
                {
                    data.Add(engine, path, credential);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task ReadingAUser_FollowsTheRulesForEachCredential(string engine, string path, string credential)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (status, code) = ExpectedForRead(credential);
        await AssertAnswerAsync(server, world, HttpMethod.Get, path.Replace("{u}", world.UserId, StringComparison.Ordinal), credential, null, status, code);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABasicControlUser_ReadsItsOwnProfile(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        await AssertAnswerAsync(server, world, HttpMethod.Get, $"/v2/users/{world.BasicControlUserId}", "basic control user", null, HttpStatusCode.OK, null);
        await AssertAnswerAsync(server, world, HttpMethod.Get, $"/v2/users/{world.BasicControlUserId}", "full key", null, HttpStatusCode.NotFound, "USER_NOT_FOUND");
    }

    public static TheoryData<string, string> EngineAndCredential()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            foreach (var credential in Credentials.Keys)
            {
                data.Add(engine, credential);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EngineAndCredential))]
    public async Task Definitions_NeedNoAuthentication(string engine, string credential)
    {
        var (server, world) = await fixture.GetAsync(engine);
        await AssertAnswerAsync(server, world, HttpMethod.Get, "/v2/segment_definitions", credential, null, HttpStatusCode.OK, null);
        await AssertAnswerAsync(server, world, HttpMethod.Get, "/v2/moment_definitions", credential, null, HttpStatusCode.OK, null);
    }

    [Theory]
    [MemberData(nameof(EngineAndCredential))]
    public async Task OwnProfile_RefusesApiKeys(string engine, string credential)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (status, code) = credential switch
        {
            _ when Unauthenticated.Contains(credential) => (HttpStatusCode.Unauthorized, "UNAUTHORIZED"),
            "full key" or "key of another app" or "key without the scope" => (HttpStatusCode.Forbidden, "FORBIDDEN"),
            _ => (HttpStatusCode.OK, (string?)null),
        };
        await AssertAnswerAsync(server, world, HttpMethod.Get, "/v2/users/me", credential, null, status, code);
    }

    [Theory]
    [MemberData(nameof(EngineAndCredential))]
    public async Task AuthCode_NeedsAnApiKeyWithTheLinkScope(string engine, string credential)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (status, code) = credential switch
        {
            _ when Unauthenticated.Contains(credential) => (HttpStatusCode.Unauthorized, "UNAUTHORIZED"),
            "full key" or "key of another app" or "key without the scope" => (HttpStatusCode.OK, (string?)null),
            _ => (HttpStatusCode.Forbidden, "FORBIDDEN"),
        };
        await AssertAnswerAsync(server, world, HttpMethod.Post, "/users/auth-code", credential, new { external_id = "matrix" }, status, code);

        // A key with only user.read lacks the scope here.
        using var readOnly = server.ClientWith(world.ReadOnlyKey);
        using var response = await readOnly.PostAsync(new Uri("/users/auth-code", UriKind.Relative), ContractTests.Json(new { external_id = "m" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("INSUFFICIENT_SCOPE", await ErrorCodeAsync(response));
    }

    [Theory]
    [MemberData(nameof(EngineAndCredential))]
    public async Task Link_NeedsAnApiKeyWithTheLinkScopeOfTheInstallsApp(string engine, string credential)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (tokens, _) = await server.Identity.CreateAnonymousInstallAsync(world.AppId, world.AppSecret, TestContext.Current.CancellationToken);
        var (status, code) = credential switch
        {
            _ when Unauthenticated.Contains(credential) => (HttpStatusCode.Unauthorized, "UNAUTHORIZED"),
            "full key" or "key without the scope" => (HttpStatusCode.OK, (string?)null),
            "key of another app" => (HttpStatusCode.Forbidden, "INSTALL_DOES_NOT_BELONG_TO_APP"),
            _ => (HttpStatusCode.Forbidden, "FORBIDDEN"),
        };
        await AssertAnswerAsync(server, world, HttpMethod.Post, $"/v2/users/{tokens!.InstallId}/link", credential,
            new { external_id = "matrix-" + Guid.NewGuid() }, status, code);
    }

    [Theory]
    [MemberData(nameof(EngineAndCredential))]
    public async Task Delete_NeedsTheUsersOwnTokenOrAKeyWithTheDeleteScope(string engine, string credential)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (status, code) = credential switch
        {
            _ when Unauthenticated.Contains(credential) => (HttpStatusCode.Unauthorized, "UNAUTHORIZED"),
            "full key" or "user token for itself" => (HttpStatusCode.OK, (string?)null),
            "key without the scope" => (HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE"),
            _ => (HttpStatusCode.Forbidden, "FORBIDDEN"),
        };

        // A throw-away user stands in for the sample user, so that a successful deletion harms no other test.
        var victim = (await server.Identity.CreateSdkUserAsync(world.AppId, null, null, TestContext.Current.CancellationToken))!.Value;
        var header = credential == "user token for itself" ? "Bearer " + victim.Tokens.AccessToken : Credentials[credential](world);
        await AssertAnswerAsync(server, header, HttpMethod.Delete, $"/users/{victim.User.UserId}", null, status, code);
        Assert.Equal(status == HttpStatusCode.OK, await server.Identity.FindSdkUserAsync(victim.User.UserId, TestContext.Current.CancellationToken) is null);
    }

    private static Task AssertAnswerAsync(ItineraTestServer server, TestWorld world, HttpMethod method, string path, string credential, object? body,
        HttpStatusCode status, string? errorCode) =>
        AssertAnswerAsync(server, Credentials[credential](world), method, path, body, status, errorCode);

    private static async Task AssertAnswerAsync(ItineraTestServer server, string? header, HttpMethod method, string path, object? body,
        HttpStatusCode status, string? errorCode)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        if (body is not null)
        {
            request.Content = ContractTests.Json(body);
        }

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"{method} {path} with '{header}': {(int)response.StatusCode} {text}");
        if (errorCode is not null)
        {
            using var json = JsonDocument.Parse(text);
            Assert.Equal(errorCode, json.RootElement.GetProperty("errorCode").GetString());
            Assert.Equal(["message", "errorCode", "ref"], json.RootElement.EnumerateObject().Select(p => p.Name));
            if (status == HttpStatusCode.Unauthorized)
            {
                Assert.DoesNotContain("at Itinera", text, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("errorCode").GetString();
    }
}
