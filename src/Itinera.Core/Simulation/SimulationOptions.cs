namespace Itinera.Core.Simulation;

/// <summary>What to simulate. Every property has a usable default; the same options always give the same output.</summary>
public sealed record SimulationOptions
{
    /// <summary>The seed of the city (when <see cref="City"/> is null) and of every user.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of users, at least 1.</summary>
    public int Users { get; init; } = 10;

    /// <summary>Number of simulated local days, at least 1.</summary>
    public int Days { get; init; } = 28;

    /// <summary>The first local day (default Monday 2026-01-05).</summary>
    public DateOnly Start { get; init; } = new(2026, 1, 5);

    /// <summary>IANA time zone of every user's local days and schedule.</summary>
    public string TimeZoneId { get; init; } = "Europe/Brussels";

    /// <summary>When true, each user gets the anomalies that fit their persona on distinct days of the second half.</summary>
    public bool InjectAnomalies { get; init; }

    /// <summary>The city to simulate in; null generates it from <see cref="Seed"/>.</summary>
    public SyntheticCity? City { get; init; }

    /// <summary>Personas to assign round-robin; null uses <see cref="PersonaCatalogue.SupportedBy"/> the city (every persona in a generated city).</summary>
    public IReadOnlyList<Persona>? Personas { get; init; }
}
