using Itinera.Core.Ingestion;

namespace Itinera.Core.Simulation;

/// <summary>
/// One local day of one simulated user: the sensor streams to upload and the ground truth of that day.
/// </summary>
/// <remarks>
/// Invariants: every sensor sample has <see cref="Start"/> ≤ timestamp &lt; <see cref="End"/>, and each stream is in
/// time order (fixes strictly increasing). <see cref="Stays"/> and <see cref="Transports"/> together partition
/// [<see cref="Start"/>, <see cref="End"/>) without overlap: a stay or transport that crosses midnight is split at
/// midnight here and merged again by <see cref="UserTruthBuilder"/>. Harsh events, speeding, phone use and motion
/// batches belong to the day their start falls in.
/// </remarks>
public sealed class SimulatedDay
{
    /// <summary>Zero-based index of the day in the simulation.</summary>
    public required int DayIndex { get; init; }

    /// <summary>The local calendar day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Local midnight starting the day (UTC offset 0).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Local midnight ending the day (UTC offset 0).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Location fixes: 1 Hz while moving (except signal gaps and underground), every 1–5 minutes while stationary.</summary>
    public required IReadOnlyList<Fix> Fixes { get; init; }

    /// <summary>Activity recognition, about every 30 s while moving and every 3–6 minutes while still, about 10 % wrong.</summary>
    public required IReadOnlyList<ActivitySample> Activities { get; init; }

    /// <summary>50 Hz device-frame IMU batches (gravity included) around harsh events, plus a short calibration batch per car trip.</summary>
    public required IReadOnlyList<MotionBatch> MotionBatches { get; init; }

    /// <summary>Screen, handling and call events.</summary>
    public required IReadOnlyList<PhoneEvent> PhoneEvents { get; init; }

    public required IReadOnlyList<TruthStay> Stays { get; init; }

    public required IReadOnlyList<TruthTransport> Transports { get; init; }

    public required IReadOnlyList<TruthHarshEvent> HarshEvents { get; init; }

    public required IReadOnlyList<TruthSpeeding> Speeding { get; init; }

    public required IReadOnlyList<TruthPhoneUse> PhoneUse { get; init; }

    public required IReadOnlyList<TruthAnomaly> Anomalies { get; init; }
}
