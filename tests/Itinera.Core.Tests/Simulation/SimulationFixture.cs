using System.Text;
using Itinera.Core.Simulation;

namespace Itinera.Core.Tests.Simulation;

/// <summary>
/// One simulation shared by the simulator tests: one user per persona over two weeks with anomalies injected,
/// every day's streams kept in memory.
/// </summary>
public sealed class SimulationFixture
{
    public const int Seed = 20260105;
    public const int Days = 14;

    public SimulationFixture()
    {
        Run = MobilitySimulator.Simulate(new SimulationOptions
        {
            Seed = Seed,
            Users = PersonaCatalogue.All.Count,
            Days = Days,
            InjectAnomalies = true,
        });
        foreach (var user in Run.Users)
        {
            var builder = new UserTruthBuilder(user);
            var days = new List<SimulatedDay>();
            foreach (var day in user.GenerateDays())
            {
                days.Add(day);
                builder.Add(day);
            }

            UserDays.Add(days);
            Truths.Add(builder.Build());
        }

        using var stream = new MemoryStream();
        TruthWriter.Write(stream, new SimulationTruth(Run.Start, Run.End, Run.TimeZoneId, Truths));
        TruthJson = stream.ToArray();
    }

    public SimulationRun Run { get; }

    /// <summary>Days per user, by user index.</summary>
    public List<List<SimulatedDay>> UserDays { get; } = [];

    /// <summary>Truth per user, by user index.</summary>
    public List<UserTruth> Truths { get; } = [];

    /// <summary>The truth document written by <see cref="TruthWriter"/>.</summary>
    public byte[] TruthJson { get; }

    public string TruthText => Encoding.UTF8.GetString(TruthJson);

    /// <summary>The user of a persona.</summary>
    public int IndexOf(Persona persona) => Run.Users.Single(u => u.Persona == persona).Index;
}
