using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>
/// Derives the expected segments of a user from their simulated truth (not from the persona's intent), with
/// rates per week over the simulated days (at least one week). The thresholds are documented in
/// <c>docs/simulator.md</c>; every id exists in <see cref="Catalogues.SegmentCatalogue"/> (2019 generation).
/// </summary>
internal static class SegmentRules
{
    private static readonly HashSet<string> PublicTransport = new(StringComparer.Ordinal)
    {
        TransportModes.Bus, TransportModes.Tram, TransportModes.Train, TransportModes.Subway,
    };

    private static readonly HashSet<string> Green = new(StringComparer.Ordinal)
    {
        TransportModes.Walking, TransportModes.Biking, TransportModes.Running,
    };

    public static IReadOnlyList<string> Evaluate(
        SimulatedUser user, IReadOnlyList<TruthPlace> places, List<TruthStay> stays, List<TruthTransport> transports,
        List<TruthHarshEvent> harsh, List<TruthSpeeding> speeding, List<TruthPhoneUse> phoneUse, int days)
    {
        var weeks = Math.Max(1, days / 7.0);
        var clock = user.Clock;
        var kindOf = places.ToDictionary(p => p.PlaceId, p => p.Kind, StringComparer.Ordinal);
        string Kind(TruthStay stay) => kindOf.GetValueOrDefault(stay.PlaceId) ?? PlaceKinds.Other;
        int Count(params string[] kinds) => stays.Count(s => kinds.Contains(Kind(s), StringComparer.Ordinal));
        var segments = new List<string>();
        var home = user.Home;
        var work = user.Work;
        var workStays = stays.Where(s => string.Equals(Kind(s), PlaceKinds.Work, StringComparison.Ordinal)).ToList();

        // Commuting.
        if (work is not null && workStays.Count >= weeks)
        {
            var distance = Geodesy.DistanceMeters(home.Latitude, home.Longitude, work.Latitude, work.Longitude);
            if (distance >= 15_000)
            {
                segments.Add("mobility.long_commuter");
            }
            else if (distance < 3_000)
            {
                segments.Add("mobility.short_commuter");
            }
        }

        var journeys = Journeys(stays, transports, Kind);
        var commutes = journeys.Where(j => j.IsCommute).ToList();
        if (commutes.Count >= 2 * weeks && commutes.Count(j => j.Modes.All(Green.Contains)) >= 0.75 * commutes.Count)
        {
            segments.Add("mobility.green_commuter");
        }

        if (transports.Count(t => PublicTransport.Contains(t.Mode)) >= 4 * weeks)
        {
            segments.Add("mobility.public_transports_user");
        }

        var longer = journeys.Where(j => j.DistanceMeters >= 1000).ToList();
        if (longer.Count >= 5 * weeks && longer.Count(j => j.Modes.Contains(TransportModes.Car, StringComparer.Ordinal)) >= 0.8 * longer.Count)
        {
            segments.Add("mobility.die_hard_driver");
        }

        // Lifestyle.
        var sportSessions = Count(PlaceKinds.Gym, PlaceKinds.Sport)
            + transports.Count(t => string.Equals(t.Mode, TransportModes.Running, StringComparison.Ordinal) && (t.End - t.Start).TotalMinutes >= 15);
        if (sportSessions >= 1.5 * weeks)
        {
            segments.Add("lifestyle.sportive");
        }

        if (Count(PlaceKinds.Restaurant) >= 3.5 * weeks)
        {
            segments.Add("lifestyle.resto_lover");
        }

        if (Count(PlaceKinds.Museum) >= 1.25 * weeks)
        {
            segments.Add("lifestyle.culture_buff");
        }

        if (Count(PlaceKinds.Shop) >= 2 * weeks || Count(PlaceKinds.Shop, PlaceKinds.Supermarket, PlaceKinds.Bakery) >= 7 * weeks)
        {
            segments.Add("behavior.shopaholic");
        }

        var lateBars = stays.Count(s => string.Equals(Kind(s), PlaceKinds.Bar, StringComparison.Ordinal) && EndsLate(s, clock));
        if (lateBars >= 1.5 * weeks)
        {
            segments.Add("lifestyle.clubber");
        }

        // Work.
        if (work is not null && string.Equals(work.Category, "university", StringComparison.Ordinal) && workStays.Count >= weeks)
        {
            segments.Add("lifestyle.student");
        }

        if (workStays.Count(s => CoversNight(s, clock)) >= weeks)
        {
            segments.Add("behavior.nightworker");
        }

        var weekdays = 0;
        var weekdaysWithoutWork = 0;
        var fullDays = 0;
        for (var d = 0; d < days; d++)
        {
            var date = user.StartDate.AddDays(d);
            var dayStart = DateTimeOffset.FromUnixTimeMilliseconds(clock.StartOfDayMs(date));
            var dayEnd = DateTimeOffset.FromUnixTimeMilliseconds(clock.StartOfDayMs(date.AddDays(1)));
            var workTime = workStays.Sum(s => Overlap(s.Start, s.End, dayStart, dayEnd).TotalHours);
            var away = stays.Any(s => string.Equals(Kind(s), PlaceKinds.Holiday, StringComparison.Ordinal) && s.Start < dayEnd && s.End > dayStart);
            if (workTime >= 7)
            {
                fullDays++;
            }

            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || away)
            {
                continue;
            }

            weekdays++;
            if (workTime < 0.5)
            {
                weekdaysWithoutWork++;
            }
        }

        if (weekdays >= 3 && weekdaysWithoutWork >= 0.6 * weekdays)
        {
            segments.Add("behavior.homeworker");
        }

        if (fullDays >= 3.5 * weeks)
        {
            segments.Add("lifestyle.fulltime_worker");
        }

        // Driving.
        var carLegs = transports.Where(t => string.Equals(t.Mode, TransportModes.Car, StringComparison.Ordinal)).ToList();
        if (carLegs.Count >= 8)
        {
            bool During(TruthTransport leg, DateTimeOffset time) => time >= leg.Start && time <= leg.End;
            if (harsh.Count >= 1.0 * carLegs.Count)
            {
                segments.Add("driver_behavior.aggressive_driver");
            }

            if (carLegs.Count(leg => speeding.Any(s => During(leg, s.Start))) >= 0.5 * carLegs.Count)
            {
                segments.Add("driver_behavior.illegal_driver");
            }

            var distracted = carLegs.Count(leg => phoneUse.Any(p => !string.Equals(p.Kind, PhoneUseKinds.HandsfreeCall, StringComparison.Ordinal) && During(leg, p.Start)));
            if (distracted >= 0.4 * carLegs.Count)
            {
                segments.Add("driver_behavior.distracted_driver");
            }
        }

        segments.Sort(StringComparer.Ordinal);
        return segments;
    }

    /// <summary>A stay at a bar that ends after 22:00 local time (or after midnight).</summary>
    private static bool EndsLate(TruthStay stay, LocalClock clock)
    {
        var minute = clock.LocalMinuteOfDay(stay.End.ToUnixTimeMilliseconds());
        return minute >= 22 * 60 || minute < 5 * 60 || (stay.End - stay.Start).TotalHours >= 20;
    }

    /// <summary>A stay that includes local 02:00–04:00 of some night.</summary>
    private static bool CoversNight(TruthStay stay, LocalClock clock)
    {
        var startMinute = clock.LocalMinuteOfDay(stay.Start.ToUnixTimeMilliseconds());
        var hours = (stay.End - stay.Start).TotalHours;
        var toTwo = ((2 * 60 - startMinute) % 1440 + 1440) % 1440 / 60.0;
        return hours >= toTwo + 2 && hours < 16;
    }

    private static TimeSpan Overlap(DateTimeOffset start, DateTimeOffset end, DateTimeOffset from, DateTimeOffset to)
    {
        var overlap = (end < to ? end : to) - (start > from ? start : from);
        return overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero;
    }

    private static List<Journey> Journeys(List<TruthStay> stays, List<TruthTransport> transports, Func<TruthStay, string> kind)
    {
        var journeys = new List<Journey>();
        var t = 0;
        for (var s = 0; s + 1 < stays.Count; s++)
        {
            var modes = new List<string>();
            var distance = 0.0;
            while (t < transports.Count && transports[t].Start < stays[s + 1].Start)
            {
                if (transports[t].Start >= stays[s].End)
                {
                    modes.Add(transports[t].Mode);
                    distance += transports[t].DistanceMeters;
                }

                t++;
            }

            if (modes.Count == 0)
            {
                continue;
            }

            var from = kind(stays[s]);
            var to = kind(stays[s + 1]);
            var commute = (string.Equals(from, PlaceKinds.Home, StringComparison.Ordinal) && string.Equals(to, PlaceKinds.Work, StringComparison.Ordinal))
                || (string.Equals(from, PlaceKinds.Work, StringComparison.Ordinal) && string.Equals(to, PlaceKinds.Home, StringComparison.Ordinal));
            journeys.Add(new Journey(modes, commute, distance));
        }

        return journeys;
    }

    private sealed record Journey(List<string> Modes, bool IsCommute, double DistanceMeters);
}
