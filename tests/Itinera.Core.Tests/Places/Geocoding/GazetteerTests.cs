using Itinera.Core.Geo;
using Itinera.Core.Places.Geocoding;

namespace Itinera.Core.Tests.Places.Geocoding;

public sealed class GazetteerTests
{
    [Fact]
    public void Loads_every_place_of_cities15000()
    {
        var gazetteer = GazetteerData.Instance;
        Assert.Equal(32_847, gazetteer.Count);
        Assert.Equal(32_847, gazetteer.Places.Count);
        Assert.All(gazetteer.Places, place => Assert.NotNull(place.TimeZoneId));
        Assert.All(gazetteer.Places, place => Assert.NotNull(place.CountryName));
        Assert.Equal(32_745, gazetteer.Places.Count(place => place.Admin1Name is not null));

        // The documented split of cities15000 by CityType.
        Assert.Equal(5_960, gazetteer.Places.Count(place => place.CityType == CityTypes.City));
        Assert.Equal(26_883, gazetteer.Places.Count(place => place.CityType == CityTypes.Town));
        Assert.Equal(4, gazetteer.Places.Count(place => place.CityType == CityTypes.Village));
    }

    [Fact]
    public void Brussels_centre_is_Brussels_Belgium()
    {
        var place = GazetteerData.Instance.Nearest(50.8467, 4.3525, Gazetteer.DefaultMaxDistanceMeters, out var distance);
        Assert.NotNull(place);
        Assert.Equal("Brussels", place.Name);
        Assert.Equal("BE", place.CountryCode);
        Assert.Equal("Belgium", place.CountryName);
        Assert.Equal("Brussels Capital", place.Admin1Name);
        Assert.Equal("PPLC", place.FeatureCode);
        Assert.Equal(CityTypes.City, place.CityType);
        Assert.Equal("Europe/Brussels", place.TimeZoneId);
        Assert.InRange(distance, 400, 600);
    }

    [Fact]
    public void Beijing_is_Beijing_China_in_Asia_Shanghai()
    {
        var place = GazetteerData.Instance.Nearest(39.9, 116.4);
        Assert.NotNull(place);
        Assert.Equal("Beijing", place.Name);
        Assert.Equal("China", place.CountryName);
        Assert.Equal("CN", place.CountryCode);
        Assert.Equal("Asia/Shanghai", place.TimeZoneId);
        Assert.Equal(CityTypes.City, place.CityType);
        Assert.Equal("Asia/Shanghai", GazetteerData.Instance.TimeZoneAt(39.9, 116.4));
    }

    [Fact]
    public void Helsinki_is_Helsinki_in_Europe_Helsinki()
    {
        var place = GazetteerData.Instance.Nearest(60.17, 24.94);
        Assert.NotNull(place);
        Assert.Equal("Helsinki", place.Name);
        Assert.Equal("Finland", place.CountryName);
        Assert.Equal("Uusimaa", place.Admin1Name);
        Assert.Equal("Europe/Helsinki", place.TimeZoneId);
        Assert.Equal("Europe/Helsinki", GazetteerData.Instance.TimeZoneAt(60.17, 24.94));
    }

    [Fact]
    public void Curitiba_is_Curitiba_in_America_Sao_Paulo()
    {
        var place = GazetteerData.Instance.Nearest(-25.43, -49.27);
        Assert.NotNull(place);
        Assert.Equal("Curitiba", place.Name);
        Assert.Equal("Brazil", place.CountryName);
        Assert.Equal("Paraná", place.Admin1Name);
        Assert.Equal("Curitiba", place.AsciiName);
        Assert.Equal("PPLA", place.FeatureCode);
        Assert.Equal("America/Sao_Paulo", place.TimeZoneId);
        Assert.Equal("America/Sao_Paulo", GazetteerData.Instance.TimeZoneAt(-25.43, -49.27));
    }

    [Theory]
    [InlineData(30.0, -40.0)]
    [InlineData(0.0, -20.0)]
    [InlineData(-45.0, -120.0)]
    [InlineData(89.9, 0.0)]
    [InlineData(-89.9, 45.0)]
    public void Open_sea_and_poles_have_no_place_and_no_time_zone(double latitude, double longitude)
    {
        Assert.Null(GazetteerData.Instance.Nearest(latitude, longitude));
        Assert.Null(GazetteerData.Instance.TimeZoneAt(latitude, longitude));
    }

    [Fact]
    public void Time_zone_reaches_300_km_but_an_address_only_30_km()
    {
        // The middle of the Gulf of Bothnia: Rauma, the nearest place, is 115 km away.
        Assert.Null(GazetteerData.Instance.Nearest(61.5, 19.5));
        Assert.Equal("Rauma", GazetteerData.Instance.Nearest(61.5, 19.5, 200_000)?.Name);
        Assert.Equal("Europe/Helsinki", GazetteerData.Instance.TimeZoneAt(61.5, 19.5));
    }

    [Fact]
    public void TryLoad_without_a_folder_gives_null()
    {
        Assert.Null(Gazetteer.TryLoad(null));
        Assert.Null(Gazetteer.TryLoad(""));
        Assert.Null(Gazetteer.TryLoad(Path.Combine(Path.GetTempPath(), "itinera-no-such-gazetteer-" + Guid.NewGuid().ToString("N"))));
    }

    [Fact]
    public void TryLoad_of_the_real_folder_loads()
    {
        var gazetteer = Gazetteer.TryLoad(GazetteerData.Folder);
        Assert.NotNull(gazetteer);
        Assert.Equal(32_847, gazetteer.Count);
    }

    [Fact]
    public void Load_of_a_folder_without_the_zip_names_the_missing_file()
    {
        var folder = Directory.CreateTempSubdirectory("itinera-gazetteer-");
        try
        {
            File.Copy(Path.Combine(GazetteerData.Folder, Gazetteer.CountriesFileName), Path.Combine(folder.FullName, Gazetteer.CountriesFileName));
            File.Copy(Path.Combine(GazetteerData.Folder, Gazetteer.RegionsFileName), Path.Combine(folder.FullName, Gazetteer.RegionsFileName));
            var error = Assert.Throws<FileNotFoundException>(() => Gazetteer.Load(folder.FullName));
            Assert.Contains("cities15000.zip", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("countryInfo.tsv,", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("cities15000.zip", error.FileName, StringComparison.Ordinal);

            // An existing but incomplete folder is a configuration error, not "no gazetteer".
            Assert.Throws<FileNotFoundException>(() => Gazetteer.TryLoad(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_of_a_missing_folder_throws()
    {
        var missing = Path.Combine(Path.GetTempPath(), "itinera-no-such-gazetteer-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<DirectoryNotFoundException>(() => Gazetteer.Load(missing));
    }

    [Fact]
    public void Invalid_coordinates_are_rejected()
    {
        var gazetteer = GazetteerData.Instance;
        Assert.Throws<ArgumentOutOfRangeException>(() => gazetteer.Nearest(91, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => gazetteer.Nearest(double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => gazetteer.Nearest(0, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => gazetteer.Nearest(0, 0, -1));
    }

    [Fact]
    public void Nearest_agrees_with_a_brute_force_scan()
    {
        var gazetteer = GazetteerData.Instance;
        var places = gazetteer.Places;
        var random = new Random(42);
        var radii = new[] { 0.0, 1_000, 30_000, 300_000, 2_000_000 };
        for (var i = 0; i < 800; i++)
        {
            double latitude;
            double longitude;
            if (i % 2 == 0)
            {
                // Near a real place: dense areas, the typical case.
                var anchor = places[random.Next(places.Count)];
                var moved = GeoMath.Destination(anchor.Latitude, anchor.Longitude, random.NextDouble() * 360, random.NextDouble() * 40_000);
                (latitude, longitude) = (moved.Latitude, moved.Longitude);
            }
            else
            {
                latitude = Math.Asin(random.NextDouble() * 2 - 1) * 180 / Math.PI;
                longitude = random.NextDouble() * 360 - 180;
            }

            var radius = radii[i % radii.Length];
            var found = gazetteer.Nearest(latitude, longitude, radius, out var distance);

            var (expected, expectedDistance) = BruteForceNearest(places, latitude, longitude);

            if (expectedDistance > radius)
            {
                Assert.Null(found);
                continue;
            }

            Assert.NotNull(found);
            Assert.True(
                Math.Abs(distance - expectedDistance) < 1e-6,
                $"({latitude}, {longitude}) r={radius}: found {found.Name} at {distance} m, expected {expected!.Name} at {expectedDistance} m");
        }
    }

    [Fact]
    public void Synthetic_places_across_the_antimeridian_and_near_the_poles_are_found()
    {
        var gazetteer = Gazetteer.FromPlaces(
        [
            Place(1, "East", 0, 179.95),
            Place(2, "Polar", 89.9, 0),
            Place(3, "South", -89.95, 120),
        ]);

        var east = gazetteer.Nearest(0, -179.95, 30_000, out var eastDistance);
        Assert.Equal("East", east?.Name);
        Assert.Equal(0.1 * GeoMath.MetersPerDegreeLatitude, eastDistance, 3);

        // Across the pole: the place at longitude 0 is 0.2° of meridian away from longitude 180.
        var polar = gazetteer.Nearest(89.9, 180, 30_000, out var polarDistance);
        Assert.Equal("Polar", polar?.Name);
        Assert.Equal(0.2 * GeoMath.MetersPerDegreeLatitude, polarDistance, 3);

        Assert.Equal("South", gazetteer.Nearest(-89.95, -60, 30_000)?.Name);
        Assert.Equal("Zone/3", gazetteer.TimeZoneAt(-89.0, 0));
        Assert.Null(gazetteer.Nearest(45, 45, 30_000));
        Assert.Equal("Zone/2", gazetteer.Nearest(45, 45, double.PositiveInfinity)?.TimeZoneId);

        var empty = Gazetteer.FromPlaces([]);
        Assert.Equal(0, empty.Count);
        Assert.Null(empty.Nearest(45, 45, double.PositiveInfinity));
        Assert.Null(empty.TimeZoneAt(45, 45));
    }

    [Theory]
    [InlineData("PPLC", 2_035, "city")]
    [InlineData("PPL", 100_000, "city")]
    [InlineData("PPLA", 99_999, "town")]
    [InlineData("PPL", 15_000, "town")]
    [InlineData("PPLX", 14_999, "village")]
    [InlineData("PPLG", 63, "village")]
    public void City_type_follows_the_documented_rule(string featureCode, long population, string expected) =>
        Assert.Equal(expected, CityTypes.Classify(featureCode, population));

    private static (GazetteerPlace? Place, double DistanceMeters) BruteForceNearest(
        IReadOnlyList<GazetteerPlace> places,
        double latitude,
        double longitude)
    {
        // Plain haversine over every place, comparing the haversine term and converting only the winner to metres.
        var phi = latitude * Math.PI / 180;
        var cosPhi = Math.Cos(phi);
        GazetteerPlace? nearest = null;
        var nearestHaversine = double.PositiveInfinity;
        foreach (var place in places)
        {
            var phiPlace = place.Latitude * Math.PI / 180;
            var sinHalfDeltaPhi = Math.Sin((phiPlace - phi) / 2);
            var sinHalfDeltaLambda = Math.Sin((place.Longitude - longitude) * Math.PI / 360);
            var haversine = sinHalfDeltaPhi * sinHalfDeltaPhi + cosPhi * Math.Cos(phiPlace) * sinHalfDeltaLambda * sinHalfDeltaLambda;
            if (haversine < nearestHaversine)
            {
                nearestHaversine = haversine;
                nearest = place;
            }
        }

        return nearest is null
            ? (null, double.PositiveInfinity)
            : (nearest, GeoMath.DistanceMeters(latitude, longitude, nearest.Latitude, nearest.Longitude));
    }

    private static GazetteerPlace Place(int id, string name, double latitude, double longitude) =>
        new(id, name, name, "XX", null, null, 20_000, "PPL", "Zone/" + id, latitude, longitude, CityTypes.Town);
}
