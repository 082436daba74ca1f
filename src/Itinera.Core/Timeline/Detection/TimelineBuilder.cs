using Itinera.Core.Geo;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// Turns a user's cleaned fixes into stays and transports with their modes, in a few linear passes:
/// stays by a running-centroid cluster (robust to 1 s and to hour-long sampling), merging of stays split by
/// noise, splitting of trips where the user walks (every change of vehicle involves a walk), and a mode per leg.
/// </summary>
/// <remarks>Pure and deterministic: the same fixes and options always give the same segments. Not thread-safe per call state; static.</remarks>
public static class TimelineBuilder
{
    /// <summary>Segments of <paramref name="fixes"/> (sorted, cleaned by <see cref="FixCleaner"/>), in time order.</summary>
    public static List<TimelineSegment> Build(Fix[] fixes, IReadOnlyList<ActivitySample>? activities, TimelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(options);
        var result = new List<TimelineSegment>();
        if (fixes.Length == 0)
        {
            return result;
        }

        var cumulative = CumulativeMeters(fixes);
        var stays = TrimStayEdges(fixes, cumulative, MergeStays(fixes, cumulative, FindStays(fixes, options), options), options);
        var cursor = 0;
        foreach (var (first, last) in stays)
        {
            if (first > cursor)
            {
                AddTransport(result, fixes, cumulative, cursor, first, activities, options);
            }

            result.Add(Stay(fixes, first, last));
            cursor = last;
        }

        if (cursor < fixes.Length - 1)
        {
            AddTransport(result, fixes, cumulative, cursor, fixes.Length - 1, activities, options);
        }

        return AbsorbTransitWaits(result, options);
    }

    /// <summary>
    /// A short stay inside a journey is part of it: waiting at a stop between a walk and a ride belongs to the
    /// walk, and a train standing in a station between two stretches of the same ride belongs to the ride.
    /// </summary>
    public static List<TimelineSegment> AbsorbTransitWaits(List<TimelineSegment> segments, TimelineOptions options)
    {
        var maxWaitMs = (long)options.MaxTransitWait.TotalMilliseconds;
        var pending = new List<TimelineSegment>(segments); // a ride may be renamed before its turn comes
        var result = new List<TimelineSegment>(segments.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            var s = pending[i];
            var previous = result.Count > 0 ? result[^1] : null;
            var next = i + 1 < pending.Count ? pending[i + 1] : null;
            if (previous is not null && next is not null && IsStopInsideOneRide(previous, s, next, options))
            {
                result[^1] = previous with { EndMs = next.EndMs, LastFix = next.LastFix, DistanceMeters = previous.DistanceMeters + s.DistanceMeters + next.DistanceMeters };
                i++;
                continue;
            }

            if (s.Kind == EventKind.Stationary && s.EndMs - s.StartMs <= maxWaitMs
                && previous is { Kind: EventKind.Transport } && next is { Kind: EventKind.Transport }
                && previous.LastFix == s.FirstFix && next.FirstFix == s.LastFix)
            {
                // Nobody waits at a bus or tram stop for their car: a ride that leaves from where the user waited at
                // a stop (the map knows it) is the bus or tram of that stop, however car-like its motion.
                if (previous.Mode == TransportModes.Walking && next.Mode == TransportModes.Car
                    && options.Networks?.StopKindAt(s.Latitude, s.Longitude) is { } stopKind and (Maps.TransitStopKind.Bus or Maps.TransitStopKind.Tram))
                {
                    result[^1] = previous with { EndMs = s.EndMs, LastFix = s.LastFix };
                    pending[i + 1] = next with { Mode = stopKind == Maps.TransitStopKind.Tram ? TransportModes.Tram : TransportModes.Bus };
                    continue;
                }

                // Without the map's stops a bus or tram rides like a car, so a short wait between a walk and a ride
                // called car is, as far as anyone can tell, the wait at its stop (or for a lift): part of the journey.
                // With the stops known, a wait away from them before a car is a short visit and stays one.
                if (previous.Mode == TransportModes.Walking
                    && (IsRide(next.Mode) || (next.Mode == TransportModes.Car && options.Networks?.Stops is null)))
                {
                    result[^1] = previous with { EndMs = s.EndMs, LastFix = s.LastFix };
                    continue;
                }

                if (IsRide(previous.Mode) && next.Mode == TransportModes.Walking)
                {
                    result.Add(next with { StartMs = s.StartMs, FirstFix = s.FirstFix });
                    i++;
                    continue;
                }
            }

            result.Add(s);
        }

        return result;
    }

    /// <summary>
    /// The vehicle standing at a stop between two stretches of one public-transport ride: a stay of up to
    /// <see cref="TimelineOptions.MaxTransitWait"/>, or for a train <see cref="TimelineOptions.MaxTrainStationStop"/> or a
    /// short walk on the platform (long-distance trains stand long in stations; nobody steps off a bus mid-ride). Cars keep
    /// their stops: a car standing for minutes has usually been parked while its driver went somewhere.
    /// </summary>
    private static bool IsStopInsideOneRide(TimelineSegment previous, TimelineSegment stop, TimelineSegment next, TimelineOptions options)
    {
        if (previous.Kind != EventKind.Transport || next.Kind != EventKind.Transport || previous.Mode != next.Mode || !IsRide(previous.Mode)
            || previous.LastFix != stop.FirstFix || next.FirstFix != stop.LastFix)
        {
            return false;
        }

        var stopMs = stop.EndMs - stop.StartMs;
        var train = previous.Mode == TransportModes.Train;
        return stop.Kind == EventKind.Stationary
            ? stopMs <= (train ? options.MaxTrainStationStop : options.MaxTransitWait).TotalMilliseconds
            : train && stop.Mode == TransportModes.Walking && stopMs <= options.MaxPlatformWalk.TotalMilliseconds && stop.DistanceMeters <= options.MaxPlatformWalkMeters;
    }

    private static bool IsRide(string? mode) =>
        mode is TransportModes.Bus or TransportModes.Tram or TransportModes.Train or TransportModes.Subway or TransportModes.Ferry or TransportModes.Boat;

    /// <summary>Fix ranges where the user stayed, by a running centroid that every fix must stay close to.</summary>
    internal static List<(int First, int Last)> FindStays(Fix[] fixes, TimelineOptions options)
    {
        var stays = new List<(int, int)>();
        var minStayMs = (long)options.MinStayDuration.TotalMilliseconds;

        // Distances are compared squared, in degrees of latitude, with the cosine of the cluster's first
        // latitude: one cosine per cluster instead of two per fix (a stay is far smaller than the error).
        var radiusDegrees = options.StayRadiusMeters / GeoMath.MetersPerDegreeLatitude;
        var radius2 = radiusDegrees * radiusDegrees;
        var outer2 = 2.25 * radius2;
        int start = 0, count = 1;
        double sumLat = fixes[0].Latitude, sumLon = fixes[0].Longitude;
        var cos = Math.Cos(fixes[0].Latitude * Math.PI / 180);
        for (var i = 1; i < fixes.Length; i++)
        {
            var f = fixes[i];
            var dyC = f.Latitude - (sumLat / count);
            var dxC = (f.Longitude - (sumLon / count)) * cos;
            var dyS = f.Latitude - fixes[start].Latitude;
            var dxS = (f.Longitude - fixes[start].Longitude) * cos;
            if (dyC * dyC + dxC * dxC <= radius2 && dyS * dyS + dxS * dxS <= outer2)
            {
                sumLat += f.Latitude;
                sumLon += f.Longitude;
                count++;
                continue;
            }

            if (fixes[i - 1].TimestampMs - fixes[start].TimestampMs >= minStayMs)
            {
                stays.Add((start, i - 1));
            }

            start = i;
            count = 1;
            sumLat = f.Latitude;
            sumLon = f.Longitude;
            cos = Math.Cos(f.Latitude * Math.PI / 180);
        }

        if (fixes[^1].TimestampMs - fixes[start].TimestampMs >= minStayMs)
        {
            stays.Add((start, fixes.Length - 1));
        }

        return stays;
    }

    /// <summary>Joins stays at one place that a short or tiny movement split (GPS noise, a walk to the car and back).</summary>
    internal static List<(int First, int Last)> MergeStays(Fix[] fixes, double[] cumulative, List<(int First, int Last)> stays, TimelineOptions options)
    {
        var merged = new List<(int First, int Last)>(stays.Count);
        var centre = (Lat: 0.0, Lon: 0.0, Weight: 0.0);
        foreach (var stay in stays)
        {
            var next = WeightedSum(fixes, stay.First, stay.Last);
            if (merged.Count > 0)
            {
                var previous = merged[^1];
                var apart = GeoMath.ApproxDistanceMeters(centre.Lat / centre.Weight, centre.Lon / centre.Weight, next.Lat / next.Weight, next.Lon / next.Weight);
                var gapMs = fixes[stay.First].TimestampMs - fixes[previous.Last].TimestampMs;
                // Stays whose centres lie farther apart than that are two places even when the walk between them hides
                // inside their clusters (nothing left between them); the walk is then found at their edges.
                if (apart <= options.MergeStayDistanceMeters
                    && (gapMs <= (long)options.MergeGapDuration.TotalMilliseconds || cumulative[stay.First] - cumulative[previous.Last] < options.MinTransportDistanceMeters))
                {
                    merged[^1] = (previous.First, stay.Last);
                    centre = (centre.Lat + next.Lat, centre.Lon + next.Lon, centre.Weight + next.Weight);
                    continue;
                }
            }

            merged.Add(stay);
            centre = next;
        }

        return merged;
    }

    /// <summary>
    /// A stay found by radius keeps the first and last minute or so of the walk away from and towards it (a walker
    /// needs over a minute to leave 100 m). Its edges are moved in over fixes that are farther than
    /// <see cref="TimelineOptions.StayEdgeRadiusMeters"/> from its centre while moving, so that time goes to the trip.
    /// </summary>
    internal static List<(int First, int Last)> TrimStayEdges(Fix[] fixes, double[] cumulative, List<(int First, int Last)> stays, TimelineOptions options)
    {
        var result = new List<(int, int)>(stays.Count);
        var maxGapMs = (long)options.MaxTransportGap.TotalMilliseconds;
        foreach (var (stayFirst, stayLast) in stays)
        {
            var (lat, lon) = StillCentre(fixes, cumulative, stayFirst, stayLast, options.StayEdgeSpeedMetersPerSecond);
            bool Away(int i) => GeoMath.ApproxDistanceMeters(lat, lon, fixes[i].Latitude, fixes[i].Longitude) > options.StayEdgeRadiusMeters;
            bool Riding(int i) => StepSpeed(fixes, cumulative, i) > options.WalkSpeedMetersPerSecond;
            bool AtStop(int i) => options.Networks?.IsAtStop(fixes[i].Latitude, fixes[i].Longitude) == true;
            var first = stayFirst;
            var last = stayLast;
            // Waiting at a stop or station away from the place (the map knows the stop) is the journey's start too, and
            // a vehicle faster than walking is never part of a stay, even where it passes the place.
            bool Moving(int i) => StepSpeed(fixes, cumulative, i) >= options.StayEdgeSpeedMetersPerSecond;
            var left = Away(last);
            while (last - first > 1 && (Riding(last) || (Away(last) && (Moving(last) || AtStop(last)))))
            {
                last--;
            }

            // A walk away does not start where it crosses the edge radius but at the user's last pause: the moving fixes
            // leading out to it (the first 30 m, half a minute on foot) are the walk too. Moving by the median of five
            // steps, so one slow step of a walker (the phone's speed is noisy) is no pause.
            // A long silence is no walk, whatever the steps around it: a phone that went quiet on arrival and spoke again
            // at the same spot was there all along (a shorter one inside a walk is a signal gap, and stays part of it).
            bool Walking(int i) => fixes[i].TimestampMs - fixes[i - 1].TimestampMs <= maxGapMs
                && MedianStepSpeed(fixes, cumulative, i) >= options.StayEdgeSpeedMetersPerSecond;
            while (left && last - first > 1 && Walking(last))
            {
                last--;
            }

            var arrived = Away(first);
            while (last - first > 1 && (Riding(first + 1) || (Away(first) && Moving(first + 1))))
            {
                first++;
            }

            while (arrived && last - first > 1 && Walking(first + 1))
            {
                first++;
            }

            // What is left once the walks at its edges went to the trips is where the user was still. A few seconds of
            // it are a pause on the way (a slow walk around a corner, a halt in traffic), not a visit: the fixes stay
            // in the movement around them.
            if (fixes[last].TimestampMs - fixes[first].TimestampMs < options.MinStillStayDuration.TotalMilliseconds)
            {
                continue;
            }

            result.Add((first, last));
        }

        return result;
    }

    /// <summary>The median of the speeds of the five steps around the step into fix <paramref name="i"/> (fewer at the ends of the data).</summary>
    private static double MedianStepSpeed(Fix[] fixes, double[] cumulative, int i)
    {
        Span<double> window = stackalloc double[5];
        var lo = Math.Max(1, i - 2);
        var hi = Math.Min(fixes.Length - 1, i + 2);
        var w = window[..(hi - lo + 1)];
        for (var j = lo; j <= hi; j++)
        {
            w[j - lo] = StepSpeed(fixes, cumulative, j);
        }

        w.Sort();
        return w[w.Length / 2];
    }

    /// <summary>The mean position of a stay's still fixes (step speed below the moving threshold): the walk away, dense
    /// and inside the stay radius, must not pull the centre the edges are judged against. Each fix weighs the time it
    /// stands for (as in <see cref="Centre"/>): a few minutes of dense fixes waiting at a stop nearby must not outweigh
    /// hours of sparse fixes indoors.</summary>
    private static (double Latitude, double Longitude) StillCentre(Fix[] fixes, double[] cumulative, int first, int last, double movingSpeed)
    {
        double lat = 0, lon = 0, weight = 0;
        for (var i = first; i <= last; i++)
        {
            if (i == first || StepSpeed(fixes, cumulative, i) < movingSpeed)
            {
                var w = TimeWeight(fixes, i, first, last);
                lat += fixes[i].Latitude * w;
                lon += fixes[i].Longitude * w;
                weight += w;
            }
        }

        return (lat / weight, lon / weight);
    }

    private static TimelineSegment Stay(Fix[] fixes, int first, int last)
    {
        var (lat, lon) = Centre(fixes, first, last);
        return new TimelineSegment(EventKind.Stationary, fixes[first].TimestampMs, fixes[last].TimestampMs, first, last, lat, lon, null, 0);
    }

    /// <summary>Splits the movement between two stays into legs where the user walked in between, and classifies each leg.</summary>
    private static void AddTransport(List<TimelineSegment> result, Fix[] fixes, double[] cumulative, int first, int last, IReadOnlyList<ActivitySample>? activities, TimelineOptions options)
    {
        var maxGapMs = (long)options.MaxTransportGap.TotalMilliseconds;
        var pieceStart = first;
        for (var i = first + 1; i <= last; i++)
        {
            if (fixes[i].TimestampMs - fixes[i - 1].TimestampMs > maxGapMs)
            {
                AddMovement(result, fixes, cumulative, pieceStart, i - 1, activities, options);
                pieceStart = i;
            }
        }

        AddMovement(result, fixes, cumulative, pieceStart, last, activities, options);
    }

    private static void AddMovement(List<TimelineSegment> result, Fix[] fixes, double[] cumulative, int first, int last, IReadOnlyList<ActivitySample>? activities, TimelineOptions options)
    {
        if (last <= first)
        {
            return;
        }

        // Underground the phone has no GPS: a silence that starts near one metro station and ends near another is a
        // metro ride (the map knows the stations), whatever the straight line between them looks like.
        if (options.Networks is { Stops: not null } networks)
        {
            var signalGapMs = (long)options.SignalGap.TotalMilliseconds;
            for (var i = first + 1; i <= last; i++)
            {
                if (fixes[i].TimestampMs - fixes[i - 1].TimestampMs > signalGapMs && networks.IsMetroHop(fixes[i - 1], fixes[i]))
                {
                    AddMovement(result, fixes, cumulative, first, i - 1, activities, options);
                    AddMetroRide(result, fixes, cumulative, i);
                    AddMovement(result, fixes, cumulative, i, last, activities, options);
                    return;
                }
            }
        }

        var legs = new List<(int First, int Last, string Mode)>();
        foreach (var (legFirst, legLast) in SplitLegs(fixes, cumulative, first, last, options))
        {
            var features = LegFeatures.Compute(fixes, legFirst, legLast, activities, options.SignalGap, cumulative, options.Networks);
            var mode = options.ModeModel?.Classify(features) ?? ModeClassifier.Classify(features);
            if (legs.Count > 0 && (legs[^1].Mode == mode || mode == TransportModes.InsufficientData))
            {
                // The same mode on both sides of a split, or a scrap too small to judge: one leg.
                legs[^1] = (legs[^1].First, legLast, legs[^1].Mode);
                continue;
            }

            legs.Add((legFirst, legLast, mode));
        }

        JoinCrawls(legs, fixes, options);
        foreach (var (legFirst, legLast, mode) in legs)
        {
            result.Add(new TimelineSegment(EventKind.Transport, fixes[legFirst].TimestampMs, fixes[legLast].TimestampMs, legFirst, legLast,
                fixes[legFirst].Latitude, fixes[legFirst].Longitude, mode, cumulative[legLast] - cumulative[legFirst]));
        }
    }

    /// <summary>
    /// A short stretch on foot between two stretches of the same private vehicle, with no stop between them, is that
    /// vehicle crawling (a car in a jam, a cyclist pushing across a junction): leaving one's car or bike for a walk and
    /// taking it again without stopping anywhere is rare, a jam is not. Not for buses and trams: a quick change of line
    /// is a walk between two of them. Trains have their own rule (<see cref="IsStopInsideOneRide"/>).
    /// </summary>
    private static void JoinCrawls(List<(int First, int Last, string Mode)> legs, Fix[] fixes, TimelineOptions options)
    {
        var maxCrawlMs = (long)options.MaxCrawlOnFoot.TotalMilliseconds;
        bool Short((int First, int Last, string Mode) leg) => fixes[leg.Last].TimestampMs - fixes[leg.First].TimestampMs <= maxCrawlMs;

        // A "run" beside a bike ride (next to it, or across a short walk) is the cyclist riding slowly: a slow bike and
        // a runner share their speeds, and nobody runs to or from their bike without stopping.
        for (var i = 0; i < legs.Count; i++)
        {
            if (legs[i].Mode == TransportModes.Running && (IsBikeNear(legs, i, -1) || IsBikeNear(legs, i, +1)))
            {
                legs[i] = (legs[i].First, legs[i].Last, TransportModes.Biking);
            }
        }

        bool IsBikeNear(List<(int First, int Last, string Mode)> all, int i, int step)
        {
            var j = i + step;
            if (j >= 0 && j < all.Count && all[j].Mode == TransportModes.Walking && Short(all[j]))
            {
                j += step;
            }

            return j >= 0 && j < all.Count && all[j].Mode == TransportModes.Biking;
        }

        for (var i = legs.Count - 1; i > 0; i--)
        {
            if (legs[i].Mode == legs[i - 1].Mode)
            {
                legs[i - 1] = (legs[i - 1].First, legs[i].Last, legs[i].Mode);
                legs.RemoveAt(i);
            }
        }

        for (var i = 1; i + 1 < legs.Count; i++)
        {
            var (before, foot, after) = (legs[i - 1], legs[i], legs[i + 1]);
            if (before.Mode == after.Mode && before.Mode is TransportModes.Car or TransportModes.Biking or TransportModes.Motorcycle
                && foot.Mode is TransportModes.Walking or TransportModes.Running && Short(foot))
            {
                legs[i - 1] = (before.First, after.Last, before.Mode);
                legs.RemoveRange(i, 2);
                i--;
            }
        }
    }

    /// <summary>A metro's average speed between stations, stops included, m/s (30 km/h: typical commercial speeds are
    /// 25–40 km/h), over the straight line between them.</summary>
    internal const double MetroSpeedMetersPerSecond = 30 / 3.6;

    /// <summary>
    /// The silent step into fix <paramref name="i"/> as a metro ride. The silence also holds the walk down to the
    /// platform and the wait there; the ride is taken to end at the first fix after it (people leave the station on
    /// foot at once) and to have lasted what the distance takes at <see cref="MetroSpeedMetersPerSecond"/>, and the time
    /// before it goes to the walk.
    /// </summary>
    private static void AddMetroRide(List<TimelineSegment> result, Fix[] fixes, double[] cumulative, int i)
    {
        var (from, to) = (fixes[i - 1], fixes[i]);
        var rideMs = (long)(1000 * GeoMath.ApproxDistanceMeters(from.Latitude, from.Longitude, to.Latitude, to.Longitude) / MetroSpeedMetersPerSecond);
        var departureMs = Math.Max(from.TimestampMs, to.TimestampMs - rideMs);
        if (departureMs > from.TimestampMs)
        {
            if (result.Count > 0 && result[^1] is { Kind: EventKind.Transport, Mode: TransportModes.Walking } walk && walk.LastFix == i - 1)
            {
                result[^1] = walk with { EndMs = departureMs };
            }
            else
            {
                result.Add(new TimelineSegment(EventKind.Transport, from.TimestampMs, departureMs, i - 1, i - 1, from.Latitude, from.Longitude, TransportModes.Walking, 0));
            }
        }

        result.Add(new TimelineSegment(EventKind.Transport, departureMs, to.TimestampMs, i - 1, i, from.Latitude, from.Longitude, TransportModes.Subway,
            cumulative[i] - cumulative[i - 1]));
    }

    /// <summary>Legs of a movement: runs of walking long enough to be a real walk separate runs of riding.</summary>
    internal static List<(int First, int Last)> SplitLegs(Fix[] fixes, double[] cumulative, int first, int last, TimelineOptions options)
    {
        if (last - first < 2)
        {
            return [(first, last)];
        }

        // Step speeds smoothed by a running median of five, so GPS jitter does not flip walk and ride.
        var steps = last - first;
        var raw = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            raw[i] = StepSpeed(fixes, cumulative, first + i + 1);
        }

        Span<double> window = stackalloc double[5];
        var runs = new List<(bool Walk, int First, int Last)>();
        for (var i = 0; i < steps; i++)
        {
            var lo = Math.Max(0, i - 2);
            var hi = Math.Min(steps - 1, i + 2);
            var w = window[..(hi - lo + 1)];
            raw.AsSpan(lo, w.Length).CopyTo(w);
            w.Sort();
            var walk = w[w.Length / 2] < options.WalkSpeedMetersPerSecond;
            var fix = first + i + 1;
            if (runs.Count > 0 && runs[^1].Walk == walk)
            {
                runs[^1] = (walk, runs[^1].First, fix);
            }
            else
            {
                runs.Add((walk, fix - 1, fix));
            }
        }

        // Repeatedly absorb the shortest run that is not real into its neighbours: a walk that is short or
        // goes nowhere is a vehicle stopping; a short ride is noise on foot.
        var minWalkMs = (long)options.MinWalkDuration.TotalMilliseconds;
        var minRideMs = (long)options.MinRideDuration.TotalMilliseconds;
        while (runs.Count > 1)
        {
            var weakest = -1;
            var weakestMs = long.MaxValue;
            for (var i = 0; i < runs.Count; i++)
            {
                var (walk, a, b) = runs[i];
                var ms = fixes[b].TimestampMs - fixes[a].TimestampMs;
                var real = walk ? ms >= minWalkMs && cumulative[b] - cumulative[a] >= options.MinWalkDistanceMeters : ms >= minRideMs;
                if (!real && ms < weakestMs)
                {
                    weakest = i;
                    weakestMs = ms;
                }
            }

            if (weakest < 0)
            {
                break;
            }

            var merged = (Walk: !runs[weakest].Walk, First: runs[weakest].First, Last: runs[weakest].Last);
            var from = weakest;
            var to = weakest;
            if (weakest > 0 && runs[weakest - 1].Walk == merged.Walk)
            {
                merged.First = runs[weakest - 1].First;
                from = weakest - 1;
            }

            if (weakest + 1 < runs.Count && runs[weakest + 1].Walk == merged.Walk)
            {
                merged.Last = runs[weakest + 1].Last;
                to = weakest + 1;
            }

            runs.RemoveRange(from, to - from + 1);
            runs.Insert(from, merged);
        }

        return [.. runs.Select(r => (r.First, r.Last))];
    }

    /// <summary>
    /// Path length from the first fix to each fix, metres. Equirectangular steps with the cosine refreshed only
    /// when the latitude has moved by a tenth of a degree (an error far below GPS noise), one pass for all uses.
    /// </summary>
    public static double[] CumulativeMeters(Fix[] fixes)
    {
        var cumulative = new double[fixes.Length];
        if (fixes.Length == 0)
        {
            return cumulative;
        }

        var cosLatitude = fixes[0].Latitude;
        var cos = Math.Cos(cosLatitude * Math.PI / 180);
        for (var i = 1; i < fixes.Length; i++)
        {
            var a = fixes[i - 1];
            var b = fixes[i];
            if (Math.Abs(b.Latitude - cosLatitude) > 0.1)
            {
                cosLatitude = b.Latitude;
                cos = Math.Cos(cosLatitude * Math.PI / 180);
            }

            var dLon = b.Longitude - a.Longitude;
            if (Math.Abs(dLon) > 180)
            {
                cumulative[i] = cumulative[i - 1] + GeoMath.ApproxDistanceMeters(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
                continue;
            }

            var x = dLon * cos;
            var y = b.Latitude - a.Latitude;
            cumulative[i] = cumulative[i - 1] + (GeoMath.MetersPerDegreeLatitude * Math.Sqrt((x * x) + (y * y)));
        }

        return cumulative;
    }

    /// <summary>Speed of the step into fix i, m/s: the phone's own speed when it has one, else from positions.</summary>
    internal static double StepSpeed(Fix[] fixes, double[] cumulative, int i)
    {
        var f = fixes[i];
        var seconds = (f.TimestampMs - fixes[i - 1].TimestampMs) / 1000.0;
        if (f.SpeedMetersPerSecond is { } reported && seconds <= 10)
        {
            return reported;
        }

        return seconds <= 0 ? 0 : (cumulative[i] - cumulative[i - 1]) / seconds;
    }

    /// <summary>The centre of a stay: the mean position weighted by how long each fix stood (sparse fixes stand longer).</summary>
    internal static (double Latitude, double Longitude) Centre(Fix[] fixes, int first, int last)
    {
        var (lat, lon, weight) = WeightedSum(fixes, first, last);
        return (lat / weight, lon / weight);
    }

    /// <summary>Sums of the positions weighted by the time each fix stands for (half the time to its neighbours, capped so one stale fix cannot dominate).</summary>
    private static (double Lat, double Lon, double Weight) WeightedSum(Fix[] fixes, int first, int last)
    {
        if (first == last)
        {
            return (fixes[first].Latitude, fixes[first].Longitude, 1);
        }

        double lat = 0, lon = 0, weight = 0;
        for (var i = first; i <= last; i++)
        {
            var w = TimeWeight(fixes, i, first, last);
            lat += fixes[i].Latitude * w;
            lon += fixes[i].Longitude * w;
            weight += w;
        }

        return (lat, lon, weight);
    }

    /// <summary>The time a fix of [<paramref name="first"/>, <paramref name="last"/>] stands for: half the steps on either
    /// side, ms, capped at ten minutes (a long silence is not all spent where the last fix was), plus one.</summary>
    private static double TimeWeight(Fix[] fixes, int i, int first, int last)
    {
        var before = i > first ? fixes[i].TimestampMs - fixes[i - 1].TimestampMs : 0;
        var after = i < last ? fixes[i + 1].TimestampMs - fixes[i].TimestampMs : 0;
        return Math.Min((before + after) / 2.0, 600_000) + 1;
    }
}
