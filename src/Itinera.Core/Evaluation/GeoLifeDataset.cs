using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Evaluation;

/// <summary>One labelled GeoLife user folder.</summary>
/// <param name="UserId">The folder name (for example <c>010</c>).</param>
/// <param name="PltFiles">Full paths of <c>Trajectory/*.plt</c>, in ordinal name order (which is time order).</param>
/// <param name="Legs">The labels, read with <see cref="GeoLifeLabels.Read"/>.</param>
/// <param name="WalkRemoved">The labels come from <c>labels_nowalk.txt</c> (walking is unlabelled time).</param>
public sealed record GeoLifeUser(string UserId, IReadOnlyList<string> PltFiles, IReadOnlyList<LabelledLeg> Legs, bool WalkRemoved)
{
    /// <summary>Scoring options for this user: <paramref name="coverage"/> and <see cref="WalkRemoved"/>.</summary>
    public ScoringOptions CreateScoringOptions(GpsCoverage? coverage) => new() { Coverage = coverage, WalkRemoved = WalkRemoved };
}

/// <summary>
/// Finds labelled GeoLife users on disk and reads their trajectories. A user folder holds a <c>Trajectory</c>
/// folder of <c>.plt</c> files and <c>labels.txt</c> (complete labels) or <c>labels_nowalk.txt</c> (every walk row
/// removed); when both exist, <c>labels.txt</c> wins. Folders without labels (unlabelled users) are skipped.
/// </summary>
public static class GeoLifeDataset
{
    /// <summary>The complete label file.</summary>
    public const string LabelsFileName = "labels.txt";

    /// <summary>The label file without walk rows.</summary>
    public const string WalkRemovedLabelsFileName = "labels_nowalk.txt";

    /// <summary>The folder of <c>.plt</c> files inside a user folder.</summary>
    public const string TrajectoryFolderName = "Trajectory";

    /// <summary>
    /// The labelled users in <paramref name="directory"/>: the directory itself when it is a user folder, otherwise
    /// every user folder below it at any depth (so both <c>geolife/</c> and <c>geolife/walk_removed_labels/</c>
    /// work). Sorted by user id, then path (ordinal).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<GeoLifeUser> EnumerateUsers(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException("GeoLife directory not found: " + directory);
        }

        return [.. FoldersWhere(directory, IsUserFolder).Select(ReadUser)];
    }

    /// <summary>
    /// Every folder with a <c>Trajectory</c> folder in <paramref name="directory"/> (itself or below it), labelled or
    /// not, as the user id (the folder's name) and its PLT files, sorted by user id. For stay comparisons on unlabelled
    /// users.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<(string UserId, IReadOnlyList<string> PltFiles)> EnumerateTrajectories(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException("GeoLife directory not found: " + directory);
        }

        return [.. FoldersWhere(directory, f => Directory.Exists(Path.Combine(f, TrajectoryFolderName)))
            .Select(f => (Path.GetFileName(f), (IReadOnlyList<string>)[.. Directory.EnumerateFiles(Path.Combine(f, TrajectoryFolderName), "*.plt").Order(StringComparer.Ordinal)]))];
    }

    /// <summary>
    /// <paramref name="directory"/> itself when it is a user folder, otherwise every user folder below it at any depth; full
    /// paths sorted by folder name (the user id), then path (ordinal).
    /// </summary>
    private static IEnumerable<string> FoldersWhere(string directory, Func<string, bool> isUserFolder)
    {
        var folders = isUserFolder(directory)
            ? [directory]
            : Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Where(isUserFolder).ToList();
        return folders
            .Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ThenBy(f => f, StringComparer.Ordinal);
    }

    /// <summary>Reads one user folder (see <see cref="GeoLifeDataset"/>).</summary>
    /// <exception cref="FileNotFoundException">The folder has no label file.</exception>
    public static GeoLifeUser ReadUser(string userDirectory)
    {
        ArgumentNullException.ThrowIfNull(userDirectory);
        var full = Path.GetFullPath(userDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var labels = Path.Combine(full, LabelsFileName);
        var walkRemoved = !File.Exists(labels);
        if (walkRemoved)
        {
            labels = Path.Combine(full, WalkRemovedLabelsFileName);
            if (!File.Exists(labels))
            {
                throw new FileNotFoundException("No GeoLife label file in " + full, labels);
            }
        }

        IReadOnlyList<LabelledLeg> legs;
        using (var stream = File.OpenRead(labels))
        {
            legs = GeoLifeLabels.Read(stream, walkRemoved);
        }

        var trajectory = Path.Combine(full, TrajectoryFolderName);
        string[] plts = Directory.Exists(trajectory)
            ? [.. Directory.EnumerateFiles(trajectory, "*.plt").Order(StringComparer.Ordinal)]
            : [];
        return new GeoLifeUser(Path.GetFileName(full), plts, legs, walkRemoved);
    }

    /// <summary>
    /// All fixes of <paramref name="pltFiles"/> (read with <see cref="LocationFileReader"/>; rejected lines are
    /// skipped), sorted by time; fixes with equal times keep their file order.
    /// </summary>
    public static IReadOnlyList<Fix> ReadFixes(IEnumerable<string> pltFiles)
    {
        ArgumentNullException.ThrowIfNull(pltFiles);
        var fixes = new List<Fix>();
        foreach (var path in pltFiles)
        {
            using var stream = File.OpenRead(path);
            foreach (var record in LocationFileReader.Read(stream, FileFormat.GeoLifePlt))
            {
                if (record.Kind == ImportRecordKind.Fix)
                {
                    fixes.Add(record.Fix);
                }
            }
        }

        return [.. fixes.OrderBy(f => f.TimestampMs)];
    }

    /// <summary>The GPS coverage of a user's trajectories (<see cref="GpsCoverage.FromTimestamps"/>).</summary>
    public static GpsCoverage ReadCoverage(GeoLifeUser user, TimeSpan? maxGap = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        return GpsCoverage.FromTimestamps(ReadFixes(user.PltFiles).Select(f => f.TimestampMs), maxGap);
    }

    private static bool IsUserFolder(string directory) =>
        Directory.Exists(Path.Combine(directory, TrajectoryFolderName))
        && (File.Exists(Path.Combine(directory, LabelsFileName)) || File.Exists(Path.Combine(directory, WalkRemovedLabelsFileName)));
}
