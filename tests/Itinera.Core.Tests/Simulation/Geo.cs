namespace Itinera.Core.Tests.Simulation;

/// <summary>Great-circle distance for assertions, independent of the simulator's own geometry.</summary>
internal static class Geo
{
    public static double Meters(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        const double EarthRadius = 6_371_008.8;
        var phi1 = latitude1 * Math.PI / 180;
        var phi2 = latitude2 * Math.PI / 180;
        var dPhi = phi2 - phi1;
        var dLambda = (longitude2 - longitude1) * Math.PI / 180;
        var a = Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2) + Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2);
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
