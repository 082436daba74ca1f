namespace Itinera.Core.Simulation;

/// <summary>A place a simulated user visits, as the ground truth knows it.</summary>
/// <param name="PlaceId">Stable id of the place, <c>node/{osm id}</c> of its POI in the city's OSM file.</param>
/// <param name="Kind">The user's relation to the place, a <see cref="PlaceKinds"/> value (<c>home</c>, <c>work</c>, <c>gym</c>, …).</param>
/// <param name="Category">The POI's category in the map, e.g. <c>restaurant</c>, <c>university</c>, <c>residential</c>.</param>
/// <param name="RadiusMeters">Radius within which a stay counts as being at the place, metres.</param>
public sealed record TruthPlace(string PlaceId, string Kind, string Category, string Name, double Latitude, double Longitude, int RadiusMeters);

/// <summary>A stay at a place; the user's true position is the place's position. <c>Start</c> &lt; <c>End</c>.</summary>
public sealed record TruthStay(DateTimeOffset Start, DateTimeOffset End, string PlaceId, double Latitude, double Longitude);

/// <summary>One transport leg in one mode (a <see cref="Timeline.TransportModes"/> value); <c>Start</c> &lt; <c>End</c>.</summary>
/// <param name="DistanceMeters">Distance travelled along the path, metres.</param>
public sealed record TruthTransport(string Mode, DateTimeOffset Start, DateTimeOffset End, double DistanceMeters);

/// <summary>A harsh driving event at its peak.</summary>
/// <param name="Kind">A <see cref="HarshEventKinds"/> value.</param>
/// <param name="MagnitudeMetersPerSecondSquared">Peak horizontal acceleration (longitudinal or lateral) without gravity, m/s².</param>
public sealed record TruthHarshEvent(DateTimeOffset Time, string Kind, double MagnitudeMetersPerSecondSquared);

/// <summary>A continuous stretch driven above the speed limit (at least five seconds).</summary>
/// <param name="LimitKmh">The speed limit of the road, km/h.</param>
/// <param name="SpeedKmh">The highest true speed of the episode, km/h.</param>
public sealed record TruthSpeeding(DateTimeOffset Start, DateTimeOffset End, int LimitKmh, double SpeedKmh);

/// <summary>A use of the phone by the driver during a car trip.</summary>
/// <param name="Kind">A <see cref="PhoneUseKinds"/> value.</param>
public sealed record TruthPhoneUse(DateTimeOffset Start, DateTimeOffset End, string Kind);

/// <summary>An injected anomaly on a local calendar day.</summary>
/// <param name="Kind">An <see cref="AnomalyKinds"/> value.</param>
public sealed record TruthAnomaly(DateOnly Date, string Kind);

/// <summary>Kinds of harsh driving events in the truth.</summary>
public static class HarshEventKinds
{
    public const string Accel = "accel";
    public const string Brake = "brake";
    public const string LeftTurn = "left_turn";
    public const string RightTurn = "right_turn";
}

/// <summary>Kinds of phone use while driving in the truth.</summary>
public static class PhoneUseKinds
{
    public const string Handling = "handling";
    public const string HandheldCall = "handheld_call";
    public const string HandsfreeCall = "handsfree_call";
}

/// <summary>Kinds of injected anomalies.</summary>
public static class AnomalyKinds
{
    /// <summary>The working day lasts four to five and a half hours longer than usual.</summary>
    public const string LongWorkingDay = "long_working_day";

    /// <summary>A working day spent at home without the commute.</summary>
    public const string MissedCommute = "missed_commute";

    /// <summary>A return trip to the seaside resort, about 200 km in the day.</summary>
    public const string LongTrip = "long_trip";
}

/// <summary>Kinds of places in the truth.</summary>
public static class PlaceKinds
{
    public const string Home = "home";
    public const string Work = "work";
    public const string Restaurant = "restaurant";
    public const string Cafe = "cafe";
    public const string Bar = "bar";
    public const string FastFood = "fast_food";
    public const string Supermarket = "supermarket";
    public const string Shop = "shop";
    public const string Bakery = "bakery";
    public const string Gym = "gym";
    public const string Sport = "sport";
    public const string Park = "park";
    public const string Museum = "museum";
    public const string Holiday = "holiday";
    public const string Beach = "beach";
    public const string Other = "other";

    /// <summary>The kind of a POI visited for its own sake (not as home or work).</summary>
    public static string Of(PoiCategory category) => category switch
    {
        PoiCategory.Restaurant => Restaurant,
        PoiCategory.Cafe => Cafe,
        PoiCategory.Bar => Bar,
        PoiCategory.FastFood => FastFood,
        PoiCategory.Supermarket => Supermarket,
        PoiCategory.Clothes => Shop,
        PoiCategory.Bakery => Bakery,
        PoiCategory.FitnessCentre => Gym,
        PoiCategory.SportsCentre => Sport,
        PoiCategory.Park => Park,
        PoiCategory.Museum => Museum,
        PoiCategory.Hotel => Holiday,
        PoiCategory.Beach => Beach,
        _ => Other,
    };

    /// <summary>The map category name of a POI, e.g. <c>fitness_centre</c>.</summary>
    public static string CategoryName(PoiCategory category) => category switch
    {
        PoiCategory.Home => "residential",
        PoiCategory.Office => "office",
        PoiCategory.University => "university",
        PoiCategory.Hospital => "hospital",
        PoiCategory.Restaurant => "restaurant",
        PoiCategory.Cafe => "cafe",
        PoiCategory.Bar => "bar",
        PoiCategory.FastFood => "fast_food",
        PoiCategory.Supermarket => "supermarket",
        PoiCategory.Clothes => "clothes",
        PoiCategory.Bakery => "bakery",
        PoiCategory.FitnessCentre => "fitness_centre",
        PoiCategory.SportsCentre => "sports_centre",
        PoiCategory.Park => "park",
        PoiCategory.Museum => "museum",
        PoiCategory.Hotel => "hotel",
        PoiCategory.Beach => "beach_resort",
        _ => "other",
    };
}
