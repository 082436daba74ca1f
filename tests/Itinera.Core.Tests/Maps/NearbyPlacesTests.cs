using Itinera.Core.Geo;
using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class NearbyPlacesTests
{
    private static MapPoi Poi(string id, double northMeters, string? name, params string[] categories) =>
        new(id, 60 + northMeters / GeoMath.MetersPerDegreeLatitude, 25, name, categories);

    [Fact]
    public void TheNearestNamedPoi_IsTheStaysPlace()
    {
        var place = NearbyPlaces.At([Poi("a", 40, "Far Cafe", "amenity", "food", "cafe"), Poi("b", 10, "Near Office", "office", "private", "company")], 60, 25);
        Assert.Equal("Near Office", place!.Name);
        Assert.Equal(["office", "private", "company"], place.Categories);
    }

    [Fact]
    public void ANamedPoi_WinsOverACloserUnnamedOne()
    {
        var place = NearbyPlaces.At([Poi("a", 5, null, "leisure", "outdoor", "park"), Poi("b", 30, "Kiosk", "shop", "kiosk")], 60, 25);
        Assert.Equal("Kiosk", place!.Name);
    }

    [Fact]
    public void NoPoiWithinSixtyMetres_MeansNoPlace() =>
        Assert.Null(NearbyPlaces.At([Poi("a", 80, "Museum", "tourism", "culture", "museum")], 60, 25));
}
