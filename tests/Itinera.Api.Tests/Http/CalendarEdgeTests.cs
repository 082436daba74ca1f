using System.Net;
using System.Text.Json;

namespace Itinera.Api.Tests.Http;

/// <summary>
/// Every well-formed date is a valid bound, including the first and last days of the calendar, where the
/// instant a local day starts (or the next day starts) is not representable.
/// </summary>
public sealed class CalendarEdgeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string> EdgeWindows()
    {
        var data = new TheoryData<string, string>();
        var paths = new[]
        {
            // The sample user lives in Europe/Brussels, ahead of UTC: 0001-01-01 00:00 local is before the first instant.
            "/v2/users/{u}/events?from=0001-01-01&to=0001-01-02",
            "/v2/users/{u}/events?from=9999-12-30&to=9999-12-31",
            "/v2/users/{u}/moments?from=9999-12-31&to=9999-12-31",
            "/v2/users/{u}/anomalies?from=0001-01-01&to=0001-01-01",
            "/v3/users/{u}/fixes?from=9999-12-31&to=9999-12-31",
            "/v3/users/{u}/fixes?from=0001-01-01&to=0001-01-01",
        };
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            foreach (var path in paths)
            {
                data.Add(engine, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeWindows))]
    public async Task AWindowAtTheEndsOfTheCalendar_AnswersWithAList_NotAnInternalError(string engine, string path)
    {
        var (server, world) = await fixture.GetAsync(engine);
        using var client = server.ClientWith(world.FullKey);
        using var response = await client.GetAsync(new Uri(path.Replace("{u}", world.UserId, StringComparison.Ordinal), UriKind.Relative), ApiClient.Ct);
        var body = await response.Content.ReadAsStringAsync(ApiClient.Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        // Ongoing moments overlap every later window, so the lists are not all empty.
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
    }
}
