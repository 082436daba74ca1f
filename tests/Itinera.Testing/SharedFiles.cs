namespace Itinera.Testing;

/// <summary>
/// Finds files of the workplace's <c>shared/</c> folder (reference documents and real data sets), which
/// sits beside the repository and is never copied into it.
/// </summary>
public static class SharedFiles
{
    /// <summary>The full path of <c>shared/<paramref name="relativePath"/></c>.</summary>
    /// <exception cref="FileNotFoundException">No ancestor folder of the test binaries has it beside or below it.</exception>
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", relativePath), Path.Combine(dir.FullName, "..", "shared", relativePath) })
            {
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new FileNotFoundException($"shared/{relativePath} was not found beside the repository.");
    }
}
