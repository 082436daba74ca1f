namespace Itinera.Core.Tests.Geo;

/// <summary>
/// Finds <c>shared/data</c> (real data sets kept outside the repository) by walking up from the test binaries,
/// accepting <c>&lt;ancestor&gt;/shared/data</c> or <c>&lt;ancestor&gt;/../shared/data</c>.
/// </summary>
internal static class SharedDataFolder
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[]
            {
                System.IO.Path.Combine(directory.FullName, "shared", "data"),
                System.IO.Path.Combine(directory.FullName, "..", "shared", "data"),
            })
            {
                if (Directory.Exists(candidate))
                {
                    return System.IO.Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data was not found above " + AppContext.BaseDirectory);
    }
}
