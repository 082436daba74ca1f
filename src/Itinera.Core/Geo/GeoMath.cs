namespace Itinera.Core.Geo;

/// <summary>
/// Spherical geometry on the mean Earth sphere (radius <see cref="EarthRadiusMeters"/>, the IUGG mean radius R1).
/// Latitudes and longitudes are decimal degrees, distances metres, bearings degrees clockwise from true north.
/// The sphere is within about 0.5 % of the WGS 84 ellipsoid for any distance, which is plenty for mobility analytics.
/// </summary>
public static class GeoMath
{
    /// <summary>Mean Earth radius (IUGG R1) in metres.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Length of one degree of latitude on the sphere, ≈ 111,195.08 m.</summary>
    public const double MetersPerDegreeLatitude = EarthRadiusMeters * Math.PI / 180;

    private const double RadiansPerDegree = Math.PI / 180;
    private const double DegreesPerRadian = 180 / Math.PI;

    /// <summary>Length of one degree of longitude at <paramref name="latitude"/> (degrees), in metres.</summary>
    public static double MetersPerDegreeLongitude(double latitude) =>
        MetersPerDegreeLatitude * Math.Cos(latitude * RadiansPerDegree);

    /// <summary>Great-circle distance in metres (haversine formula; exact on the sphere, stable for tiny distances).</summary>
    public static double DistanceMeters(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = latitude1 * RadiansPerDegree;
        var phi2 = latitude2 * RadiansPerDegree;
        var sinHalfDeltaPhi = Math.Sin((phi2 - phi1) / 2);
        var sinHalfDeltaLambda = Math.Sin((longitude2 - longitude1) * RadiansPerDegree / 2);
        var a = sinHalfDeltaPhi * sinHalfDeltaPhi + Math.Cos(phi1) * Math.Cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <inheritdoc cref="DistanceMeters(double, double, double, double)"/>
    public static double DistanceMeters(GeoPoint from, GeoPoint to) =>
        DistanceMeters(from.Latitude, from.Longitude, to.Latitude, to.Longitude);

    /// <summary>
    /// Fast distance in metres for hot loops: equirectangular projection at the mean latitude (one cosine, one square
    /// root, no inverse trigonometry). Against <see cref="DistanceMeters(double, double, double, double)"/> the relative
    /// error stays below 0.5 % for distances up to 100 km when both points lie within ±85° latitude (measured worst
    /// case ≈ 0.13 % at ±85°, ≈ 0.035 % at ±80°, ≈ 0.004 % at ±60°); it grows near the poles (≈ 0.8 % at ±88°) and
    /// with distance. The longitude difference is taken the short way round, so the antimeridian is handled.
    /// </summary>
    public static double ApproxDistanceMeters(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var deltaLongitude = longitude2 - longitude1;
        if (deltaLongitude > 180)
        {
            deltaLongitude -= 360;
        }
        else if (deltaLongitude < -180)
        {
            deltaLongitude += 360;
        }

        var x = deltaLongitude * Math.Cos((latitude1 + latitude2) * (RadiansPerDegree / 2));
        var y = latitude2 - latitude1;
        return MetersPerDegreeLatitude * Math.Sqrt(x * x + y * y);
    }

    /// <inheritdoc cref="ApproxDistanceMeters(double, double, double, double)"/>
    public static double ApproxDistanceMeters(GeoPoint from, GeoPoint to) =>
        ApproxDistanceMeters(from.Latitude, from.Longitude, to.Latitude, to.Longitude);

    /// <summary>
    /// Initial great-circle bearing from <paramref name="from"/> towards <paramref name="to"/>, in degrees clockwise
    /// from true north, in [0, 360). Identical points give 0.
    /// </summary>
    public static double BearingDegrees(GeoPoint from, GeoPoint to) =>
        BearingDegrees(from.Latitude, from.Longitude, to.Latitude, to.Longitude);

    /// <inheritdoc cref="BearingDegrees(GeoPoint, GeoPoint)"/>
    public static double BearingDegrees(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = latitude1 * RadiansPerDegree;
        var phi2 = latitude2 * RadiansPerDegree;
        var deltaLambda = (longitude2 - longitude1) * RadiansPerDegree;
        var y = Math.Sin(deltaLambda) * Math.Cos(phi2);
        var x = Math.Cos(phi1) * Math.Sin(phi2) - Math.Sin(phi1) * Math.Cos(phi2) * Math.Cos(deltaLambda);
        var bearing = Math.Atan2(y, x) * DegreesPerRadian;
        bearing = bearing < 0 ? bearing + 360 : bearing;
        return bearing >= 360 ? 0 : bearing;
    }

    /// <summary>
    /// The point reached by travelling <paramref name="distanceMeters"/> along a great circle from
    /// (<paramref name="latitude"/>, <paramref name="longitude"/>) with initial bearing <paramref name="bearingDegrees"/>.
    /// The returned longitude is normalised to [-180, 180).
    /// </summary>
    public static GeoPoint Destination(double latitude, double longitude, double bearingDegrees, double distanceMeters)
    {
        var delta = distanceMeters / EarthRadiusMeters;
        var theta = bearingDegrees * RadiansPerDegree;
        var phi1 = latitude * RadiansPerDegree;
        var lambda1 = longitude * RadiansPerDegree;
        var sinPhi2 = Math.Sin(phi1) * Math.Cos(delta) + Math.Cos(phi1) * Math.Sin(delta) * Math.Cos(theta);
        var phi2 = Math.Asin(Math.Clamp(sinPhi2, -1, 1));
        var lambda2 = lambda1 + Math.Atan2(
            Math.Sin(theta) * Math.Sin(delta) * Math.Cos(phi1),
            Math.Cos(delta) - Math.Sin(phi1) * sinPhi2);
        return new GeoPoint(phi2 * DegreesPerRadian, NormalizeLongitude(lambda2 * DegreesPerRadian));
    }

    /// <inheritdoc cref="Destination(double, double, double, double)"/>
    public static GeoPoint Destination(GeoPoint from, double bearingDegrees, double distanceMeters) =>
        Destination(from.Latitude, from.Longitude, bearingDegrees, distanceMeters);

    /// <summary>Wraps a longitude in degrees into [-180, 180).</summary>
    public static double NormalizeLongitude(double longitude)
    {
        if (longitude >= -180 && longitude < 180)
        {
            return longitude;
        }

        var wrapped = (longitude + 180) % 360;
        if (wrapped < 0)
        {
            wrapped += 360;
        }

        return wrapped - 180;
    }
}
