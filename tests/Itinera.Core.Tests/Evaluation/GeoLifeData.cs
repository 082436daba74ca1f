using Itinera.Core.Tests.Geo;

namespace Itinera.Core.Tests.Evaluation;

/// <summary>The GeoLife users of <c>shared/data/geolife</c> (kept outside the repository).</summary>
internal static class GeoLifeData
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([RootPath.Value, .. parts]);

    public static IReadOnlyList<string> WalkRemovedUsers { get; } =
        ["021", "053", "056", "058", "069", "076", "080", "097", "098", "100"];

    private static string FindRoot() => SharedDataFolder.Path("geolife");
}

