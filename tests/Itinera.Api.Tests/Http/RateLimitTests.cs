using System.Net;
using System.Text.Json;
using Itinera.Api.Auth;
using Itinera.Api.Http;
using Itinera.Testing;

namespace Itinera.Api.Tests.Http;

/// <summary>
/// The rate limiter counts per authenticated identity, and per client address for everything else, so a
/// client cannot buy fresh allowances by sending made-up credentials. Assertions hold whichever one-second
/// window a request falls in: they only need some request to be refused, and valid identities to be served.
/// </summary>
public sealed class RateLimitTests
{
    private const int Limit = 5;

    // Far more requests than two windows' allowance: a refusal must appear even if a window boundary passes.
    private const int Attempts = 8 * Limit;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RandomBearerValues_ShareOneAllowance_AndAreRefusedWithTheErrorBody(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, o => o.RateLimitPerSecond = Limit, ct: ApiClient.Ct);
        await using var _ = server;
        var path = $"/v2/users/{world.UserId}/segments";

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < Attempts && limited is null; i++)
        {
            // Both shapes the resolver knows: a user token and a "<key id>.<secret>" API key.
            var credential = i % 2 == 0 ? Guid.NewGuid().ToString("N") : $"{Guid.NewGuid():N}"[..24] + "." + Guid.NewGuid().ToString("N");
            using var client = server.ClientWith(credential);
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), ApiClient.Ct);
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

        Assert.True(limited is not null, "no 429 after " + string.Join(",", statuses.Select(s => (int)s)));
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            await AssertRateLimitedAsync(limited);
        }

        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.Unauthorized, s));

        // The address's allowance is spent; a valid credential from the same address draws from its own.
        using var valid = server.ClientWith(world.FullKey);
        using var served = await valid.GetAsync(new Uri(path, UriKind.Relative), ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    public async Task KeysOfOneApplication_ShareOneAllowance_OtherIdentitiesKeepTheirs(string engine)
    {
        var (server, world) = await TestWorld.StartServerAsync(engine, o => o.RateLimitPerSecond = Limit, ct: ApiClient.Ct);
        await using var _ = server;
        var path = $"/v2/users/{world.UserId}/segments";
        using var full = server.ClientWith(world.FullKey);
        using var readOnly = server.ClientWith(world.ReadOnlyKey);

        HttpResponseMessage? limited = null;
        for (var i = 0; i < Attempts && limited is null; i++)
        {
            var response = await (i % 2 == 0 ? full : readOnly).GetAsync(new Uri(path, UriKind.Relative), ApiClient.Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            await AssertRateLimitedAsync(limited);
        }

        using var otherApp = server.ClientWith(world.OtherAppKey);
        using var user = server.ClientWith(world.UserToken);
        using var anonymous = await server.Client.GetAsync(new Uri("/v2/moment_definitions", UriKind.Relative), ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        using var ofOtherApp = await otherApp.GetAsync(new Uri($"/v2/users/{world.OtherAppUserId}/segments", UriKind.Relative), ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, ofOtherApp.StatusCode);
        using var ofUser = await user.GetAsync(new Uri(path, UriKind.Relative), ApiClient.Ct);
        Assert.Equal(HttpStatusCode.OK, ofUser.StatusCode);
    }

    [Fact]
    public void Keys_NameTheIdentity_OrTheClientNetwork()
    {
        var v4 = IPAddress.Parse("203.0.113.7");
        Assert.Equal("app:a1", RateLimitKey.For(new ApiKeyCaller("k1", "a1", []), v4));
        Assert.Equal(RateLimitKey.For(new ApiKeyCaller("k1", "a1", []), v4), RateLimitKey.For(new ApiKeyCaller("k2", "a1", []), IPAddress.Loopback));
        Assert.Equal("user:u1", RateLimitKey.For(new SdkUserCaller("u1", "a1", "i1"), v4));
        Assert.Equal("user:u1", RateLimitKey.For(new SdkUserCaller("u1", "a1", "i2"), v4));
        Assert.Equal("control:c1", RateLimitKey.For(new ControlUserCaller("c1", "acc", Core.Identity.ControlRole.Basic), v4));
        Assert.Equal("ip:203.0.113.7", RateLimitKey.For(null, v4));
        Assert.Equal("ip:203.0.113.7", RateLimitKey.For(null, v4.MapToIPv6()));
        Assert.Equal("ip:unknown", RateLimitKey.For(null, null));

        // Addresses of one IPv6 /64 are one client; another /64 is another.
        var a = RateLimitKey.For(null, IPAddress.Parse("2001:db8:1:2:aaaa::1"));
        Assert.Equal("ip:2001:db8:1:2::/64", a);
        Assert.Equal(a, RateLimitKey.For(null, IPAddress.Parse("2001:db8:1:2:ffff:1:2:3")));
        Assert.NotEqual(a, RateLimitKey.For(null, IPAddress.Parse("2001:db8:1:3::1")));
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ApiClient.Ct));
        Assert.Equal(["message", "errorCode", "ref"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RATE_LIMITED", json.RootElement.GetProperty("errorCode").GetString());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("ref").GetString(), out _));
    }
}
