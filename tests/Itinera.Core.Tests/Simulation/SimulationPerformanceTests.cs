using System.Diagnostics;
using System.Globalization;
using Itinera.Core.Simulation;

namespace Itinera.Core.Tests.Simulation;

public sealed class SimulationPerformanceTests
{
    [Fact]
    public void A_month_of_100_users_is_generated_with_every_stream_in_under_a_minute()
    {
        var stopwatch = Stopwatch.StartNew();
        var run = MobilitySimulator.Simulate(new SimulationOptions { Seed = 2026, Users = 100, Days = 28, InjectAnomalies = true });
        long fixes = 0;
        long activities = 0;
        long motionSamples = 0;
        long phoneEvents = 0;
        var truths = new List<UserTruth>();
        foreach (var user in run.Users)
        {
            var truth = new UserTruthBuilder(user);
            foreach (var day in user.GenerateDays())
            {
                fixes += day.Fixes.Count;
                activities += day.Activities.Count;
                motionSamples += day.MotionBatches.Sum(b => (long)b.SampleCount);
                phoneEvents += day.PhoneEvents.Count;
                truth.Add(day);
            }

            truths.Add(truth.Build());
        }

        using var sink = new MemoryStream();
        TruthWriter.Write(sink, new SimulationTruth(run.Start, run.End, run.TimeZoneId, truths), indented: false);

        stopwatch.Stop();
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"100 users x 28 days, every stream consumed and the truth JSON written ({sink.Length / 1024} KiB): {elapsed:F1} s on {Environment.ProcessorCount} cores; " +
            $"{fixes} fixes, {activities} activity samples, {motionSamples} IMU samples, {phoneEvents} phone events."));

        Assert.True(fixes > 1_000_000, $"Only {fixes} fixes.");
        Assert.True(elapsed < 60, $"Generation took {elapsed:F1} s.");
    }
}
