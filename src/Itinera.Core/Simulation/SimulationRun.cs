namespace Itinera.Core.Simulation;

/// <summary>The result of <see cref="MobilitySimulator.Simulate"/>: the city and the users, whose days are generated lazily.</summary>
public sealed class SimulationRun
{
    internal SimulationRun(SimulationOptions options, SyntheticCity city, IReadOnlyList<SimulatedUser> users, DateTimeOffset start, DateTimeOffset end)
    {
        Options = options;
        City = city;
        Users = users;
        Start = start;
        End = end;
    }

    public SimulationOptions Options { get; }

    public SyntheticCity City { get; }

    /// <summary>The users by index; user i has persona <c>Personas[i % Personas.Count]</c>.</summary>
    public IReadOnlyList<SimulatedUser> Users { get; }

    /// <summary>Local midnight starting the first day.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Local midnight ending the last day.</summary>
    public DateTimeOffset End { get; }

    public string TimeZoneId => Options.TimeZoneId;

    /// <summary>Generates every user's days (discarding the sensor streams) and returns the whole truth.</summary>
    public SimulationTruth CollectTruth() =>
        new(Start, End, TimeZoneId, [.. Users.Select(user => user.CollectTruth())]);
}
