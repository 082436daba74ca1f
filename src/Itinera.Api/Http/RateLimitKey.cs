using System.Net;
using System.Net.Sockets;
using Itinera.Api.Auth;

namespace Itinera.Api.Http;

/// <summary>
/// Which allowance of the rate limiter a request draws from (docs/api-decisions.md, "Rate limiting"):
/// the authenticated identity when the credential is valid, else the client address. Keying on the raw
/// <c>Authorization</c> header would give every made-up credential a fresh allowance.
/// </summary>
public static class RateLimitKey
{
    /// <summary>The partition of a request by <paramref name="caller"/> (null when the credential is missing or invalid) from <paramref name="remote"/>.</summary>
    public static string For(Caller? caller, IPAddress? remote) => caller switch
    {
        // Per application, not per key: minting more keys does not multiply an application's allowance.
        ApiKeyCaller key => "app:" + key.AppId,
        // Per user, not per install or token: refreshing or reinstalling does not reset it.
        SdkUserCaller user => "user:" + user.UserId,
        ControlUserCaller control => "control:" + control.UserId,
        _ => "ip:" + ClientNetwork(remote),
    };

    // An IPv6 client usually holds a whole /64 and can pick any address in it, so the /64 is one client.
    private static string ClientNetwork(IPAddress? remote)
    {
        if (remote is null)
        {
            return "unknown";
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            return remote.MapToIPv4().ToString();
        }

        if (remote.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(remote))
        {
            return remote.ToString();
        }

        var bytes = remote.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
