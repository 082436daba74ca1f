using Itinera.Core.Time;

namespace Itinera.Core.Simulation;

/// <summary>
/// Simulates phone users with ground truth in a <see cref="SyntheticCity"/>: personas with homes, workplaces and
/// weekly routines, trips along the road and transit network, and what their phones would record (fixes,
/// activity recognition, IMU around harsh driving events, phone events). Pure and deterministic: the same
/// options always produce the same bytes; each user depends only on (seed, user index) and the city.
/// </summary>
public static class MobilitySimulator
{
    /// <summary>Creates the users of a run. Cheap: days are generated when <see cref="SimulatedUser.GenerateDays"/> is enumerated.</summary>
    /// <exception cref="ArgumentException">When users or days are below 1, or the time zone is unknown.</exception>
    public static SimulationRun Simulate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Users, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1, nameof(options));
        var zone = TimeZones.Find(options.TimeZoneId)
            ?? throw new ArgumentException($"Unknown time zone '{options.TimeZoneId}'.", nameof(options));
        var city = options.City ?? SyntheticCity.Generate(options.Seed);
        var personas = options.Personas ?? PersonaCatalogue.SupportedBy(city);
        if (personas.Count == 0)
        {
            throw new ArgumentException("At least one persona is needed.", nameof(options));
        }

        var clock = new LocalClock(zone);
        var users = new SimulatedUser[options.Users];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = new SimulatedUser(city, options, i, personas[i % personas.Count], clock);
        }

        var start = DateTimeOffset.FromUnixTimeMilliseconds(clock.StartOfDayMs(options.Start));
        var end = DateTimeOffset.FromUnixTimeMilliseconds(clock.StartOfDayMs(options.Start.AddDays(options.Days)));
        return new SimulationRun(options, city, users, start, end);
    }
}
