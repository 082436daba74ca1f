using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>
/// Plans each day of one user from their persona: commutes, lunch, sport, shopping, culture, evenings out,
/// weekend trips, holidays, night shifts and home-office days, with jittered times. The plan only says where
/// to go and when to leave; the trip simulation decides when the user actually arrives.
/// </summary>
internal sealed class DayPlanner(UserProfile profile, Func<PointOfInterest, PointOfInterest, TripMode, double> estimateMinutes)
{
    private Persona Persona => profile.Persona;

    private PointOfInterest Home => profile.Home;

    public List<Visit> Plan(DayContext context)
    {
        var visits = new List<Visit>();
        if (context.Holiday != HolidayPhase.None)
        {
            PlanHoliday(context, visits);
            return visits;
        }

        if (string.Equals(context.Anomaly, AnomalyKinds.LongTrip, StringComparison.Ordinal))
        {
            PlanLongTrip(context, visits);
            return visits;
        }

        var works = profile.Work is not null && Persona.WorkDays.Contains(context.Date.DayOfWeek);
        if (Persona.NightShift)
        {
            PlanNightShiftDay(context, visits, works);
            return visits;
        }

        if (works && string.Equals(context.Anomaly, AnomalyKinds.MissedCommute, StringComparison.Ordinal))
        {
            return visits;
        }

        if (works)
        {
            var homeOffice = context.Anomaly is null && context.Random.Chance(Persona.WorkFromHomeProbability);
            if (homeOffice)
            {
                PlanHomeOffice(context, visits);
            }
            else
            {
                PlanWorkday(context, visits);
            }
        }
        else
        {
            PlanFreeDay(context, visits, Persona.Workplace == Workplace.None ? 9 * 60 : 9.5 * 60);
        }

        return visits;
    }

    private void PlanWorkday(DayContext context, List<Visit> visits)
    {
        var random = context.Random;
        var work = profile.Work!;
        var commuteMode = CommuteMode();
        var start = Persona.WorkStartHour * 60 + random.Gaussian(0, 10);
        visits.Add(new Visit(work, PlaceKinds.Work, Purpose.Work, start - estimateMinutes(Home, work, commuteMode) - random.Uniform(0, 8), commuteMode, 30));
        var end = start + Persona.WorkHours * 60 + random.Gaussian(0, 15);
        var longDay = string.Equals(context.Anomaly, AnomalyKinds.LongWorkingDay, StringComparison.Ordinal);
        if (longDay)
        {
            end += random.Uniform(240, 330);
        }

        if (profile.LunchPlaces.Count > 0 && random.Chance(Persona.LunchOutProbability))
        {
            var lunchAt = 12 * 60 + random.Uniform(0, 45);
            var place = random.Pick(profile.LunchPlaces);
            visits.Add(new Visit(place, PlaceKinds.Of(place.Category), Purpose.Lunch, lunchAt, LunchMode(work, place), 25));
            visits.Add(new Visit(work, PlaceKinds.Work, Purpose.Work, lunchAt + random.Uniform(40, 70), LunchMode(place, work), 30));
        }

        var gym = false;
        if (longDay)
        {
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, end, commuteMode, 10));
            return;
        }

        if (random.Chance(Persona.GymProbability))
        {
            gym = true;
            AddOuting(visits, work, random.Pick(profile.Gyms), Purpose.Gym, end, random.Uniform(60, 100));
        }
        else if (random.Chance(Persona.CultureProbability * 0.35))
        {
            AddOuting(visits, work, random.Pick(profile.Museums), Purpose.Culture, end, random.Uniform(60, 100));
        }
        else if (random.Chance(Persona.ShoppingProbability))
        {
            AddOuting(visits, work, random.Pick(profile.Groceries), Purpose.Groceries, end, random.Uniform(12, 30));
        }
        else if (random.Chance(Persona.FashionProbability))
        {
            AddOuting(visits, work, random.Pick(profile.FashionShops), Purpose.Fashion, end, random.Uniform(25, 60));
        }
        else
        {
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, end, commuteMode, 10));
        }

        PlanEvening(context, visits, weekend: false, hadSport: gym);
    }

    private void PlanHomeOffice(DayContext context, List<Visit> visits)
    {
        var random = context.Random;
        if (random.Chance(0.3))
        {
            var bakery = profile.NearHomeLunch[^1];
            var at = 8 * 60 + random.Uniform(0, 60);
            visits.Add(new Visit(bakery, PlaceKinds.Of(bakery.Category), Purpose.Groceries, at, ErrandMode(Home, bakery), 4));
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, at + random.Uniform(6, 12), ErrandMode(bakery, Home), 10));
        }

        if (random.Chance(Persona.LunchOutProbability * 0.5))
        {
            var cafe = random.Pick(profile.NearHomeLunch);
            var at = 12 * 60 + random.Uniform(0, 45);
            visits.Add(new Visit(cafe, PlaceKinds.Of(cafe.Category), Purpose.Lunch, at, ErrandMode(Home, cafe), 25));
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, at + random.Uniform(35, 55), ErrandMode(cafe, Home), 10));
        }

        var afternoon = 17.5 * 60 + random.Uniform(0, 60);
        var gym = false;
        if (random.Chance(Persona.GymProbability))
        {
            gym = true;
            AddOuting(visits, Home, random.Pick(profile.Gyms), Purpose.Gym, afternoon, random.Uniform(60, 100));
        }
        else if (random.Chance(Persona.ShoppingProbability))
        {
            AddOuting(visits, Home, random.Pick(profile.Groceries), Purpose.Groceries, afternoon, random.Uniform(12, 30));
        }
        else if (random.Chance(Persona.ParkWalkProbability))
        {
            AddOuting(visits, Home, profile.Park, Purpose.ParkWalk, afternoon - 60, random.Uniform(30, 70));
        }

        PlanEvening(context, visits, weekend: false, hadSport: gym);
    }

    private void PlanFreeDay(DayContext context, List<Visit> visits, double earliestMinute)
    {
        var random = context.Random;
        var weekend = context.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend && !context.IsLastDay && random.Chance(Persona.WeekendTripProbability))
        {
            PlanExcursion(context, visits);
            return;
        }

        var from = visits.Count > 0 ? visits[^1].Place : context.CurrentPlace;
        var t = Math.Max(earliestMinute, 9.5 * 60) + random.Uniform(0, 75);
        if (random.Chance(Math.Min(1, Persona.ShoppingProbability * 1.2)))
        {
            AddOuting(visits, from, random.Pick(profile.Groceries), Purpose.Groceries, t, random.Uniform(15, 40));
            t += random.Uniform(80, 110);
        }

        var sport = false;
        if (random.Chance(Persona.GymProbability))
        {
            sport = true;
            AddOuting(visits, Home, random.Pick(profile.Gyms), Purpose.Gym, Math.Max(t, 11 * 60), random.Uniform(60, 110));
        }
        else if (random.Chance(Persona.RunProbability))
        {
            sport = true;
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Run, Math.Max(t, 10.5 * 60), TripMode.Running, 20, profile.Park, random.Pick(profile.RunTurnarounds)));
        }

        var afternoon = 14 * 60 + random.Uniform(0, 60);
        if (random.Chance(Math.Min(1, Persona.FashionProbability * 2)))
        {
            var first = random.Pick(profile.FashionShops);
            visits.Add(new Visit(first, PlaceKinds.Shop, Purpose.Fashion, afternoon, ErrandMode(Home, first), 15));
            var last = first;
            if (random.Chance(0.5))
            {
                var second = random.Pick(profile.FashionShops);
                if (second.Id != first.Id)
                {
                    visits.Add(new Visit(second, PlaceKinds.Shop, Purpose.Fashion, afternoon + random.Uniform(25, 50), ErrandMode(first, second), 15));
                    last = second;
                }
            }

            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, afternoon + random.Uniform(70, 120), ErrandMode(last, Home), 10));
        }
        else if (random.Chance(Persona.CultureProbability))
        {
            AddOuting(visits, Home, random.Pick(profile.Museums), Purpose.Culture, afternoon, random.Uniform(80, 150));
        }
        else if (random.Chance(Persona.ParkWalkProbability))
        {
            AddOuting(visits, Home, profile.Park, Purpose.ParkWalk, afternoon, random.Uniform(40, 90));
        }

        PlanEvening(context, visits, weekend, sport);
    }

    private void PlanEvening(DayContext context, List<Visit> visits, bool weekend, bool hadSport)
    {
        var random = context.Random;
        if (context.IsLastDay)
        {
            return;
        }

        var boost = weekend ? 1.3 : 1.0;
        if (random.Chance(Math.Min(1, Persona.DinnerOutProbability * boost)))
        {
            var at = 19 * 60 + random.Uniform(0, 60);
            AddOuting(visits, Home, random.Pick(profile.DinnerPlaces), Purpose.Dinner, at, random.Uniform(80, 140));
        }
        else if (random.Chance(Math.Min(1, Persona.BarProbability * boost)))
        {
            var at = 20.5 * 60 + random.Uniform(0, 60);
            var late = context.Date.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 60 : 0;
            AddOuting(visits, Home, random.Pick(profile.Bars), Purpose.Bar, at, random.Uniform(100, 180) + late);
        }
        else if (!hadSport && random.Chance(Persona.RunProbability))
        {
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Run, 18.5 * 60 + random.Uniform(0, 60), TripMode.Running, 20, profile.Park, random.Pick(profile.RunTurnarounds)));
        }
    }

    private void PlanNightShiftDay(DayContext context, List<Visit> visits, bool worksTonight)
    {
        var random = context.Random;
        var commuteMode = CommuteMode();
        if (profile.Work is { } work && context.CurrentPlace.Id == work.Id)
        {
            visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, 6 * 60 + random.Uniform(0, 15), commuteMode, 60));
        }

        if (worksTonight && string.Equals(context.Anomaly, AnomalyKinds.MissedCommute, StringComparison.Ordinal))
        {
            return;
        }

        if (!worksTonight)
        {
            PlanFreeDay(context, visits, 11 * 60);
            return;
        }

        if (random.Chance(Persona.ShoppingProbability))
        {
            AddOuting(visits, Home, random.Pick(profile.Groceries), Purpose.Groceries, 15 * 60 + random.Uniform(0, 60), random.Uniform(15, 35));
        }
        else if (random.Chance(Persona.GymProbability))
        {
            AddOuting(visits, Home, random.Pick(profile.Gyms), Purpose.Gym, 16 * 60 + random.Uniform(0, 30), random.Uniform(60, 90));
        }

        var start = Persona.WorkStartHour * 60 + random.Gaussian(0, 5);
        visits.Add(new Visit(profile.Work!, PlaceKinds.Work, Purpose.Work, start - estimateMinutes(Home, profile.Work!, commuteMode) - random.Uniform(0, 8), commuteMode, 30));
    }

    private void PlanHoliday(DayContext context, List<Visit> visits)
    {
        var random = context.Random;
        var longMode = Persona.Drives ? TripMode.Car : TripMode.Train;
        var hotel = profile.Hotel;
        switch (context.Holiday)
        {
            case HolidayPhase.Outbound:
                visits.Add(new Visit(hotel, PlaceKinds.Holiday, Purpose.Holiday, 9.5 * 60 + random.Uniform(0, 60), longMode, 60));
                AddOuting(visits, hotel, profile.Beach, Purpose.Beach, 15 * 60 + random.Uniform(0, 30), random.Uniform(60, 120), hotel);
                AddOuting(visits, hotel, random.Pick(profile.CoastRestaurants), Purpose.Dinner, 19.5 * 60 + random.Uniform(0, 30), random.Uniform(60, 100), hotel);
                break;
            case HolidayPhase.Away:
                if (random.Chance(Math.Max(Persona.RunProbability, Persona.GymProbability * 0.8)))
                {
                    visits.Add(new Visit(hotel, PlaceKinds.Holiday, Purpose.Run, 8 * 60 + random.Uniform(0, 60), TripMode.Running, 20, profile.Beach, profile.CoastTurnaround));
                }

                AddOuting(visits, hotel, profile.Beach, Purpose.Beach, 10 * 60 + random.Uniform(0, 60), random.Uniform(90, 150), hotel);
                AddOuting(visits, hotel, random.Pick(profile.CoastRestaurants), Purpose.Lunch, 13 * 60 + random.Uniform(0, 30), random.Uniform(50, 80), hotel);
                if (random.Chance(0.6))
                {
                    AddOuting(visits, hotel, profile.Beach, Purpose.Beach, 16 * 60 + random.Uniform(0, 30), random.Uniform(45, 90), hotel);
                }

                AddOuting(visits, hotel, random.Pick(profile.CoastRestaurants), Purpose.Dinner, 19.5 * 60 + random.Uniform(0, 30), random.Uniform(60, 100), hotel);
                break;
            default:
                visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, 10.5 * 60 + random.Uniform(0, 90), longMode, 30));
                if (random.Chance(Persona.ShoppingProbability))
                {
                    AddOuting(visits, Home, random.Pick(profile.Groceries), Purpose.Groceries, 17 * 60 + random.Uniform(0, 30), random.Uniform(15, 30));
                }

                break;
        }
    }

    private void PlanExcursion(DayContext context, List<Visit> visits)
    {
        var random = context.Random;
        var longMode = Persona.Drives ? TripMode.Car : TripMode.Train;
        var sight = random.Pick(profile.TownSights);
        var restaurant = random.Pick(profile.TownRestaurants);
        var at = 10 * 60 + random.Uniform(0, 60);
        visits.Add(new Visit(sight, PlaceKinds.Of(sight.Category), Purpose.Excursion, at, longMode, 60));
        visits.Add(new Visit(restaurant, PlaceKinds.Of(restaurant.Category), Purpose.Excursion, at + random.Uniform(100, 150), ErrandMode(sight, restaurant), 45));
        visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, at + random.Uniform(220, 300), longMode, 10));
    }

    private void PlanLongTrip(DayContext context, List<Visit> visits)
    {
        var random = context.Random;
        var longMode = Persona.Drives ? TripMode.Car : TripMode.Train;
        var beach = profile.Beach;
        var restaurant = random.Pick(profile.CoastRestaurants);
        var at = 8.5 * 60 + random.Uniform(0, 45);
        visits.Add(new Visit(beach, PlaceKinds.Beach, Purpose.Beach, at, longMode, 60));
        visits.Add(new Visit(restaurant, PlaceKinds.Of(restaurant.Category), Purpose.Lunch, at + random.Uniform(200, 240), ErrandMode(beach, restaurant), 40));
        visits.Add(new Visit(Home, PlaceKinds.Home, Purpose.Home, at + random.Uniform(300, 340), longMode, 10));
    }

    /// <summary>Goes from <paramref name="from"/> to a place, stays about <paramref name="stayMinutes"/> and returns to <paramref name="back"/> (home by default).</summary>
    private void AddOuting(
        List<Visit> visits, PointOfInterest from, PointOfInterest place, Purpose purpose, double departMinute, double stayMinutes, PointOfInterest? back = null)
    {
        var returnTo = back ?? Home;
        var origin = visits.Count > 0 ? visits[^1].Place : from;
        visits.Add(new Visit(place, PlaceKinds.Of(place.Category), purpose, departMinute, ErrandMode(origin, place), Math.Min(15, stayMinutes / 2)));
        var kind = returnTo.Id == Home.Id ? PlaceKinds.Home : PlaceKinds.Of(returnTo.Category);
        visits.Add(new Visit(returnTo, kind, returnTo.Id == Home.Id ? Purpose.Home : Purpose.Holiday, departMinute + stayMinutes, ErrandMode(place, returnTo), 10));
    }

    /// <summary>Lunch is walked up to 1.2 km; farther, it is an errand (the car stays at work for train commuters).</summary>
    private TripMode LunchMode(PointOfInterest from, PointOfInterest to) =>
        Geodesy.DistanceMeters(from.Latitude, from.Longitude, to.Latitude, to.Longitude) < 1200 ? TripMode.Walking : ErrandMode(from, to);

    /// <summary>The mode of a trip that is not a commute: walking when close, else the persona's preference.</summary>
    private TripMode ErrandMode(PointOfInterest from, PointOfInterest to)
    {
        var distance = Geodesy.DistanceMeters(from.Latitude, from.Longitude, to.Latitude, to.Longitude);
        return Persona.Errands switch
        {
            TravelPreference.Car => distance < 400 ? TripMode.Walking : TripMode.Car,
            TravelPreference.Biking => distance < 700 ? TripMode.Walking : TripMode.Biking,
            TravelPreference.Walking => distance < 2500 ? TripMode.Walking : TripMode.Transit,
            _ => distance < 900 ? TripMode.Walking : TripMode.Transit,
        };
    }

    private TripMode CommuteMode() => Persona.CommuteMode switch
    {
        TransportModes.Car => TripMode.Car,
        TransportModes.Bus => TripMode.Bus,
        TransportModes.Tram => TripMode.Tram,
        TransportModes.Subway => TripMode.Subway,
        TransportModes.Train => TripMode.Train,
        TransportModes.Biking => TripMode.Biking,
        TransportModes.Walking => TripMode.Walking,
        _ => TripMode.Transit,
    };
}
