using Itinera.Core.Identity;

namespace Itinera.Core.Tests.Identity;

public sealed class SecretHasherTests
{
    [Fact]
    public void HashSecret_IsSha256Hex() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", SecretHasher.HashSecret("hello"));

    [Fact]
    public void VerifyPassword_AcceptsTheRightPasswordOnly()
    {
        var hash = SecretHasher.HashPassword("correct horse");
        Assert.StartsWith("pbkdf2-sha256$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
        Assert.True(SecretHasher.VerifyPassword("correct horse", hash));
        Assert.False(SecretHasher.VerifyPassword("correct horse ", hash));
        Assert.False(SecretHasher.VerifyPassword("correct horse", "garbage"));
    }

    [Fact]
    public void HashPassword_SaltsEveryHash() =>
        Assert.NotEqual(SecretHasher.HashPassword("same"), SecretHasher.HashPassword("same"));

    [Theory]
    [InlineData("user.read", "user.read")]
    [InlineData("USER_READ", "user.read")]
    [InlineData(" User.Delete ", "user.delete")]
    [InlineData("USER_LINK", "user.link")]
    [InlineData("offloads.read", null)]
    [InlineData("", null)]
    public void Scopes_NormalizeBothSpellings(string input, string? expected) => Assert.Equal(expected, Scopes.Normalize(input));
}
