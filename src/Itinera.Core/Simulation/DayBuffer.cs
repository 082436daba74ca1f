using Itinera.Core.Ingestion;

namespace Itinera.Core.Simulation;

/// <summary>
/// The streams of one user accumulated in time order; <see cref="Cut"/> moves everything before a day's end into
/// a <see cref="SimulatedDay"/> and keeps the rest (a trip past midnight) for the next day.
/// </summary>
internal sealed class DayBuffer
{
    public List<Fix> Fixes { get; } = new(16_384);

    public List<ActivitySample> Activities { get; } = new(2048);

    public List<MotionBatch> Motion { get; } = [];

    public List<PhoneEvent> PhoneEvents { get; } = [];

    public List<TruthStay> Stays { get; } = [];

    public List<TruthTransport> Transports { get; } = [];

    public List<TruthHarshEvent> HarshEvents { get; } = [];

    public List<TruthSpeeding> Speeding { get; } = [];

    public List<TruthPhoneUse> PhoneUse { get; } = [];

    public List<TruthAnomaly> Anomalies { get; } = [];

    public SimulatedDay Cut(int dayIndex, DateOnly date, long startMs, long endMs)
    {
        var end = DateTimeOffset.FromUnixTimeMilliseconds(endMs);
        return new SimulatedDay
        {
            DayIndex = dayIndex,
            Date = date,
            Start = DateTimeOffset.FromUnixTimeMilliseconds(startMs),
            End = end,
            Fixes = TakeBefore(Fixes, static f => f.TimestampMs, endMs),
            Activities = TakeBefore(Activities, static a => a.TimestampMs, endMs),
            MotionBatches = TakeBefore(Motion, static m => m.StartMs, endMs),
            PhoneEvents = TakeBefore(PhoneEvents, static p => p.TimestampMs, endMs),
            Stays = TakeBefore(Stays, static s => s.Start.ToUnixTimeMilliseconds(), endMs),
            Transports = TakeBefore(Transports, static t => t.Start.ToUnixTimeMilliseconds(), endMs),
            HarshEvents = TakeBefore(HarshEvents, static h => h.Time.ToUnixTimeMilliseconds(), endMs),
            Speeding = TakeBefore(Speeding, static s => s.Start.ToUnixTimeMilliseconds(), endMs),
            PhoneUse = TakeBefore(PhoneUse, static p => p.Start.ToUnixTimeMilliseconds(), endMs),
            Anomalies = TakeBefore(Anomalies, _ => long.MinValue, endMs),
        };
    }

    private static T[] TakeBefore<T>(List<T> items, Func<T, long> time, long endMs)
    {
        var count = 0;
        while (count < items.Count && time(items[count]) < endMs)
        {
            count++;
        }

        var taken = new T[count];
        items.CopyTo(0, taken, 0, count);
        items.RemoveRange(0, count);
        return taken;
    }
}
