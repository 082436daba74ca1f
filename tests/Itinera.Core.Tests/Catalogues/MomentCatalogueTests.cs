using System.Text.RegularExpressions;
using Itinera.Core.Catalogues;

namespace Itinera.Core.Tests.Catalogues;

public sealed class MomentCatalogueTests
{
    [Fact]
    public void All_ContainsEveryMomentIdOfThePlatformNotes()
    {
        var ids = PlatformNotes.MomentIds();

        // Guards against a parser that silently finds nothing after an edit of the notes.
        Assert.True(ids.Count >= 30, $"Only {ids.Count} moment ids were parsed from §5.6 of the platform notes.");
        var missing = ids.Where(id => !MomentCatalogue.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Missing moment ids: " + string.Join(", ", missing));
    }

    [Fact]
    public void All_ContainsNoIdOutsideThePlatformNotes()
    {
        var documented = PlatformNotes.MomentIds();

        var undocumented = MomentCatalogue.All.Select(d => d.Id).Where(id => !documented.Contains(id)).ToList();

        Assert.True(undocumented.Count == 0, "Ids not in §5.6: " + string.Join(", ", undocumented));
    }

    [Theory]
    [InlineData("commute_from_work")]
    [InlineData("commute_from_home")]
    [InlineData("working_at_work")]
    public void All_ContainsTheSeedExampleIds(string id)
    {
        Assert.True(MomentCatalogue.Contains(id));
        Assert.NotNull(MomentCatalogue.Find(id));
    }

    [Fact]
    public void Ids_AreUnique()
    {
        var duplicates = MomentCatalogue.All.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryDescription_IsNonEmptyAndEndsWithAPeriod()
    {
        Assert.All(MomentCatalogue.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Id);
            Assert.EndsWith(".", d.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryDisplayName_IsNonEmpty()
    {
        Assert.All(MomentCatalogue.All, d => Assert.False(string.IsNullOrWhiteSpace(d.DisplayName), d.Id));
    }

    [Fact]
    public void EveryCategory_IsOneOfTheKnownCategories()
    {
        string[] known = ["about_to_routine", "activity", "geography", "location", "semantic_time", "travel"];

        Assert.All(MomentCatalogue.All, d => Assert.Contains(d.Category, known));
    }

    [Fact]
    public void All_IsOrderedByCategory()
    {
        var categories = MomentCatalogue.All.Select(d => d.Category).ToList();

        Assert.Equal(categories.Order(StringComparer.Ordinal), categories);
    }

    [Fact]
    public void CommuteDisplayNames_NameTheDestinationNotTheOrigin()
    {
        Assert.Equal("Commute to home", MomentCatalogue.Find("commute_from_work")?.DisplayName);
        Assert.Equal("Commute to work", MomentCatalogue.Find("commute_from_home")?.DisplayName);
    }

    [Fact]
    public void NearbyMoments_AreInTheGeographyCategory()
    {
        Assert.All(
            new[] { "nearby_poi", "nearby_home", "nearby_work" },
            id => Assert.Equal("geography", MomentCatalogue.Find(id)?.Category));
    }

    [Fact]
    public void Find_ReturnsNullForAnUnknownId()
    {
        Assert.Null(MomentCatalogue.Find("no_such_moment"));
        Assert.False(MomentCatalogue.Contains("no_such_moment"));
    }

    [Fact]
    public void Find_IsCaseSensitive()
    {
        Assert.Null(MomentCatalogue.Find("HOME"));
    }
}

/// <summary>
/// Reads the ids listed in <c>shared/reference/platform-notes.md</c>, which lives beside the repository
/// (found by walking up from the test output directory). Shared by the catalogue tests.
/// </summary>
internal static partial class PlatformNotes
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Locate()));

    /// <summary>Every backticked id on the list lines of §5.6 (moment definitions).</summary>
    public static HashSet<string> MomentIds() =>
        Section(line => line.StartsWith("### 5.6", StringComparison.Ordinal), level: "#")
            .Where(line => line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .SelectMany(line => BacktickedWord().Matches(line).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every distinct dotted id on the lines starting with "- `" in Appendix B and its sub-sections.</summary>
    public static HashSet<string> SegmentIds() =>
        Section(line => line.StartsWith("## Appendix B", StringComparison.Ordinal), level: "## ")
            .Select(line => SegmentListLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The lines after the heading matched by <paramref name="isStart"/> up to the next heading starting with <paramref name="level"/>.</summary>
    private static IEnumerable<string> Section(Func<string, bool> isStart, string level)
    {
        var start = Array.FindIndex(Lines.Value, line => isStart(line));
        Assert.True(start >= 0, "Section heading not found in platform-notes.md.");
        return Lines.Value.Skip(start + 1).TakeWhile(line => !line.StartsWith(level, StringComparison.Ordinal));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "platform-notes.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "shared/reference/platform-notes.md was not found in any ancestor of " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex BacktickedWord();

    [GeneratedRegex(@"^- `([a-z_]+(?:\.[a-z_]+)+)`")]
    private static partial Regex SegmentListLine();
}
