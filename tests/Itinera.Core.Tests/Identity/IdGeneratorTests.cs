using Itinera.Core.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Itinera.Core.Tests.Identity;

public sealed class IdGeneratorTests
{
    [Fact]
    public void NewObjectId_Is24HexStartingWithTheCreationSeconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(0x5c941770));
        var id = new IdGenerator(time).NewObjectId();
        Assert.Matches("^5c941770[0-9a-f]{16}$", id);
        Assert.True(IdGenerator.IsObjectId(id));
    }

    [Fact]
    public void NewObjectId_NeverRepeats()
    {
        var ids = new IdGenerator(TimeProvider.System);
        var seen = Enumerable.Range(0, 10_000).Select(_ => ids.NewObjectId()).ToHashSet();
        Assert.Equal(10_000, seen.Count);
    }

    [Theory]
    [InlineData("5c9417700000000000000000", true)]
    [InlineData("5C9417700000000000000000", true)]
    [InlineData("5c941770000000000000000", false)]
    [InlineData("5c94177000000000000000000", false)]
    [InlineData("5c941770000000000000000g", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsObjectId_AcceptsOnly24HexCharacters(string? value, bool expected) => Assert.Equal(expected, IdGenerator.IsObjectId(value));

    [Fact]
    public void NewSecret_HasTwoHexCharactersPerByte() => Assert.Matches("^[0-9a-f]{128}$", IdGenerator.NewSecret(64));
}
