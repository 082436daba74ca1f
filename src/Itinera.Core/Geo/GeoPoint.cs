namespace Itinera.Core.Geo;

/// <summary>A position on the WGS 84 ellipsoid, in decimal degrees (latitude north, longitude east).</summary>
/// <param name="Latitude">Degrees in [-90, 90].</param>
/// <param name="Longitude">Degrees, normally in [-180, 180].</param>
public readonly record struct GeoPoint(double Latitude, double Longitude);
