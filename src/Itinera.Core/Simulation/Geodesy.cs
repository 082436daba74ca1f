namespace Itinera.Core.Simulation;

/// <summary>
/// Flat-earth geometry good to well under 0.1 % over the few tens of kilometres of a synthetic region: an
/// equirectangular projection around a reference latitude. Distances are metres, angles degrees.
/// </summary>
internal static class Geodesy
{
    /// <summary>Metres per degree of latitude (mean).</summary>
    public const double MetersPerDegreeLatitude = 111_195.0;

    /// <summary>Metres per degree of longitude at <paramref name="latitude"/>.</summary>
    public static double MetersPerDegreeLongitude(double latitude) =>
        MetersPerDegreeLatitude * Math.Cos(latitude * Math.PI / 180);

    /// <summary>Distance in metres between two points (equirectangular at their mean latitude).</summary>
    public static double DistanceMeters(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var dy = (latitude2 - latitude1) * MetersPerDegreeLatitude;
        var dx = (longitude2 - longitude1) * MetersPerDegreeLongitude((latitude1 + latitude2) / 2);
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Initial bearing in degrees clockwise from north in [0, 360).</summary>
    public static double BearingDegrees(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var dy = (latitude2 - latitude1) * MetersPerDegreeLatitude;
        var dx = (longitude2 - longitude1) * MetersPerDegreeLongitude((latitude1 + latitude2) / 2);
        var bearing = Math.Atan2(dx, dy) * 180 / Math.PI;
        return bearing < 0 ? bearing + 360 : bearing;
    }

    /// <summary>Signed change of heading in degrees in (-180, 180]; positive is a right turn.</summary>
    public static double TurnDegrees(double bearingIn, double bearingOut)
    {
        var turn = bearingOut - bearingIn;
        while (turn > 180)
        {
            turn -= 360;
        }

        while (turn <= -180)
        {
            turn += 360;
        }

        return turn;
    }
}
