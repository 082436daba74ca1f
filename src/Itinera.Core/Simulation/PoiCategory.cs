namespace Itinera.Core.Simulation;

/// <summary>What a point of interest of the synthetic city is; each maps to one OSM tag.</summary>
public enum PoiCategory
{
    /// <summary><c>building=residential</c>: a home.</summary>
    Home,
    /// <summary><c>office=company</c>.</summary>
    Office,
    /// <summary><c>amenity=university</c>.</summary>
    University,
    /// <summary><c>amenity=hospital</c>: the workplace of night-shift workers.</summary>
    Hospital,
    /// <summary><c>amenity=restaurant</c> with a <c>cuisine</c>.</summary>
    Restaurant,
    /// <summary><c>amenity=cafe</c>.</summary>
    Cafe,
    /// <summary><c>amenity=bar</c>.</summary>
    Bar,
    /// <summary><c>amenity=fast_food</c>.</summary>
    FastFood,
    /// <summary><c>shop=supermarket</c> with a <c>brand</c>.</summary>
    Supermarket,
    /// <summary><c>shop=clothes</c>.</summary>
    Clothes,
    /// <summary><c>shop=bakery</c>.</summary>
    Bakery,
    /// <summary><c>leisure=fitness_centre</c>.</summary>
    FitnessCentre,
    /// <summary><c>leisure=sports_centre</c>.</summary>
    SportsCentre,
    /// <summary><c>leisure=park</c>.</summary>
    Park,
    /// <summary><c>tourism=museum</c>.</summary>
    Museum,
    /// <summary><c>tourism=hotel</c>: where holidays are spent.</summary>
    Hotel,
    /// <summary><c>leisure=beach_resort</c>.</summary>
    Beach,
}

/// <summary>The parts of the synthetic region.</summary>
public enum CityArea
{
    /// <summary>The main city, a few kilometres across, around the configured centre.</summary>
    City,
    /// <summary>A smaller town 25–35 km away, linked by motorway, a rural road and the railway.</summary>
    Town,
    /// <summary>A seaside resort about 100 km away, for holidays and unusually long trips.</summary>
    Coast,
    /// <summary>Roads and rails between the built-up areas.</summary>
    Countryside,
}

/// <summary>Kinds of public-transport lines.</summary>
public enum TransitKind
{
    Bus,
    Tram,
    Subway,
    Train,
}

/// <summary>Conversions of <see cref="TransitKind"/> values.</summary>
public static class TransitKinds
{
    /// <summary>The platform transport mode of a ride on this kind of line, e.g. <c>bus</c>.</summary>
    public static string ToTransportMode(this TransitKind kind) => kind switch
    {
        TransitKind.Bus => Timeline.TransportModes.Bus,
        TransitKind.Tram => Timeline.TransportModes.Tram,
        TransitKind.Subway => Timeline.TransportModes.Subway,
        TransitKind.Train => Timeline.TransportModes.Train,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transit kind."),
    };

    /// <summary>The OSM <c>route=*</c> value of a line of this kind.</summary>
    public static string ToOsmRoute(this TransitKind kind) => kind switch
    {
        TransitKind.Bus => "bus",
        TransitKind.Tram => "tram",
        TransitKind.Subway => "subway",
        TransitKind.Train => "train",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transit kind."),
    };
}
