namespace Itinera.Core.Simulation;

/// <summary>The ground truth of one simulated user over the whole run, in time order.</summary>
/// <remarks>Stays and transports partition [run start, run end) without overlap.</remarks>
public sealed class UserTruth
{
    /// <summary>The platform's user id, filled in by whoever creates the user through the API; null until then.</summary>
    public string? UserId { get; set; }

    public required string ExternalId { get; init; }

    /// <summary>The persona id, e.g. <c>tram_commuter</c>.</summary>
    public required string Persona { get; init; }

    /// <summary>Home, work (if any), then every other visited place in order of first visit.</summary>
    public required IReadOnlyList<TruthPlace> Places { get; init; }

    public required IReadOnlyList<TruthStay> Stays { get; init; }

    public required IReadOnlyList<TruthTransport> Transports { get; init; }

    public required IReadOnlyList<TruthHarshEvent> HarshEvents { get; init; }

    public required IReadOnlyList<TruthSpeeding> Speeding { get; init; }

    public required IReadOnlyList<TruthPhoneUse> PhoneUse { get; init; }

    /// <summary>Segment ids of <see cref="Catalogues.SegmentCatalogue"/> the simulated routine makes true, ordinal order.</summary>
    public required IReadOnlyList<string> ExpectedSegments { get; init; }

    public required IReadOnlyList<TruthAnomaly> Anomalies { get; init; }
}

/// <summary>The ground truth of a whole run.</summary>
/// <param name="Start">Local midnight starting the first day.</param>
/// <param name="End">Local midnight ending the last day.</param>
public sealed record SimulationTruth(DateTimeOffset Start, DateTimeOffset End, string TimeZoneId, IReadOnlyList<UserTruth> Users);
