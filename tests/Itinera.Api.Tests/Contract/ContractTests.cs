using System.Net;
using System.Text;
using System.Text.Json;
using Itinera.Testing;
using Itinera.Testing.Contract;

namespace Itinera.Api.Tests.Contract;

/// <summary>
/// For every endpoint of the reference, Itinera's answer for the same resource has the shape of the
/// reference's example: same keys, value kinds, type discriminators and timestamp formats.
/// </summary>
public sealed class ContractTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string U(TestWorld w) => w.UserId;

    private static readonly string Start = Uri.EscapeDataString("2019-03-22T08:37:45.000+01:00");
    private static readonly string StayStart = Uri.EscapeDataString("2019-03-21T20:08:00.000+01:00");

    /// <summary>How each documented GET is asked for in the sample world, and with which credential.</summary>
    private static readonly Dictionary<string, Func<TestWorld, (string Url, Func<TestWorld, string> Credential)>> Reads = new()
    {
        ["/v2/segment_definitions"] = w => ("/v2/segment_definitions", x => ""),
        ["/v2/moment_definitions"] = w => ("/v2/moment_definitions", x => ""),
        ["/v2/users/me"] = w => ("/v2/users/me", x => x.BasicControlToken),
        ["/v2/users/:user_id"] = w => ($"/v2/users/{w.BasicControlUserId}", x => x.BasicControlToken),
        ["/v2/users/:user_id/events?from=:from&to=:to"] = w => ($"/v2/users/{U(w)}/events?from=2019-03-21&to=2019-03-22", x => x.FullKey),
        ["/v2/users/:user_id/events/:start"] = w => ($"/v2/users/{U(w)}/events/{StayStart}", x => x.FullKey),
        ["/v2/users/:user_id/events/:start/trajectory"] = w => ($"/v2/users/{U(w)}/events/{Start}/trajectory", x => x.FullKey),
        ["/v2/users/:user_id/events/:start/behavior_scores"] = w => ($"/v2/users/{U(w)}/events/{Start}/behavior_scores", x => x.FullKey),
        ["/v2/users/:user_id/events/:start/behavior_annotations"] = w => ($"/v2/users/{U(w)}/events/{Start}/behavior_annotations", x => x.FullKey),
        ["/v2/users/:user_id/segments"] = w => ($"/v2/users/{U(w)}/segments", x => x.FullKey),
        ["/v2/users/:user_id/moments?from=:from&to=:to"] = w => ($"/v2/users/{U(w)}/moments?from=2019-03-22&to=2019-03-22", x => x.FullKey),
        ["/v2/users/:user_id/active_moments"] = w => ($"/v2/users/{U(w)}/active_moments", x => x.UserToken),
        ["/v2/users/:user_id/location_clusters"] = w => ($"/v2/users/{U(w)}/location_clusters", x => x.FullKey),
        ["/v2/users/:user_id/location"] = w => ($"/v2/users/{U(w)}/location", x => x.FullKey),
        ["/v2/users/:user_id/car_behavior"] = w => ($"/v2/users/{U(w)}/car_behavior", x => x.FullKey),
        ["/v2/users/:user_id/anomalies?from=:from&to=:to"] = w => ($"/v2/users/{U(w)}/anomalies?from=2019-03-21&to=2019-03-21", x => x.SpectatorControlToken),
        ["/v3/users/:user_id/events/:event_id"] = w => ($"/v3/users/{U(w)}/events/{SampleData.HomeStayId}", x => x.FullKey),
        ["/v3/users/:user_id/events/:event_id/trajectory"] = w => ($"/v3/users/{U(w)}/events/{SampleData.CarTransportId}/trajectory", x => x.UserToken),
        ["/v3/users/:user_id/events/:event_id/behavior_scores"] = w => ($"/v3/users/{U(w)}/events/{SampleData.CarTransportId}/behavior_scores", x => x.FullKey),
        ["/v3/users/:user_id/events/:event_id/behavior_annotations"] = w => ($"/v3/users/{U(w)}/events/{SampleData.CarTransportId}/behavior_annotations", x => x.DeveloperControlToken),
    };

    public static TheoryData<string, string> ReadCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            foreach (var path in Reads.Keys)
            {
                data.Add(engine, path);
            }
        }

        return data;
    }

    [Fact]
    public void EveryDocumentedEndpointHasAContractCase()
    {
        var covered = Reads.Keys.Select(k => "GET " + k)
            .Concat(["GET /v3/users/:user_id/aggregated_driving_scores", "POST /v2/users/:install_id/link", "POST /users/auth-code", "DELETE /users/:user_id"])
            .ToHashSet();
        var documented = ReferenceExamples.All.Select(e => e.Method + " " + e.Path).ToList();
        Assert.Equal(24, documented.Count);
        Assert.All(documented, d => Assert.Contains(d, covered));
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task Get_AnswersWithTheShapeOfTheReferenceExample(string engine, string referencePath)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (url, credential) = Reads[referencePath](world);
        using var owned = credential(world) is { Length: > 0 } c ? server.ClientWith(c) : null;
        var client = owned ?? server.Client;
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        var example = ReferenceExamples.Get("GET", referencePath).Examples[200].Single();
        using var actual = JsonDocument.Parse(body);
        var differences = ShapeMatcher.Differences(example, actual.RootElement);
        Assert.True(differences.Count == 0, $"{url}:\n{string.Join('\n', differences)}\n{body}");
    }

    [Theory]
    [InlineData("sqlite", "day")]
    [InlineData("sqlite", "week")]
    [InlineData("sqlite", "month")]
    [InlineData("sqlite", "all")]
    [InlineData("postgres", "day")]
    [InlineData("postgres", "week")]
    [InlineData("postgres", "month")]
    [InlineData("postgres", "all")]
    public async Task AggregatedDrivingScores_AnswerWithTheShapeOfTheReferenceExampleForEachType(string engine, string type)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        var url = $"/v3/users/{world.UserId}/aggregated_driving_scores?type={type}";
        var body = await client.GetStringAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var example = ReferenceExamples.Get("GET", "/v3/users/:user_id/aggregated_driving_scores").Examples[200]
            .Single(e => e.TryGetProperty(type, out _));
        using var actual = JsonDocument.Parse(body);
        var differences = ShapeMatcher.Differences(example, actual.RootElement);
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n" + body);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AuthCode_AnswersWithTheShapeOfTheReferenceExample(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        using var response = await client.PostAsync(new Uri("/users/auth-code", UriKind.Relative), Json(new { external_id = "contract-user" }), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var actual = JsonDocument.Parse(body);
        Assert.Empty(ShapeMatcher.Differences(ReferenceExamples.Get("POST", "/users/auth-code").Examples[200].Single(), actual.RootElement));
        Assert.Matches("^[0-9a-f]{128}$", actual.RootElement.GetProperty("authentication_code").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Link_AnswersWithTheShapeOfTheReferenceExample(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var (tokens, _) = await server.Identity.CreateAnonymousInstallAsync(world.AppId, world.AppSecret, TestContext.Current.CancellationToken);
        using var client = server.ClientWith(world.FullKey);
        using var response = await client.PostAsync(new Uri($"/v2/users/{tokens!.InstallId}/link", UriKind.Relative),
            Json(new { external_id = "link-" + Guid.NewGuid() }), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var actual = JsonDocument.Parse(body);
        Assert.Empty(ShapeMatcher.Differences(ReferenceExamples.Get("POST", "/v2/users/:install_id/link").Examples[200].Single(), actual.RootElement));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task LinkErrors_AnswerWithTheReferenceCodesAndMessages(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var examples = ReferenceExamples.Get("POST", "/v2/users/:install_id/link").Examples;
        using var client = server.ClientWith(world.FullKey);
        var ct = TestContext.Current.CancellationToken;

        async Task<JsonElement> Link(string installId, string externalId, HttpStatusCode expected)
        {
            using var response = await client.PostAsync(new Uri($"/v2/users/{installId}/link", UriKind.Relative), Json(new { external_id = externalId }), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(expected == response.StatusCode, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        void AssertSame(JsonElement example, JsonElement actual)
        {
            Assert.Empty(ShapeMatcher.Differences(example, actual));
            Assert.Equal(example.GetProperty("errorCode").GetString(), actual.GetProperty("errorCode").GetString());
            Assert.Equal(example.GetProperty("message").GetString(), actual.GetProperty("message").GetString());
            Assert.True(Guid.TryParse(actual.GetProperty("ref").GetString(), out _));
        }

        JsonElement Example(int status, string code) => examples[status].Single(e => e.GetProperty("errorCode").GetString() == code);

        AssertSame(Example(404, "INSTALL_NOT_FOUND"), await Link("0123456789abcdef01234567", "x", HttpStatusCode.NotFound));

        var (foreign, _) = await server.Identity.CreateAnonymousInstallAsync(world.OtherAppId, "wrong", ct);
        Assert.Null(foreign);
        var otherInstall = (await server.Identity.CreateSdkUserAsync(world.OtherAppId, null, null, ct))!.Value.Tokens.InstallId!;
        AssertSame(Example(403, "INSTALL_DOES_NOT_BELONG_TO_APP"), await Link(otherInstall, "x", HttpStatusCode.Forbidden));

        var disabled = (await server.Identity.CreateSdkUserAsync(world.AppId, null, null, ct))!.Value.Tokens.InstallId!;
        await server.Identity.SetInstallStateAsync(disabled, "disabled", ct);
        AssertSame(Example(403, "INSTALL_DISABLED"), await Link(disabled, "x", HttpStatusCode.Forbidden));

        var deleted = (await server.Identity.CreateSdkUserAsync(world.AppId, null, null, ct))!.Value.Tokens.InstallId!;
        await server.Identity.SetInstallStateAsync(deleted, "deleted", ct);
        AssertSame(Example(403, "INSTALL_DELETED"), await Link(deleted, "x", HttpStatusCode.Forbidden));

        AssertSame(Example(403, "INSTALL_LINKED_TO_OTHER_USER"), await Link(world.UserInstallId, "somebody-else", HttpStatusCode.Forbidden));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Delete_AnswersOkWithAnEmptyBody(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var user = (await server.Identity.CreateSdkUserAsync(world.AppId, null, null, TestContext.Current.CancellationToken))!.Value.User;
        using var client = server.ClientWith(world.FullKey);
        using var response = await client.DeleteAsync(new Uri($"/users/{user.UserId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SdkUserProfile_HasTheControlUserFieldsOfAnSdkUser(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        var body = await client.GetStringAsync(new Uri($"/v2/users/{world.UserId}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var actual = JsonDocument.Parse(body);
        var keys = actual.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["type", "id", "can_login", "created_at", "sdk", "application_id", "install_id", "external_id"], keys);
        Assert.Equal("User", actual.RootElement.GetProperty("type").GetString());
        Assert.Equal(world.UserInstallId, actual.RootElement.GetProperty("install_id").GetString());
    }

    internal static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
