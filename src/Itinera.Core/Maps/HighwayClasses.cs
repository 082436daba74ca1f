namespace Itinera.Core.Maps;

/// <summary>The OSM <c>highway=*</c> values that vehicles drive on (and so take part in map matching).</summary>
public static class HighwayClasses
{
    private static readonly HashSet<string> Drivable = new(StringComparer.Ordinal)
    {
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
        "tertiary", "tertiary_link", "unclassified", "residential", "living_street", "service", "road", "busway",
    };

    /// <summary>Whether a way with this <c>highway</c> value is a road for cars, buses or motorcycles.</summary>
    public static bool IsDrivable(string? highway) => highway is not null && Drivable.Contains(highway);

    /// <summary>Whether a road class is one-way by definition (motorways and their links).</summary>
    public static bool IsImplicitlyOneway(string highway) => highway is "motorway" or "motorway_link";
}
