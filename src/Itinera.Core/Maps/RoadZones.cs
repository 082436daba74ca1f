namespace Itinera.Core.Maps;

/// <summary>
/// The driving zones of the platform's car_behavior aggregates. <c>motorway</c>: motorways, their links, and trunk
/// roads limited to 90 km/h or more; <c>city</c>: other roads limited to 60 km/h or less (or residential classes);
/// <c>non_city</c>: the rest. The platform does not publish its rule; this one is documented in docs/maps.md.
/// </summary>
public static class RoadZones
{
    public const string Motorway = "motorway";
    public const string City = "city";
    public const string NonCity = "non_city";

    /// <summary>The zone of a road of class <paramref name="highway"/> with the given limit.</summary>
    public static string Of(string highway, int? speedLimitKmh) => highway switch
    {
        "motorway" or "motorway_link" => Motorway,
        "trunk" or "trunk_link" when speedLimitKmh is null or >= 90 => Motorway,
        "residential" or "living_street" or "service" or "pedestrian" => City,
        _ when speedLimitKmh is <= 60 => City,
        _ => NonCity,
    };
}
