using System.Globalization;
using Itinera.Core.Time;

namespace Itinera.Core.Tests.Time;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("2019-03-22T07:37:45Z", "Europe/Brussels", "2019-03-22T08:37:45+01:00")]
    [InlineData("2019-07-22T07:37:45Z", "Europe/Brussels", "2019-07-22T09:37:45+02:00")]
    [InlineData("2019-07-22T07:37:45Z", "America/New_York", "2019-07-22T03:37:45-04:00")]
    [InlineData("2019-07-22T07:37:45Z", "Not/AZone", "2019-07-22T07:37:45+00:00")]
    [InlineData("2019-07-22T07:37:45Z", null, "2019-07-22T07:37:45+00:00")]
    public void ToLocal_UsesTheOffsetTheZoneHadAtThatInstant(string instant, string? zone, string expected)
    {
        var local = TimeZones.ToLocal(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), zone);
        Assert.Equal(expected, local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2019-03-22", "Europe/Brussels", "2019-03-21T23:00:00Z")]
    [InlineData("2019-03-31", "Europe/Brussels", "2019-03-30T23:00:00Z")]
    [InlineData("2019-04-01", "Europe/Brussels", "2019-03-31T22:00:00Z")]
    [InlineData("2019-04-01", "UTC", "2019-04-01T00:00:00Z")]
    public void StartOfLocalDay_IsLocalMidnight(string day, string zone, string expectedUtc)
    {
        var start = TimeZones.StartOfLocalDay(DateOnly.Parse(day, CultureInfo.InvariantCulture), zone);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), start);
    }

    [Fact]
    public void StartOfLocalDay_SkipsADaylightSavingGapAtMidnight()
    {
        // Santiago de Chile moved clocks from 00:00 to 01:00 on 2019-09-08.
        var start = TimeZones.StartOfLocalDay(new DateOnly(2019, 9, 8), "America/Santiago");
        Assert.Equal(DateTimeOffset.Parse("2019-09-08T04:00:00Z", CultureInfo.InvariantCulture), start);
    }
}
