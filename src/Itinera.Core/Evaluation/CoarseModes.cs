using Itinera.Core.Timeline;

namespace Itinera.Core.Evaluation;

/// <summary>
/// Coarse classes of transport modes, for the coarse mode accuracy: a prediction is coarse-correct when it names
/// a mode of the same class as the label (bus for a car leg is wrong, but coarse-correct).
/// </summary>
public static class CoarseModes
{
    /// <summary>walking, running.</summary>
    public const string Foot = "foot";

    /// <summary>biking, escooter (human-scale wheels).</summary>
    public const string Bike = "bike";

    /// <summary>car, bus, motorcycle (road vehicles).</summary>
    public const string Road = "road";

    /// <summary>train, tram, subway.</summary>
    public const string Rail = "rail";

    /// <summary>flight.</summary>
    public const string Air = "air";

    /// <summary>boat, ferry.</summary>
    public const string Water = "water";

    /// <summary>A stay (<see cref="TimelineScorer.Stationary"/>) or the mode idle.</summary>
    public const string Stationary = "stationary";

    /// <summary>Everything else: other, insufficient_data, unknown modes, no prediction. Never coarse-correct.</summary>
    public const string Other = "other";

    /// <summary>
    /// The coarse class of an Itinera mode (<see cref="TransportModes"/>) or of <see cref="TimelineScorer.Stationary"/>;
    /// <see cref="Other"/> for anything else. Exact, ordinal names.
    /// </summary>
    public static string Of(string? mode) => mode switch
    {
        TransportModes.Walking or TransportModes.Running => Foot,
        TransportModes.Biking or TransportModes.Escooter => Bike,
        TransportModes.Car or TransportModes.Bus or TransportModes.Motorcycle => Road,
        TransportModes.Train or TransportModes.Tram or TransportModes.Subway => Rail,
        TransportModes.Flight => Air,
        TransportModes.Boat or TransportModes.Ferry => Water,
        TransportModes.Idle or TimelineScorer.Stationary => Stationary,
        _ => Other,
    };
}
