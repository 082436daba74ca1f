using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class SpeedLimitsTests
{
    [Theory]
    [InlineData("50", 50, SpeedLimitSource.Tagged)]
    [InlineData("30 mph", 48, SpeedLimitSource.Tagged)]
    [InlineData("20 knots", 37, SpeedLimitSource.Tagged)]
    [InlineData("80 km/h", 80, SpeedLimitSource.Tagged)]
    [InlineData("40;30", 40, SpeedLimitSource.Tagged)]
    [InlineData("FI:urban", 50, SpeedLimitSource.Implicit)]
    [InlineData("FI:rural", 80, SpeedLimitSource.Implicit)]
    [InlineData("DE:rural", 100, SpeedLimitSource.Implicit)]
    [InlineData("DE:zone30", 30, SpeedLimitSource.Implicit)]
    [InlineData("GB:nsl_single", null, null)]
    [InlineData("walk", 7, SpeedLimitSource.Implicit)]
    public void Parse_ReadsNumbersUnitsAndImplicitValues(string value, int? expectedKmh, SpeedLimitSource? expectedSource)
    {
        var parsed = SpeedLimits.Parse(value);
        if (expectedSource is null)
        {
            Assert.Null(parsed);
            return;
        }

        Assert.Equal(new SpeedLimit(expectedKmh, expectedSource.Value), parsed);
    }

    [Fact]
    public void None_IsATaggedRoadWithoutALimit()
    {
        Assert.Equal(new SpeedLimit(null, SpeedLimitSource.Tagged), SpeedLimits.Parse("none"));
        Assert.Equal(new SpeedLimit(null, SpeedLimitSource.Implicit), SpeedLimits.Parse("DE:motorway"));
    }

    [Theory]
    [InlineData("residential", "FI", 50)]
    [InlineData("motorway", "FI", 120)]
    [InlineData("primary", "FI", 80)]
    [InlineData("living_street", "FI", 20)]
    [InlineData("primary", "BR", 80)]
    [InlineData("residential", null, 50)]
    public void Default_GivesTheCountrysLimitForTheRoadClass(string highway, string? country, int expected)
    {
        var limit = SpeedLimits.Default(highway, country);
        Assert.Equal(expected, limit.Kmh);
        Assert.Equal(SpeedLimitSource.CountryDefault, limit.Source);
    }

    [Fact]
    public void Default_HasNoLimitForAGermanMotorway()
    {
        Assert.Null(SpeedLimits.Default("motorway", "DE").Kmh);
    }

    [Theory]
    [InlineData("FI:urban", "FI")]
    [InlineData("50", null)]
    [InlineData(null, null)]
    public void CountryOf_ReadsThePrefixOfImplicitValues(string? value, string? expected) =>
        Assert.Equal(expected, SpeedLimits.CountryOf(value));
}
