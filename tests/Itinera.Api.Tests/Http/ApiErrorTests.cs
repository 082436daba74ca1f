using Itinera.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Itinera.Api.Tests.Http;

public sealed class ApiErrorTests
{
    [Fact]
    public void ALoggedPath_CannotStartAForgedLogLine()
    {
        var logged = ApiError.LoggablePath(new PathString("/v2/users/x\n2026-01-01 INFO forged\r"));

        Assert.DoesNotContain('\n', logged);
        Assert.DoesNotContain('\r', logged);
        Assert.Contains("%0A", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrdinaryPath_IsLoggedAsItIs() =>
        Assert.Equal("/v2/users/abc/events", ApiError.LoggablePath(new PathString("/v2/users/abc/events")));
}
