using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Itinera.Api.Tests.Http;

public sealed class OpenApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task OpenApiDocument_IsValidAndDescribesThePublicAndSdkApis()
    {
        var (server, _) = await fixture.GetAsync("sqlite");
        await using var stream = await server.Client.GetStreamAsync(new Uri("/openapi.json", UriKind.Relative), ApiClient.Ct);
        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings(), ApiClient.Ct);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        var document = result.Document!;
        Assert.StartsWith("3.", result.Diagnostic!.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
        string[] expected =
        [
            "/v2/segment_definitions", "/v2/moment_definitions", "/v2/users/me", "/v2/users/{user_id}", "/v2/users/{user_id}/events",
            "/v2/users/{user_id}/events/{start}", "/v2/users/{user_id}/events/{start}/trajectory", "/v2/users/{user_id}/events/{start}/behavior_scores",
            "/v2/users/{user_id}/events/{start}/behavior_annotations", "/v3/users/{user_id}/events/{event_id}", "/v3/users/{user_id}/events/{event_id}/trajectory",
            "/v3/users/{user_id}/events/{event_id}/behavior_scores", "/v3/users/{user_id}/events/{event_id}/behavior_annotations",
            "/v2/users/{user_id}/segments", "/v2/users/{user_id}/moments", "/v2/users/{user_id}/active_moments", "/v2/users/{user_id}/location_clusters",
            "/v2/users/{user_id}/location", "/v2/users/{user_id}/car_behavior", "/v2/users/{user_id}/anomalies", "/v2/users/{install_id}/link",
            "/users/auth-code", "/users/{user_id}", "/v3/users/{user_id}/aggregated_driving_scores", "/v3/sdk/installs", "/v3/sdk/users", "/v3/sdk/token",
            "/auth/local", "/auth/token",
        ];
        Assert.All(expected, path => Assert.Contains(path, document.Paths.Keys));
        Assert.Contains("ErrorBody", document.Components!.Schemas!.Keys);
    }

    [Fact]
    public async Task ReferencePage_IsServedWithItsScriptsFromTheServerItself()
    {
        var (server, _) = await fixture.GetAsync("sqlite");
        var html = await server.Client.GetStringAsync(new Uri("/docs/", UriKind.Relative), ApiClient.Ct);
        Assert.Contains("openapi.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        using var script = await server.Client.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative), ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        using var document = await server.Client.GetAsync(new Uri("/docs/openapi.json", UriKind.Relative), ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}
