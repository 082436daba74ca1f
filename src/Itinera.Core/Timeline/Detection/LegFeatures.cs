using Itinera.Core.Ingestion;

namespace Itinera.Core.Timeline.Detection;

/// <summary>What a leg's motion looks like: the inputs of the mode classifier. Speeds are m/s, time-weighted.</summary>
/// <remarks>The last members are map context (<see cref="Maps.TransportNetworks"/>): NaN without an imported map, or when
/// the map lacks that layer (railways, stops); a served share is NaN too when the leg passed no such stop.</remarks>
/// <param name="RoadShare">Share of the fixes within 25 m of a road.</param>
/// <param name="RailShare">Share of the fixes within 25 m of a railway (tram tracks included).</param>
/// <param name="TramTrackShare">Share of the fixes within 25 m of a tram track.</param>
/// <param name="BusStopsPerKilometer">Distinct bus stops passed (within 30 m) per kilometre.</param>
/// <param name="BusStopsServedShare">Share of the bus stops passed where the leg paused.</param>
/// <param name="TramStopsPerKilometer">Distinct tram stops passed per kilometre.</param>
/// <param name="TramStopsServedShare">Share of the tram stops passed where the leg paused.</param>
/// <param name="PausesAtStopsShare">Share of the leg's pauses that were at a bus or tram stop (NaN without pauses).</param>
public sealed record LegFeatures(
    double DurationSeconds,
    double DistanceMeters,
    double AverageSpeed,
    double MedianSpeed,
    double Speed85,
    double Speed95,
    double StopShare,
    double StopsPerKilometer,
    double GapShare,
    int FixCount,
    double WalkingShare,
    double CyclingShare,
    double VehicleShare,
    double RoadShare = double.NaN,
    double RailShare = double.NaN,
    double TramTrackShare = double.NaN,
    double BusStopsPerKilometer = double.NaN,
    double BusStopsServedShare = double.NaN,
    double TramStopsPerKilometer = double.NaN,
    double TramStopsServedShare = double.NaN,
    double PausesAtStopsShare = double.NaN)
{
    /// <summary>The longest single signal gap as a share of the leg's duration: near 1 when one silent stretch (a ride
    /// underground) makes the leg, small when a sparse logger's many short gaps add up.</summary>
    public double LongestGapShare { get; init; }

    /// <summary>Features of fixes [<paramref name="first"/>, <paramref name="last"/>].</summary>
    /// <param name="cumulative">Path length to each fix (<c>TimelineBuilder.CumulativeMeters</c>); computed when null.</param>
    /// <param name="networks">Roads and railways around the data, when a map was imported: the shares of the leg along each.</param>
    public static LegFeatures Compute(
        Fix[] fixes, int first, int last, IReadOnlyList<ActivitySample>? activities, TimeSpan? signalGap = null, double[]? cumulative = null,
        Maps.TransportNetworks? networks = null)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        cumulative ??= TimelineBuilder.CumulativeMeters(fixes);
        var n = last - first;
        var gapSeconds = (signalGap ?? TimeSpan.FromMinutes(2)).TotalSeconds;
        var speeds = new (double Speed, double Seconds)[Math.Max(n, 0)];
        double distance = 0, stopped = 0, gaps = 0, longestGap = 0;
        var stops = 0;
        var wasStopped = false;
        for (var i = first + 1; i <= last; i++)
        {
            var seconds = (fixes[i].TimestampMs - fixes[i - 1].TimestampMs) / 1000.0;
            distance += cumulative[i] - cumulative[i - 1];
            var speed = TimelineBuilder.StepSpeed(fixes, cumulative, i);
            speeds[i - first - 1] = (speed, Math.Min(seconds, gapSeconds));
            if (seconds > gapSeconds)
            {
                gaps += seconds;
                longestGap = Math.Max(longestGap, seconds);
            }

            var isStopped = speed < 0.5;
            if (isStopped)
            {
                stopped += seconds;
                if (!wasStopped)
                {
                    stops++;
                }
            }

            wasStopped = isStopped;
        }

        var duration = (fixes[last].TimestampMs - fixes[first].TimestampMs) / 1000.0;
        Array.Sort(speeds, static (a, b) => a.Speed.CompareTo(b.Speed));
        var (walking, cycling, vehicle) = ActivityShares(activities, fixes[first].TimestampMs, fixes[last].TimestampMs);
        var (roadShare, railShare) = networks?.Shares(fixes, first, last) ?? (double.NaN, double.NaN);
        var features = new LegFeatures(
            duration, distance, duration > 0 ? distance / duration : 0,
            Percentile(speeds, 0.5), Percentile(speeds, 0.85), Percentile(speeds, 0.95),
            duration > 0 ? stopped / duration : 0, distance > 0 ? stops / (distance / 1000) : 0, duration > 0 ? gaps / duration : 0,
            n + 1, walking, cycling, vehicle, roadShare, railShare)
        {
            LongestGapShare = duration > 0 ? longestGap / duration : 0,
        };
        return networks is null ? features : WithTransit(features, networks.Transit(fixes, first, last, i => TimelineBuilder.StepSpeed(fixes, cumulative, i)), networks.Stops is not null);
    }

    private static LegFeatures WithTransit(LegFeatures f, Maps.TransitContext t, bool hasStops)
    {
        var kilometers = f.DistanceMeters / 1000;
        return f with
        {
            TramTrackShare = t.TramTrackShare,
            BusStopsPerKilometer = !hasStops ? double.NaN : kilometers > 0 ? t.BusStopsPassed / kilometers : 0,
            BusStopsServedShare = !hasStops || t.BusStopsPassed == 0 ? double.NaN : (double)t.BusStopsServed / t.BusStopsPassed,
            TramStopsPerKilometer = !hasStops ? double.NaN : kilometers > 0 ? t.TramStopsPassed / kilometers : 0,
            TramStopsServedShare = !hasStops || t.TramStopsPassed == 0 ? double.NaN : (double)t.TramStopsServed / t.TramStopsPassed,
            PausesAtStopsShare = !hasStops || t.Pauses == 0 ? double.NaN : (double)t.PausesAtStops / t.Pauses,
        };
    }

    private static double Percentile((double Speed, double Seconds)[] sorted, double p)
    {
        var total = 0.0;
        foreach (var s in sorted)
        {
            total += s.Seconds;
        }

        if (total <= 0)
        {
            return sorted.Length == 0 ? 0 : sorted[^1].Speed;
        }

        var target = p * total;
        var running = 0.0;
        foreach (var s in sorted)
        {
            running += s.Seconds;
            if (running >= target)
            {
                return s.Speed;
            }
        }

        return sorted[^1].Speed;
    }

    /// <summary>Shares of confident activity samples in [start, end] that say walking/running, cycling, in a vehicle.</summary>
    private static (double Walking, double Cycling, double Vehicle) ActivityShares(IReadOnlyList<ActivitySample>? activities, long start, long end)
    {
        if (activities is null || activities.Count == 0)
        {
            return (0, 0, 0);
        }

        // Binary search the first sample at or after start.
        int lo = 0, hi = activities.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (activities[mid].TimestampMs < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        double walking = 0, cycling = 0, vehicle = 0, total = 0;
        for (var i = lo; i < activities.Count && activities[i].TimestampMs <= end; i++)
        {
            var a = activities[i];
            if (a.Confidence < 50)
            {
                continue;
            }

            total++;
            switch (a.Type)
            {
                case ActivityType.Walking or ActivityType.Running: walking++; break;
                case ActivityType.OnBicycle: cycling++; break;
                case ActivityType.InVehicle: vehicle++; break;
            }
        }

        return total == 0 ? (0, 0, 0) : (walking / total, cycling / total, vehicle / total);
    }
}
