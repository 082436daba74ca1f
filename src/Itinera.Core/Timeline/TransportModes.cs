namespace Itinera.Core.Timeline;

/// <summary>The transport modes of the platform, by their wire names.</summary>
public static class TransportModes
{
    public const string Car = "car";
    public const string Walking = "walking";
    public const string Running = "running";
    public const string Biking = "biking";
    public const string Escooter = "escooter";
    public const string Bus = "bus";
    public const string Train = "train";
    public const string Tram = "tram";
    public const string Subway = "subway";
    public const string Motorcycle = "motorcycle";
    public const string Flight = "flight";
    public const string Boat = "boat";
    public const string Ferry = "ferry";
    public const string Idle = "idle";
    public const string Other = "other";
    public const string InsufficientData = "insufficient_data";

    /// <summary>Every mode, in the order of the platform's enumeration.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Car, Walking, Biking, Escooter, Train, Bus, Tram, Subway, Boat, Ferry, Motorcycle, Flight, Running, Idle, Other, InsufficientData];
}

/// <summary>Location significances of stays and clusters, by their wire names.</summary>
public static class Significances
{
    public const string Home = "home";
    public const string Work = "work";
    public const string Regular = "regular";
    public const string NonRegular = "nonregular";
    public const string Poi = "poi";
    public const string New = "new";

    public static IReadOnlyList<string> All { get; } = [Home, Work, Regular, NonRegular, Poi, New];
}
