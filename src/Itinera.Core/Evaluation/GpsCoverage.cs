namespace Itinera.Core.Evaluation;

/// <summary>
/// The time during which a user's GPS recorded: sorted, disjoint intervals. The evaluation scores only labelled
/// time that lies inside the coverage, because labels cover a user's whole history while the trajectories cover
/// only part of it.
/// </summary>
/// <remarks>
/// Built from fix times: consecutive fixes (all files of the user merged, in time order) at most
/// <c>maxGap</c> apart are joined into one covered interval <c>[first fix, last fix]</c>; a longer gap ends the
/// interval. A gap up to <see cref="DefaultMaxGap"/> (a tunnel, an underground station, a phone that samples every
/// few minutes) therefore counts as recorded; an hour without fixes in the middle of a file does not. An isolated
/// fix covers nothing.
/// </remarks>
public sealed class GpsCoverage
{
    private readonly long[] _startsMs;
    private readonly long[] _endsMs;

    private GpsCoverage(long[] startsMs, long[] endsMs)
    {
        _startsMs = startsMs;
        _endsMs = endsMs;
    }

    /// <summary>The largest gap between consecutive fixes that still counts as covered by default: 10 minutes.</summary>
    public static TimeSpan DefaultMaxGap { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The covered intervals, sorted and disjoint.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Intervals =>
        [.. _startsMs.Zip(_endsMs, (s, e) => (DateTimeOffset.FromUnixTimeMilliseconds(s), DateTimeOffset.FromUnixTimeMilliseconds(e)))];

    /// <summary>The total covered time.</summary>
    public TimeSpan Total => TimeSpan.FromMilliseconds(_endsMs.Zip(_startsMs, (e, s) => e - s).Sum());

    internal int Count => _startsMs.Length;

    /// <summary>
    /// Coverage of fixes at <paramref name="timestampsMs"/> (Unix milliseconds, any order, duplicates allowed):
    /// gaps of at most <paramref name="maxGap"/> (default <see cref="DefaultMaxGap"/>) are covered.
    /// </summary>
    public static GpsCoverage FromTimestamps(IEnumerable<long> timestampsMs, TimeSpan? maxGap = null)
    {
        ArgumentNullException.ThrowIfNull(timestampsMs);
        var gapMs = (long)(maxGap ?? DefaultMaxGap).TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfNegative(gapMs, nameof(maxGap));
        var times = timestampsMs.ToArray();
        Array.Sort(times);
        var starts = new List<long>();
        var ends = new List<long>();
        var i = 0;
        while (i < times.Length)
        {
            var start = times[i];
            var end = start;
            i++;
            while (i < times.Length && times[i] - end <= gapMs)
            {
                end = times[i];
                i++;
            }

            if (end > start)
            {
                starts.Add(start);
                ends.Add(end);
            }
        }

        return new GpsCoverage([.. starts], [.. ends]);
    }

    /// <summary>The union of <paramref name="intervals"/> (any order; overlapping or touching ones merge, empty ones vanish).</summary>
    public static GpsCoverage FromIntervals(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var sorted = intervals
            .Select(x => (Start: x.Start.ToUnixTimeMilliseconds(), End: x.End.ToUnixTimeMilliseconds()))
            .Where(x => x.End > x.Start)
            .OrderBy(x => x.Start)
            .ToList();
        var starts = new List<long>();
        var ends = new List<long>();
        foreach (var (start, end) in sorted)
        {
            if (ends.Count > 0 && start <= ends[^1])
            {
                ends[^1] = Math.Max(ends[^1], end);
            }
            else
            {
                starts.Add(start);
                ends.Add(end);
            }
        }

        return new GpsCoverage([.. starts], [.. ends]);
    }

    internal long StartMs(int index) => _startsMs[index];

    internal long EndMs(int index) => _endsMs[index];
}
