using Itinera.Core.Catalogues;

namespace Itinera.Core.Tests.Catalogues;

public sealed class SegmentCatalogueTests
{
    [Fact]
    public void All_ContainsEverySegmentIdOfAppendixB()
    {
        var ids = PlatformNotes.SegmentIds();

        // Guards against a parser that silently finds nothing after an edit of the notes.
        Assert.True(ids.Count >= 150, $"Only {ids.Count} segment ids were parsed from Appendix B of the platform notes.");
        var missing = ids.Where(id => !SegmentCatalogue.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Missing segment ids: " + string.Join(", ", missing));
    }

    [Fact]
    public void All_ContainsNoIdOutsideAppendixB()
    {
        var documented = PlatformNotes.SegmentIds();

        var undocumented = SegmentCatalogue.All.Select(d => d.Id).Where(id => !documented.Contains(id)).ToList();

        Assert.True(undocumented.Count == 0, "Ids not in Appendix B: " + string.Join(", ", undocumented));
    }

    [Theory]
    [InlineData("lifestyle.culture_buff")]
    [InlineData("lifestyle.resto_lover")]
    [InlineData("lifestyle.sportive")]
    [InlineData("lifestyle.brand_loyalty.supermarket")]
    [InlineData("mobility.long_commuter")]
    public void All_ContainsTheSeedExampleIds(string id)
    {
        Assert.True(SegmentCatalogue.Contains(id));
        Assert.NotNull(SegmentCatalogue.Find(id));
    }

    [Fact]
    public void Ids_AreUnique()
    {
        var duplicates = SegmentCatalogue.All.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryDescription_IsNonEmptyAndEndsWithAPeriod()
    {
        Assert.All(SegmentCatalogue.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Id);
            Assert.EndsWith(".", d.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryDisplayName_IsNonEmpty()
    {
        Assert.All(SegmentCatalogue.All, d => Assert.False(string.IsNullOrWhiteSpace(d.DisplayName), d.Id));
    }

    [Fact]
    public void Category_IsTheFirstPartOfTheId()
    {
        Assert.All(SegmentCatalogue.All, d => Assert.Equal(d.Id.Split('.')[0], d.Category));
    }

    [Fact]
    public void Subcategory_IsTheSecondPartOnlyWhenTheIdHasAtLeastThreeParts()
    {
        Assert.All(SegmentCatalogue.All, d =>
        {
            var parts = d.Id.Split('.');
            Assert.Equal(parts.Length >= 3 ? parts[1] : null, d.Subcategory);
        });
    }

    [Theory]
    [InlineData("lifestyle.culture_buff", "lifestyle", null)]
    [InlineData("lifestyle.brand_loyalty.supermarket", "lifestyle", "brand_loyalty")]
    [InlineData("mobility.commute.long_commuter", "mobility", "commute")]
    [InlineData("other.geography.home.antwerp", "other", "geography")]
    public void Find_ReturnsTheCategoryAndSubcategoryOfTheId(string id, string category, string? subcategory)
    {
        var definition = SegmentCatalogue.Find(id);

        Assert.NotNull(definition);
        Assert.Equal(category, definition.Category);
        Assert.Equal(subcategory, definition.Subcategory);
    }

    [Fact]
    public void All_IsOrderedByCategory()
    {
        var categories = SegmentCatalogue.All.Select(d => d.Category).ToList();

        Assert.Equal(categories.Order(StringComparer.Ordinal), categories);
    }

    [Fact]
    public void Find_ReturnsNullForAnUnknownId()
    {
        Assert.Null(SegmentCatalogue.Find("lifestyle.no_such_segment"));
        Assert.False(SegmentCatalogue.Contains("lifestyle.no_such_segment"));
    }
}
