using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class PoiCategoriesTests
{
    private static IReadOnlyList<string>? Of(params (string Key, string Value)[] tags) =>
        PoiCategories.Of(k => tags.FirstOrDefault(t => t.Key == k).Value);

    [Fact]
    public void KnownValues_GetTheirHierarchyBroadToSpecific()
    {
        Assert.Equal(["shop", "food", "grocery", "supermarket"], Of(("shop", "supermarket")));
        Assert.Equal(["office", "private", "company"], Of(("office", "company")));
    }

    [Fact]
    public void UnknownValues_AreKeyThenValue() => Assert.Equal(["shop", "bicycle"], Of(("shop", "bicycle")));

    [Fact]
    public void AmenityTakesPrecedenceOverShop() => Assert.Equal(["amenity", "food", "cafe"], Of(("shop", "coffee"), ("amenity", "cafe")));

    [Fact]
    public void ElementsWithoutPoiKeys_AreNoPois() => Assert.Null(Of(("highway", "residential"), ("name", "Main Street")));

    [Fact]
    public void AShopTaggedNo_IsNoPoi() => Assert.Null(Of(("shop", "no")));
}
