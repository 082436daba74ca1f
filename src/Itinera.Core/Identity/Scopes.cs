namespace Itinera.Core.Identity;

/// <summary>
/// API key scopes. The canonical spelling is the legacy REST one (<c>user.read</c>); the v4 spelling
/// (<c>USER_READ</c>) is accepted on input and normalised.
/// </summary>
public static class Scopes
{
    public const string UserRead = "user.read";
    public const string UserLink = "user.link";
    public const string UserDelete = "user.delete";

    /// <summary>Every scope an API key may carry.</summary>
    public static IReadOnlyList<string> All { get; } = [UserRead, UserLink, UserDelete];

    /// <summary>The canonical spelling of <paramref name="scope"/>, or null when it is not a known scope.</summary>
    public static string? Normalize(string scope)
    {
        var candidate = scope.Trim().Replace('_', '.').ToLowerInvariant();
        return All.Contains(candidate) ? candidate : null;
    }
}
