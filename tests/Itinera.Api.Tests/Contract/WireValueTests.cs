using System.Net;
using Itinera.Core.Places;

namespace Itinera.Api.Tests.Contract;

/// <summary>
/// Values on the wire follow the reference's precision (docs/api-decisions.md), for data as the pipeline
/// stores it, which is more precise than the sample data.
/// </summary>
public sealed class WireValueTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheLastKnownLocation_HasCoordinatesRoundedToFiveDecimals(string engine)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var user = (await server.Identity.CreateSdkUserAsync(world.AppId, null, null, ApiClient.Ct))!.Value.User;
        // A raw phone fix, as uploads store it.
        await server.Resources.SaveLastLocationAsync(user.UserId,
            new LocationFix(DateTimeOffset.Parse("2026-03-15T23:58:44.551-04:00", System.Globalization.CultureInfo.InvariantCulture),
                50.836148, 4.3250955, 8, 0, 12), ApiClient.Ct);
        using var client = server.ClientWith(world.FullKey);

        var (status, body) = await client.GetJsonAsync($"/v2/users/{user.UserId}/location");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("50.83615", body.GetProperty("latitude").GetRawText());
        Assert.Equal("4.3251", body.GetProperty("longitude").GetRawText());
    }
}
