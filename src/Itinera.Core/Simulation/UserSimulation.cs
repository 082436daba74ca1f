using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>
/// Runs one user day after day: plans the day, closes the current stay at each departure, simulates the trip's
/// legs, opens the stay at the destination, fills the rest of the day with the stationary samples of the
/// current stay and cuts the day's streams at local midnight. Day d draws from its own generator seeded with
/// (seed, user, d), so a day's randomness does not depend on how much earlier days consumed.
/// </summary>
internal sealed class UserSimulation
{
    private readonly SimulatedUser _user;
    private readonly SyntheticCity _city;
    private readonly UserProfile _profile;
    private readonly LocalClock _clock;
    private readonly DayBuffer _buffer = new();
    private readonly SensorModel _sensors;
    private readonly LegSimulator _legs;
    private readonly DayPlanner _planner;
    private readonly long[] _dayStarts;
    private PointOfInterest _place;
    private long _arrivalMs;
    private long _minimumStayMs;
    private long _stayPieceStartMs;

    public UserSimulation(SimulatedUser user)
    {
        _user = user;
        _city = user.City;
        _profile = user.Profile;
        _clock = user.Clock;
        _sensors = new SensorModel(_city, _buffer, _clock);
        _legs = new LegSimulator(_buffer, _sensors, user.Persona);
        _planner = new DayPlanner(_profile, EstimateMinutes);
        _dayStarts = new long[user.Days + 1];
        for (var d = 0; d <= user.Days; d++)
        {
            _dayStarts[d] = _clock.StartOfDayMs(user.StartDate.AddDays(d));
        }

        _place = _profile.Home;
    }

    public IEnumerable<SimulatedDay> Run()
    {
        var seed = _user.Seed;
        var userStream = _user.Index + 1L;
        _sensors.Random = new SimulationRandom(seed, userStream, 0);
        _arrivalMs = _dayStarts[0];
        _stayPieceStartMs = _dayStarts[0];
        _minimumStayMs = 0;
        _sensors.BeginStay(_place.Latitude, _place.Longitude, _dayStarts[0]);
        for (var d = 0; d < _user.Days; d++)
        {
            var random = new SimulationRandom(seed, userStream, d + 1);
            _sensors.Random = random;
            _legs.Random = random;
            var date = _user.StartDate.AddDays(d);
            var anomaly = _user.AnomalyOn(d);
            if (anomaly is not null)
            {
                _buffer.Anomalies.Add(new TruthAnomaly(date, anomaly));
            }

            var context = new DayContext(d, date, _place, d == _user.Days - 1, _user.HolidayOn(d), anomaly, random);
            foreach (var visit in _planner.Plan(context))
            {
                var planned = _clock.ToEpochMs(date, visit.DepartMinute);
                var depart = Math.Max(planned, _arrivalMs + _minimumStayMs);
                depart = (depart + 999) / 1000 * 1000;
                CloseStay(depart);
                var t = depart;
                var first = true;
                foreach (var leg in BuildLegs(_place, visit, random))
                {
                    t = _legs.Run(leg, t, NextBoundary(t), first);
                    first = false;
                }

                _place = visit.Place;
                _arrivalMs = t;
                _minimumStayMs = Math.Max(60_000, (long)(visit.MinStayMinutes * 60_000));
                _stayPieceStartMs = t;
                _sensors.BeginStay(_place.Latitude, _place.Longitude, t);
            }

            var dayEnd = _dayStarts[d + 1];
            if (_stayPieceStartMs < dayEnd)
            {
                _sensors.Stationary(dayEnd);
                AddStay(_stayPieceStartMs, dayEnd);
                _stayPieceStartMs = dayEnd;
            }

            yield return _buffer.Cut(d, date, _dayStarts[d], dayEnd);
        }
    }

    private void CloseStay(long departMs)
    {
        _sensors.Stationary(departMs);
        if (departMs > _stayPieceStartMs)
        {
            AddStay(_stayPieceStartMs, departMs);
        }
    }

    /// <summary>Adds the truth of a stay, split at every local midnight it crosses.</summary>
    private void AddStay(long startMs, long endMs)
    {
        var placeId = SimulatedUser.PlaceId(_place);
        while (startMs < endMs)
        {
            var pieceEnd = Math.Min(endMs, NextBoundary(startMs));
            _buffer.Stays.Add(new TruthStay(
                DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(pieceEnd),
                placeId, _place.Latitude, _place.Longitude));
            startMs = pieceEnd;
        }
    }

    private long NextBoundary(long t)
    {
        foreach (var start in _dayStarts)
        {
            if (start > t)
            {
                return start;
            }
        }

        return long.MaxValue;
    }

    private List<LegSpec> BuildLegs(PointOfInterest from, Visit visit, SimulationRandom random)
    {
        var routes = _city.Routes;
        var a = Anchor.Of(from);
        var b = Anchor.Of(visit.Place);
        switch (visit.Mode)
        {
            case TripMode.Car:
                return [Leg(TransportModes.Car, routes.Road(a, b, RouteProfile.Car))];
            case TripMode.Walking:
                return [Leg(TransportModes.Walking, routes.Road(a, b, RouteProfile.Foot))];
            case TripMode.Biking:
                return [Leg(TransportModes.Biking, routes.Road(a, b, RouteProfile.Bike))];
            case TripMode.Running:
                return [Leg(TransportModes.Running, routes.Loop(a, Anchor.Of(visit.Via ?? visit.Place), Anchor.Of(visit.Turnaround ?? visit.Via ?? visit.Place)))];
        }

        var mask = visit.Mode switch
        {
            TripMode.Bus => RouteCache.Mask(TransitKind.Bus),
            TripMode.Tram => RouteCache.Mask(TransitKind.Tram),
            TripMode.Subway => RouteCache.Mask(TransitKind.Subway),
            TripMode.Train => RouteCache.Mask(TransitKind.Train),
            _ => RouteCache.CityKinds,
        };
        // Beyond the requested kinds, any line (the train included, between the city, the town and the coast).
        var plan = routes.Transit(a, b, mask) ?? routes.Transit(a, b, RouteCache.CityKinds | RouteCache.Mask(TransitKind.Train));
        if (plan is null)
        {
            var distance = a.DistanceTo(b);
            if (distance < 2500)
            {
                return [Leg(TransportModes.Walking, routes.Road(a, b, RouteProfile.Foot))];
            }

            return _user.Persona.Drives
                ? [Leg(TransportModes.Car, routes.Road(a, b, RouteProfile.Car))]
                : [Leg(TransportModes.Biking, routes.Road(a, b, RouteProfile.Bike))];
        }

        var legs = new List<LegSpec>(plan.Legs.Count);
        for (var i = 0; i < plan.Legs.Count; i++)
        {
            var leg = plan.Legs[i];
            if (leg.Line is { } line)
            {
                legs.Add(new LegSpec(line.Kind.ToTransportMode(), routes.Ride(line, leg.FromStop, leg.ToStop), false, false, 0, line.Kind == TransitKind.Subway));
            }
            else
            {
                var wait = i + 1 < plan.Legs.Count ? random.Next(60, 420) : 0;
                legs.Add(new LegSpec(TransportModes.Walking, routes.Road(leg.From, leg.To, RouteProfile.Foot), leg.From.Underground, leg.To.Underground, wait, false));
            }
        }

        return legs;
    }

    private static LegSpec Leg(string mode, TravelPath path) => new(mode, path, false, false, 0, false);

    /// <summary>Expected door-to-door minutes of a trip, for planning departures.</summary>
    private double EstimateMinutes(PointOfInterest from, PointOfInterest to, TripMode mode)
    {
        var routes = _city.Routes;
        var a = Anchor.Of(from);
        var b = Anchor.Of(to);
        return mode switch
        {
            TripMode.Car => routes.Road(a, b, RouteProfile.Car).FreeFlowSeconds / 60 * 1.15 + 2,
            TripMode.Walking => routes.Road(a, b, RouteProfile.Foot).LengthMeters / 1.3 / 60,
            TripMode.Biking => routes.Road(a, b, RouteProfile.Bike).LengthMeters / 5 / 60 + 1,
            TripMode.Running => 30,
            _ => (routes.Transit(a, b, mode switch
            {
                TripMode.Bus => RouteCache.Mask(TransitKind.Bus),
                TripMode.Tram => RouteCache.Mask(TransitKind.Tram),
                TripMode.Subway => RouteCache.Mask(TransitKind.Subway),
                TripMode.Train => RouteCache.Mask(TransitKind.Train),
                _ => RouteCache.CityKinds,
            })?.CostSeconds ?? a.DistanceTo(b) / 1.3) / 60 * 1.2 + 3,
        };
    }
}
