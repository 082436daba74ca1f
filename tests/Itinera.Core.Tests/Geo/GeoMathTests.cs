using Itinera.Core.Geo;

namespace Itinera.Core.Tests.Geo;

public sealed class GeoMathTests
{
    [Fact]
    public void Distance_matches_known_great_circle_lengths()
    {
        // Quarter and half of a great circle of the mean sphere.
        Assert.Equal(Math.PI * GeoMath.EarthRadiusMeters / 2, GeoMath.DistanceMeters(0, 0, 0, 90), 6);
        Assert.Equal(Math.PI * GeoMath.EarthRadiusMeters, GeoMath.DistanceMeters(0, 0, 0, 180), 6);
        Assert.Equal(Math.PI * GeoMath.EarthRadiusMeters / 2, GeoMath.DistanceMeters(0, 0, 90, 0), 6);
        Assert.Equal(GeoMath.MetersPerDegreeLatitude, GeoMath.DistanceMeters(10, 20, 11, 20), 6);

        // London → Paris on the 6,371,008.8 m sphere.
        Assert.Equal(343_556.53, GeoMath.DistanceMeters(51.5074, -0.1278, 48.8566, 2.3522), 1);
        Assert.Equal(0, GeoMath.DistanceMeters(new GeoPoint(50.8467, 4.3525), new GeoPoint(50.8467, 4.3525)));
        Assert.Equal(
            GeoMath.DistanceMeters(60.17, 24.94, 39.9, 116.4),
            GeoMath.DistanceMeters(39.9, 116.4, 60.17, 24.94),
            6);

        // Across the antimeridian: 0.2° of equator.
        Assert.Equal(0.2 * GeoMath.MetersPerDegreeLatitude, GeoMath.DistanceMeters(0, 179.9, 0, -179.9), 3);
    }

    [Fact]
    public void Meters_per_degree()
    {
        Assert.Equal(111_195.08, GeoMath.MetersPerDegreeLatitude, 2);
        Assert.Equal(GeoMath.MetersPerDegreeLatitude, GeoMath.MetersPerDegreeLongitude(0), 9);
        Assert.Equal(GeoMath.MetersPerDegreeLatitude / 2, GeoMath.MetersPerDegreeLongitude(60), 6);
        Assert.Equal(0, GeoMath.MetersPerDegreeLongitude(90), 6);
    }

    [Fact]
    public void Approx_distance_is_within_half_a_percent_under_100_km_up_to_85_degrees()
    {
        var random = new Random(20_240_611);
        var worst = 0.0;
        for (var i = 0; i < 200_000; i++)
        {
            var from = new GeoPoint(random.NextDouble() * 170 - 85, random.NextDouble() * 360 - 180);
            var to = GeoMath.Destination(from, random.NextDouble() * 360, 1 + random.NextDouble() * 99_999);
            if (Math.Abs(to.Latitude) > 85)
            {
                continue;
            }

            var exact = GeoMath.DistanceMeters(from, to);
            var error = Math.Abs(GeoMath.ApproxDistanceMeters(from, to) - exact) / exact;
            worst = Math.Max(worst, error);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"worst relative error of ApproxDistanceMeters: {worst:P4}");
        Assert.True(worst < 0.005, $"worst relative error {worst:P4}");
        Assert.Equal(0.2 * GeoMath.MetersPerDegreeLatitude, GeoMath.ApproxDistanceMeters(0, 179.9, 0, -179.9), 3);
        Assert.Equal(0.2 * GeoMath.MetersPerDegreeLatitude, GeoMath.ApproxDistanceMeters(0, -179.9, 0, 179.9), 3);
    }

    [Fact]
    public void Bearing_is_clockwise_from_north_in_0_360()
    {
        var origin = new GeoPoint(0, 0);
        Assert.Equal(0, GeoMath.BearingDegrees(origin, new GeoPoint(1, 0)), 9);
        Assert.Equal(90, GeoMath.BearingDegrees(origin, new GeoPoint(0, 1)), 9);
        Assert.Equal(180, GeoMath.BearingDegrees(origin, new GeoPoint(-1, 0)), 9);
        Assert.Equal(270, GeoMath.BearingDegrees(origin, new GeoPoint(0, -1)), 9);
        Assert.Equal(0, GeoMath.BearingDegrees(origin, origin));
        Assert.Equal(148.1156, GeoMath.BearingDegrees(51.5074, -0.1278, 48.8566, 2.3522), 3);

        // Eastwards across the antimeridian.
        Assert.Equal(90, GeoMath.BearingDegrees(new GeoPoint(0, 179.9), new GeoPoint(0, -179.9)), 9);

        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var bearing = GeoMath.BearingDegrees(
                random.NextDouble() * 180 - 90,
                random.NextDouble() * 360 - 180,
                random.NextDouble() * 180 - 90,
                random.NextDouble() * 360 - 180);
            Assert.InRange(bearing, 0, 360 - 1e-12);
        }
    }

    [Fact]
    public void Destination_inverts_distance_and_bearing()
    {
        var random = new Random(11);
        for (var i = 0; i < 10_000; i++)
        {
            var from = new GeoPoint(random.NextDouble() * 160 - 80, random.NextDouble() * 360 - 180);
            var bearing = random.NextDouble() * 360;
            var distance = random.NextDouble() * 1_000_000;
            var to = GeoMath.Destination(from, bearing, distance);
            Assert.InRange(to.Longitude, -180, 180 - 1e-12);
            Assert.Equal(distance, GeoMath.DistanceMeters(from, to), 4);
            if (distance > 1)
            {
                var back = GeoMath.BearingDegrees(from, to);
                var difference = Math.Abs(back - bearing);
                Assert.True(Math.Min(difference, 360 - difference) < 1e-6, $"bearing {bearing} came back as {back}");
            }
        }

        var east = GeoMath.Destination(0, 179.9, 90, 0.2 * GeoMath.MetersPerDegreeLatitude);
        Assert.Equal(0, east.Latitude, 9);
        Assert.Equal(-179.9, east.Longitude, 9);
        var north = GeoMath.Destination(50, 4, 0, GeoMath.MetersPerDegreeLatitude);
        Assert.Equal(51, north.Latitude, 9);
        Assert.Equal(4, north.Longitude, 9);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(179.5, 179.5)]
    [InlineData(180, -180)]
    [InlineData(-180, -180)]
    [InlineData(190, -170)]
    [InlineData(-190, 170)]
    [InlineData(540, -180)]
    [InlineData(-721, -1)]
    public void NormalizeLongitude_wraps_into_minus_180_to_180(double longitude, double expected) =>
        Assert.Equal(expected, GeoMath.NormalizeLongitude(longitude), 9);
}
