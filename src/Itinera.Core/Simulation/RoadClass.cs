namespace Itinera.Core.Simulation;

/// <summary>Road classes of the synthetic city, mirroring OSM <c>highway=*</c> values.</summary>
public enum RoadClass
{
    /// <summary><c>highway=motorway</c>: cars only, 120 km/h.</summary>
    Motorway,
    /// <summary><c>highway=primary</c>: 70 km/h in the city ring and arterials, 90 km/h between towns.</summary>
    Primary,
    /// <summary><c>highway=secondary</c>: 50 km/h.</summary>
    Secondary,
    /// <summary><c>highway=tertiary</c>: 50 km/h.</summary>
    Tertiary,
    /// <summary><c>highway=residential</c>: 30 km/h.</summary>
    Residential,
    /// <summary><c>highway=service</c>: parking and access roads, 20 km/h.</summary>
    Service,
}

/// <summary>OSM names and default speed limits of <see cref="RoadClass"/> values.</summary>
public static class RoadClasses
{
    /// <summary>Every road class, from the fastest to the slowest.</summary>
    public static IReadOnlyList<RoadClass> All { get; } =
        [RoadClass.Motorway, RoadClass.Primary, RoadClass.Secondary, RoadClass.Tertiary, RoadClass.Residential, RoadClass.Service];

    /// <summary>The OSM <c>highway</c> tag value, e.g. <c>residential</c>.</summary>
    public static string ToOsmValue(this RoadClass roadClass) => roadClass switch
    {
        RoadClass.Motorway => "motorway",
        RoadClass.Primary => "primary",
        RoadClass.Secondary => "secondary",
        RoadClass.Tertiary => "tertiary",
        RoadClass.Residential => "residential",
        RoadClass.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(roadClass), roadClass, "Unknown road class."),
    };

    /// <summary>The default <c>maxspeed</c> in km/h of a road of this class inside a built-up area.</summary>
    public static int DefaultMaxSpeedKmh(this RoadClass roadClass) => roadClass switch
    {
        RoadClass.Motorway => 120,
        RoadClass.Primary => 70,
        RoadClass.Secondary => 50,
        RoadClass.Tertiary => 50,
        RoadClass.Residential => 30,
        RoadClass.Service => 20,
        _ => throw new ArgumentOutOfRangeException(nameof(roadClass), roadClass, "Unknown road class."),
    };
}
