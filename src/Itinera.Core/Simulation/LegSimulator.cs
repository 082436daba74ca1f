using Itinera.Core.Ingestion;
using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>One leg of a trip in one mode along a path.</summary>
/// <param name="Mode">A <see cref="TransportModes"/> value.</param>
/// <param name="UndergroundStart">No GPS for the first 50 m (leaving a metro station).</param>
/// <param name="UndergroundEnd">No GPS for the last 50 m and the wait (entering a metro station).</param>
/// <param name="WaitAtEndSeconds">Seconds spent standing at the end (waiting for a vehicle), part of this leg.</param>
/// <param name="NoGps">No fixes at all (a metro ride).</param>
internal sealed record LegSpec(string Mode, TravelPath Path, bool UndergroundStart, bool UndergroundEnd, int WaitAtEndSeconds, bool NoGps);

/// <summary>
/// Moves a traveller along a <see cref="TravelPath"/> second by second and records what happens. Speed follows
/// the mode's cruise speed or a fraction (88–97 %) of the road's limit, accelerating and braking at mode-specific
/// rates ahead of turns, lower limits, traffic lights, crossings, transit stops and the end. Cars may get harsh
/// brakes at lights, harsh starts from them, harsh sharp turns (per persona probability) and one speeding stretch
/// per trip (15–40 % over the limit for 0.3–1.5 km of a road with one limit over at least 400 m); the truth keeps the events the 1 Hz motion
/// actually realises (brakes and starts ≥ 3.2 m/s², turns ≥ 3.6 m/s²) and every ≥ 5 s stretch above the limit.
/// </summary>
internal sealed class LegSimulator(DayBuffer buffer, SensorModel sensors, Persona persona)
{
    private const double MaxDecelerationMetersPerSecondSquared = 7;
    private readonly List<Constraint> _constraints = new(256);
    private readonly List<float> _speedTrace = new(8192);
    private readonly List<HarshRecord> _harsh = [];
    private readonly List<PhoneEvent> _phone = [];
    private readonly List<(long Start, long End, string Kind)> _phoneUse = [];

    public SimulationRandom Random { get; set; } = null!;

    /// <summary>Simulates the leg from <paramref name="startMs"/> and returns its end, epoch milliseconds.</summary>
    /// <param name="boundaryMs">The next local midnight after the start: the truth transport is split there.</param>
    public long Run(LegSpec leg, long startMs, long boundaryMs, bool afterStay)
    {
        var random = Random;
        var path = leg.Path;
        var profile = ModeProfile.For(leg.Mode, random);
        var isCar = string.Equals(leg.Mode, TransportModes.Car, StringComparison.Ordinal);
        BuildConstraints(leg, profile, isCar);
        var (speedingFrom, speedingTo, speedingFactor) = isCar && random.Chance(persona.SpeedingProbability)
            ? ChooseSpeeding(path, profile)
            : (-1.0, -1.0, 1.0);

        var length = path.LengthMeters;
        var estimateSeconds = length / Math.Max(1, profile.CruiseMetersPerSecond * 0.7);
        long gapFrom = long.MaxValue;
        long gapTo = long.MaxValue;
        if (!leg.NoGps && estimateSeconds > 300 && random.Chance(0.15))
        {
            gapFrom = startMs + (long)(random.Uniform(0.2, 0.7) * estimateSeconds * 1000);
            gapTo = gapFrom + (long)random.Uniform(60, 180) * 1000;
        }

        sensors.BeginLeg(leg.Mode, startMs, path.Latitudes[0], afterStay);
        _speedTrace.Clear();
        _harsh.Clear();
        _speedTrace.Add(0);

        double s = 0;
        double v = 0;
        var t = startMs;
        var segment = 0;
        var next = 0;
        var dwell = 0;
        var accelActive = false;
        var accelMagnitude = 0.0;
        var pendingAccel = 0.0;
        var accelStartMs = 0L;
        var accelStartSpeed = 0.0;
        var brakeStartMs = startMs;
        var brakeStartSpeed = 0.0;
        var speedingStartMs = -1L;
        var speedingLimit = 0;
        var speedingMax = 0.0;
        var distanceAtBoundary = -1.0;
        var lastSegment = path.VertexCount - 2;

        while (true)
        {
            double sNew;
            double vNew;
            if (dwell > 0)
            {
                dwell--;
                sNew = s;
                vNew = 0;
                if (dwell == 0 && pendingAccel > 0)
                {
                    accelActive = true;
                    accelMagnitude = pendingAccel;
                    accelStartMs = t + 1000;
                    accelStartSpeed = 0;
                    pendingAccel = 0;
                }
            }
            else
            {
                var limit = path.SegmentSpeedsKmh[segment] / 3.6;
                var target = profile.UsesLimits ? Math.Min(limit * profile.LimitFactor, profile.CruiseMetersPerSecond) : profile.CruiseMetersPerSecond;
                if (s >= speedingFrom && s < speedingTo)
                {
                    target = limit * speedingFactor;
                }

                var allowed = target;
                var lookahead = v * v / (2 * profile.DecelerationMetersPerSecondSquared) + v + 25;
                for (var j = next; j < _constraints.Count && j < next + 8; j++)
                {
                    var c = _constraints[j];
                    var distance = c.AtMeters - s;
                    if (distance > lookahead)
                    {
                        break;
                    }

                    var deceleration = c.HarshBrakeDeceleration > 0 ? c.HarshBrakeDeceleration : profile.DecelerationMetersPerSecondSquared;
                    var reachable = Math.Sqrt(c.SpeedMetersPerSecond * c.SpeedMetersPerSecond + 2 * deceleration * Math.Max(0, distance - v * 0.5));
                    allowed = Math.Min(allowed, reachable);
                }

                var acceleration = accelActive ? accelMagnitude : profile.AccelerationMetersPerSecondSquared;
                vNew = Math.Max(0, Math.Max(v - MaxDecelerationMetersPerSecondSquared, Math.Min(allowed, v + acceleration)));
                sNew = s + (v + vNew) / 2;

                if (accelActive && vNew < v + accelMagnitude - 0.3)
                {
                    accelActive = false;
                    var duration = t - accelStartMs;
                    var magnitude = duration > 0 ? (v - accelStartSpeed) * 1000 / duration : 0;
                    if (duration >= 2000 && magnitude >= 3.2)
                    {
                        _harsh.Add(new HarshRecord((accelStartMs + t) / 2, HarshEventKinds.Accel, Math.Round(magnitude, 2), duration, v));
                    }
                }

                while (next < _constraints.Count && _constraints[next].AtMeters <= sNew + 0.3)
                {
                    var c = _constraints[next];
                    next++;
                    if (c.IsStop)
                    {
                        sNew = c.AtMeters;
                        vNew = 0;
                        dwell = c.DwellSeconds;
                        var duration = t + 1000 - brakeStartMs;
                        if (c.HarshBrakeDeceleration > 0 && brakeStartSpeed >= 7 && duration >= 1500)
                        {
                            var magnitude = brakeStartSpeed * 1000 / duration;
                            if (magnitude >= 3.2)
                            {
                                _harsh.Add(new HarshRecord((brakeStartMs + t + 1000) / 2, HarshEventKinds.Brake, Math.Round(magnitude, 2), duration, brakeStartSpeed));
                            }
                        }

                        pendingAccel = c.HarshAccelMagnitude;
                        if (accelActive)
                        {
                            accelActive = false;
                        }

                        break;
                    }

                    if (c.TurnRadiusMeters > 0)
                    {
                        var passing = (v + vNew) / 2;
                        var magnitude = Math.Min(8, passing * passing / c.TurnRadiusMeters);
                        if (magnitude >= 3.6)
                        {
                            var duration = (long)Math.Clamp(Math.PI / 2 * c.TurnRadiusMeters / passing * 1000, 1500, 4000);
                            _harsh.Add(new HarshRecord(t + 500, c.TurnLeft ? HarshEventKinds.LeftTurn : HarshEventKinds.RightTurn, Math.Round(magnitude, 2), duration, passing));
                        }
                    }
                }

                if (vNew >= v - 0.1)
                {
                    brakeStartMs = t + 1000;
                    brakeStartSpeed = vNew;
                }
            }

            var previousS = s;
            s = Math.Min(sNew, length);
            v = vNew;
            t += 1000;
            while (segment < lastSegment && s >= path.Cumulative[segment + 1])
            {
                segment++;
            }

            if (distanceAtBoundary < 0 && t >= boundaryMs)
            {
                distanceAtBoundary = previousS + (s - previousS) * (1 - (t - boundaryMs) / 1000.0);
            }

            if (isCar)
            {
                _speedTrace.Add((float)v);
                var limitKmh = (int)path.SegmentSpeedsKmh[segment];
                var speedKmh = v * 3.6;
                if (speedKmh > limitKmh + 1 && path.SegmentClasses[segment] != RoadClass.Service)
                {
                    if (speedingStartMs < 0 || speedingLimit != limitKmh)
                    {
                        CloseSpeeding(speedingStartMs, t - 1000, speedingLimit, speedingMax);
                        speedingStartMs = t - 1000;
                        speedingLimit = limitKmh;
                        speedingMax = 0;
                    }

                    speedingMax = Math.Max(speedingMax, speedKmh);
                }
                else if (speedingStartMs >= 0)
                {
                    CloseSpeeding(speedingStartMs, t - 1000, speedingLimit, speedingMax);
                    speedingStartMs = -1;
                }
            }

            var (latitude, longitude) = Position(path, segment, s);
            var emitFix = !leg.NoGps && (t < gapFrom || t >= gapTo)
                && !(leg.UndergroundStart && s < 50)
                && !(leg.UndergroundEnd && s > length - 50);
            sensors.Moving(t, latitude, longitude, v, path.SegmentBearings[segment], leg.Mode, emitFix);

            if (next >= _constraints.Count && dwell == 0 && v == 0)
            {
                break;
            }
        }

        if (speedingStartMs >= 0)
        {
            CloseSpeeding(speedingStartMs, t, speedingLimit, speedingMax);
        }

        AddTransport(leg.Mode, startMs, t, length, boundaryMs, distanceAtBoundary);
        if (isCar)
        {
            foreach (var harsh in _harsh)
            {
                buffer.HarshEvents.Add(new TruthHarshEvent(DateTimeOffset.FromUnixTimeMilliseconds(harsh.TimeMs), harsh.Kind, harsh.MagnitudeMetersPerSecondSquared));
            }

            MotionSynthesizer.Synthesize(startMs, _speedTrace, _harsh, random, buffer.Motion);
            AddPhoneUse(startMs, t);
        }

        return t;
    }

    private void AddTransport(string mode, long startMs, long endMs, double length, long boundaryMs, double distanceAtBoundary)
    {
        if (boundaryMs > startMs && boundaryMs < endMs && distanceAtBoundary >= 0)
        {
            buffer.Transports.Add(new TruthTransport(mode, DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(boundaryMs), Math.Round(distanceAtBoundary, 1)));
            buffer.Transports.Add(new TruthTransport(mode, DateTimeOffset.FromUnixTimeMilliseconds(boundaryMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), Math.Round(length - distanceAtBoundary, 1)));
            return;
        }

        buffer.Transports.Add(new TruthTransport(mode, DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), Math.Round(length, 1)));
    }

    private void CloseSpeeding(long startMs, long endMs, int limitKmh, double maxKmh)
    {
        if (startMs >= 0 && endMs - startMs >= 5000)
        {
            buffer.Speeding.Add(new TruthSpeeding(
                DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), limitKmh, Math.Round(maxKmh, 1)));
        }
    }

    private void AddPhoneUse(long startMs, long endMs)
    {
        var random = Random;
        if (endMs - startMs < 180_000 || !random.Chance(persona.PhoneUseProbability))
        {
            return;
        }

        _phoneUse.Clear();
        _phone.Clear();
        var episodes = random.Chance(0.3) ? 2 : 1;
        for (var episode = 0; episode < episodes; episode++)
        {
            var roll = random.NextDouble();
            var kind = roll < 0.55 ? PhoneUseKinds.Handling : roll < 0.75 ? PhoneUseKinds.HandheldCall : PhoneUseKinds.HandsfreeCall;
            var duration = (long)(kind == PhoneUseKinds.Handling ? random.Uniform(10, 60) : random.Uniform(45, 300)) * 1000;
            duration = Math.Min(duration, endMs - startMs - 60_000);
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var from = startMs + 30_000 + (long)(random.NextDouble() * (endMs - startMs - 60_000 - duration)) / 1000 * 1000;
                var to = from + duration;
                if (_phoneUse.TrueForAll(u => to + 5000 < u.Start || from > u.End + 5000))
                {
                    _phoneUse.Add((from, to, kind));
                    break;
                }
            }
        }

        _phoneUse.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        foreach (var (from, to, kind) in _phoneUse)
        {
            buffer.PhoneUse.Add(new TruthPhoneUse(DateTimeOffset.FromUnixTimeMilliseconds(from), DateTimeOffset.FromUnixTimeMilliseconds(to), kind));
            switch (kind)
            {
                case PhoneUseKinds.Handling:
                    _phone.Add(new PhoneEvent(from, PhoneEventType.HandlingStart));
                    _phone.Add(new PhoneEvent(from + 500, PhoneEventType.ScreenOn));
                    _phone.Add(new PhoneEvent(to - 500, PhoneEventType.ScreenOff));
                    _phone.Add(new PhoneEvent(to, PhoneEventType.HandlingEnd));
                    break;
                case PhoneUseKinds.HandheldCall:
                    _phone.Add(new PhoneEvent(from, PhoneEventType.CallStart, false));
                    _phone.Add(new PhoneEvent(from + 1000, PhoneEventType.HandlingStart));
                    _phone.Add(new PhoneEvent(to - 1000, PhoneEventType.HandlingEnd));
                    _phone.Add(new PhoneEvent(to, PhoneEventType.CallEnd, false));
                    break;
                default:
                    _phone.Add(new PhoneEvent(from, PhoneEventType.CallStart, true));
                    _phone.Add(new PhoneEvent(to, PhoneEventType.CallEnd, true));
                    break;
            }
        }

        buffer.PhoneEvents.AddRange(_phone);
    }

    private void BuildConstraints(LegSpec leg, ModeProfile profile, bool isCar)
    {
        var random = Random;
        var path = leg.Path;
        _constraints.Clear();
        var stopIndex = 0;
        var stops = path.StopVertices;
        var harshProbability = isCar ? persona.HarshEventProbability : 0;
        for (var k = 1; k < path.VertexCount - 1; k++)
        {
            while (stopIndex < stops.Length && stops[stopIndex] < k)
            {
                stopIndex++;
            }

            var at = path.Cumulative[k];
            if (stopIndex < stops.Length && stops[stopIndex] == k)
            {
                _constraints.Add(Constraint.Stop(at, random.Next(profile.StopDwellMinSeconds, profile.StopDwellMaxSeconds + 1)));
                continue;
            }

            if (path.Intersections[k])
            {
                var majorRoad = path.SegmentClasses[k - 1] <= RoadClass.Secondary || path.SegmentClasses[k] <= RoadClass.Secondary;
                var probability = profile.IsPedestrian ? (majorRoad ? profile.LightProbability : 0) : profile.LightProbability;
                if (random.Chance(probability))
                {
                    var light = Constraint.Stop(at, random.Next(profile.LightDwellMinSeconds, profile.LightDwellMaxSeconds + 1));
                    if (random.Chance(harshProbability))
                    {
                        light = light with { HarshBrakeDeceleration = random.Uniform(3.8, 5.5) };
                    }

                    if (random.Chance(harshProbability))
                    {
                        light = light with { HarshAccelMagnitude = random.Uniform(3.4, 4.6) };
                    }

                    _constraints.Add(light);
                    continue;
                }
            }

            var speed = double.PositiveInfinity;
            var turn = Math.Abs(path.Turns[k]);
            var radius = 0.0;
            if (turn > 60 && profile.SharpTurnMetersPerSecond > 0)
            {
                speed = profile.SharpTurnMetersPerSecond;
                if (random.Chance(harshProbability))
                {
                    radius = random.Uniform(12, 16);
                    speed = Math.Sqrt(random.Uniform(4.2, 6.0) * radius);
                }
            }
            else if (turn > 30 && profile.MildTurnMetersPerSecond > 0)
            {
                speed = profile.MildTurnMetersPerSecond;
            }

            if (profile.UsesLimits && path.SegmentSpeedsKmh[k] < path.SegmentSpeedsKmh[k - 1])
            {
                speed = Math.Min(speed, path.SegmentSpeedsKmh[k] / 3.6 * profile.LimitFactor);
            }

            if (!double.IsPositiveInfinity(speed))
            {
                _constraints.Add(new Constraint(at, speed, 0, false, 0, 0, radius, path.Turns[k] < 0));
            }
        }

        _constraints.Add(Constraint.Stop(path.LengthMeters, leg.WaitAtEndSeconds));
    }

    private (double From, double To, double Factor) ChooseSpeeding(TravelPath path, ModeProfile profile)
    {
        var random = Random;
        var runs = new List<(double From, double To)>();
        var start = 0;
        for (var k = 1; k <= path.SegmentSpeedsKmh.Length; k++)
        {
            if (k == path.SegmentSpeedsKmh.Length || path.SegmentSpeedsKmh[k] != path.SegmentSpeedsKmh[start])
            {
                if (path.SegmentClasses[start] != RoadClass.Service && path.Cumulative[k] - path.Cumulative[start] >= 400)
                {
                    runs.Add((path.Cumulative[start] + 40, path.Cumulative[k] - 40));
                }

                start = k;
            }
        }

        if (runs.Count == 0)
        {
            return (-1, -1, 1);
        }

        var (runFrom, runTo) = random.Pick(runs);
        var stretch = Math.Min(runTo - runFrom, random.Uniform(300, 1500));
        var from = runFrom + random.NextDouble() * (runTo - runFrom - stretch);
        var to = from + stretch;
        var limitKmh = path.SegmentSpeedsKmh[SegmentAt(path, from)];
        var endConstraint = new Constraint(to, limitKmh / 3.6 * profile.LimitFactor, 0, false, 0, 0, 0, false);
        var index = _constraints.FindIndex(c => c.AtMeters > to);
        _constraints.Insert(index < 0 ? _constraints.Count - 1 : index, endConstraint);
        var factor = random.Uniform(1.15, 1.4);
        return (from, to, factor);
    }

    private static int SegmentAt(TravelPath path, double s)
    {
        var index = Array.BinarySearch(path.Cumulative, s);
        index = index < 0 ? ~index - 1 : index;
        return Math.Clamp(index, 0, path.VertexCount - 2);
    }

    private static (double Latitude, double Longitude) Position(TravelPath path, int segment, double s)
    {
        var from = path.Cumulative[segment];
        var span = path.Cumulative[segment + 1] - from;
        var fraction = span > 0 ? Math.Clamp((s - from) / span, 0, 1) : 0;
        return (
            path.Latitudes[segment] + fraction * (path.Latitudes[segment + 1] - path.Latitudes[segment]),
            path.Longitudes[segment] + fraction * (path.Longitudes[segment + 1] - path.Longitudes[segment]));
    }

    /// <summary>A point of the path the traveller must pass at or below a speed, or stop at for a while.</summary>
    private readonly record struct Constraint(
        double AtMeters,
        double SpeedMetersPerSecond,
        int DwellSeconds,
        bool IsStop,
        double HarshBrakeDeceleration,
        double HarshAccelMagnitude,
        double TurnRadiusMeters,
        bool TurnLeft)
    {
        public static Constraint Stop(double at, int dwellSeconds) => new(at, 0, dwellSeconds, true, 0, 0, 0, false);
    }
}
