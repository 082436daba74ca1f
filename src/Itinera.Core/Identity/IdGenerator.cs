using System.Security.Cryptography;

namespace Itinera.Core.Identity;

/// <summary>
/// Creates the identifiers and secrets of the platform: 24-hex object ids (accounts, applications,
/// users, installs, API keys), 64-hex opaque tokens and 128-hex authentication codes.
/// </summary>
/// <remarks>
/// Object ids follow the MongoDB ObjectId layout the reference shows (<c>5c9417700000000000000000</c>):
/// four bytes of Unix seconds then eight random bytes, so ids sort roughly by creation time.
/// Secrets come from the operating system's cryptographic generator. Thread-safe.
/// </remarks>
public sealed class IdGenerator(TimeProvider time)
{
    /// <summary>A new 24-character lower-case hexadecimal id.</summary>
    public string NewObjectId()
    {
        Span<byte> bytes = stackalloc byte[12];
        var seconds = (uint)time.GetUtcNow().ToUnixTimeSeconds();
        bytes[0] = (byte)(seconds >> 24);
        bytes[1] = (byte)(seconds >> 16);
        bytes[2] = (byte)(seconds >> 8);
        bytes[3] = (byte)seconds;
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>A new secret of <paramref name="byteCount"/> random bytes, hex-encoded (twice as many characters).</summary>
    public static string NewSecret(int byteCount = 32)
    {
        Span<byte> bytes = stackalloc byte[byteCount];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>True when <paramref name="value"/> is a 24-character lower- or upper-case hex string.</summary>
    public static bool IsObjectId(string? value) => value is { Length: 24 } && IsHex(value);

    /// <summary>True when every character of <paramref name="value"/> is a hexadecimal digit.</summary>
    public static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}
