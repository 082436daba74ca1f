using System.Security.Cryptography;
using System.Text;

namespace Itinera.Core.Identity;

/// <summary>
/// One-way hashing of credentials. High-entropy secrets (API key secrets, tokens, codes) are hashed
/// with SHA-256, which is enough because they cannot be guessed; passwords, which can, use PBKDF2.
/// No secret is ever stored or logged in clear.
/// </summary>
public static class SecretHasher
{
    private const int PasswordIterations = 210_000;
    private const int SaltBytes = 16;
    private const int PasswordHashBytes = 32;

    /// <summary>SHA-256 of a random secret, lower-case hex.</summary>
    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>PBKDF2-SHA256 hash of a password as <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
    public static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, PasswordIterations, HashAlgorithmName.SHA256, PasswordHashBytes);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"pbkdf2-sha256${PasswordIterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Checks a password against a hash made by <see cref="HashPassword"/>, in constant time.</summary>
    public static bool VerifyPassword(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256"
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
