namespace Itinera.Core.Tests.Evaluation;

/// <summary>Finds <c>shared/data/geolife</c> (kept outside the repository) from the test binaries.</summary>
internal static class GeoLifeData
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([RootPath.Value, .. parts]);

    public static IReadOnlyList<string> WalkRemovedUsers { get; } =
        ["021", "053", "056", "058", "069", "076", "080", "097", "098", "100"];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[]
            {
                System.IO.Path.Combine(directory.FullName, "shared", "data", "geolife"),
                System.IO.Path.Combine(directory.FullName, "..", "shared", "data", "geolife"),
            })
            {
                if (Directory.Exists(candidate))
                {
                    return System.IO.Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data/geolife was not found above " + AppContext.BaseDirectory);
    }
}
