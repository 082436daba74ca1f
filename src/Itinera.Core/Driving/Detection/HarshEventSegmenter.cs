namespace Itinera.Core.Driving.Detection;

/// <summary>A harsh event found in a vehicle-frame acceleration trace, before it becomes an annotation.</summary>
/// <param name="Kind">Which kind of event.</param>
/// <param name="PeakMetersPerSecondSquared">Peak of the (smoothed) acceleration in the event's direction, m/s².</param>
internal readonly record struct HarshEventCandidate(HarshEventKind Kind, long StartMs, long EndMs, double PeakMetersPerSecondSquared);

/// <summary>What a harsh event is.</summary>
public enum HarshEventKind
{
    /// <summary>Longitudinal acceleration above the acceleration threshold.</summary>
    Accelerate,
    /// <summary>Longitudinal deceleration above the braking threshold.</summary>
    Brake,
    /// <summary>Centripetal acceleration to the left above the turn threshold.</summary>
    LeftTurn,
    /// <summary>Centripetal acceleration to the right above the turn threshold.</summary>
    RightTurn,
    /// <summary>A lateral event without a lasting change of heading (a lane change).</summary>
    LaneSwitch,
}

/// <summary>
/// Finds harsh events in a vehicle-frame trace: runs of samples above a kind's threshold, runs of the same kind
/// closer than <see cref="HarshEventOptions.MergeGapMs"/> merged, kept when their time above the threshold reaches
/// <see cref="HarshEventOptions.MinDurationMs"/>.
/// </summary>
internal static class HarshEventSegmenter
{
    /// <param name="timesMs">Sample times, increasing.</param>
    /// <param name="longitudinal">Forward acceleration, m/s² (negative when braking).</param>
    /// <param name="lateral">Leftward acceleration, m/s² (positive in left turns).</param>
    /// <param name="headingRadians">Heading, counter-clockwise positive and unwrapped; null when unknown.</param>
    /// <param name="maxSampleMs">The longest time one sample may stand for (longer spacing is a gap).</param>
    public static List<HarshEventCandidate> Find(
        long[] timesMs, double[] longitudinal, double[] lateral, double[]? headingRadians, long maxSampleMs, HarshEventOptions options)
    {
        var events = new List<HarshEventCandidate>();
        Runs(timesMs, longitudinal, 1, options.AccelerationThresholdMetersPerSecondSquared, HarshEventKind.Accelerate, maxSampleMs, options, events);
        Runs(timesMs, longitudinal, -1, options.BrakingThresholdMetersPerSecondSquared, HarshEventKind.Brake, maxSampleMs, options, events);
        var lateralEvents = new List<HarshEventCandidate>();
        Runs(timesMs, lateral, 1, options.TurnThresholdMetersPerSecondSquared, HarshEventKind.LeftTurn, maxSampleMs, options, lateralEvents);
        Runs(timesMs, lateral, -1, options.TurnThresholdMetersPerSecondSquared, HarshEventKind.RightTurn, maxSampleMs, options, lateralEvents);
        if (headingRadians is not null)
        {
            ClassifyLaneSwitches(timesMs, headingRadians, lateralEvents, options);
        }

        events.AddRange(lateralEvents);
        events.Sort(static (a, b) => a.StartMs.CompareTo(b.StartMs));
        return events;
    }

    private static void Runs(
        long[] timesMs, double[] signal, int sign, double threshold, HarshEventKind kind, long maxSampleMs, HarshEventOptions options, List<HarshEventCandidate> output)
    {
        long start = -1, end = -1, above = 0;
        double peak = 0;
        for (var i = 0; i < signal.Length; i++)
        {
            var value = sign * signal[i];
            if (value <= threshold)
            {
                continue;
            }

            var sampleMs = i + 1 < timesMs.Length ? Math.Min(timesMs[i + 1] - timesMs[i], maxSampleMs) : Math.Min(i > 0 ? timesMs[i] - timesMs[i - 1] : maxSampleMs, maxSampleMs);
            if (start >= 0 && timesMs[i] - end <= options.MergeGapMs)
            {
                end = timesMs[i] + sampleMs;
                above += sampleMs;
                peak = Math.Max(peak, value);
                continue;
            }

            Close(kind, start, end, above, peak, options, output);
            start = timesMs[i];
            end = timesMs[i] + sampleMs;
            above = sampleMs;
            peak = value;
        }

        Close(kind, start, end, above, peak, options, output);
    }

    private static void Close(HarshEventKind kind, long start, long end, long above, double peak, HarshEventOptions options, List<HarshEventCandidate> output)
    {
        if (start >= 0 && above >= options.MinDurationMs)
        {
            output.Add(new HarshEventCandidate(kind, start, end, peak));
        }
    }

    /// <summary>
    /// A lateral event whose heading barely changes is a lane switch; the two opposite lobes of one lane change are
    /// merged into one event.
    /// </summary>
    private static void ClassifyLaneSwitches(long[] timesMs, double[] heading, List<HarshEventCandidate> events, HarshEventOptions options)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var before = HeadingAt(timesMs, heading, e.StartMs - 1000);
            var after = HeadingAt(timesMs, heading, e.EndMs + 1000);
            if (Math.Abs(after - before) * 180 / Math.PI < options.MinTurnHeadingChangeDegrees)
            {
                events[i] = e with { Kind = HarshEventKind.LaneSwitch };
            }
        }

        events.Sort(static (a, b) => a.StartMs.CompareTo(b.StartMs));
        for (var i = events.Count - 1; i > 0; i--)
        {
            var (previous, current) = (events[i - 1], events[i]);
            if (previous.Kind == HarshEventKind.LaneSwitch && current.Kind == HarshEventKind.LaneSwitch && current.StartMs - previous.EndMs <= options.MergeGapMs)
            {
                events[i - 1] = previous with { EndMs = Math.Max(previous.EndMs, current.EndMs), PeakMetersPerSecondSquared = Math.Max(previous.PeakMetersPerSecondSquared, current.PeakMetersPerSecondSquared) };
                events.RemoveAt(i);
            }
        }
    }

    private static double HeadingAt(long[] timesMs, double[] heading, long timeMs)
    {
        var index = Array.BinarySearch(timesMs, timeMs);
        index = index < 0 ? ~index : index;
        return heading[Math.Clamp(index, 0, heading.Length - 1)];
    }
}
