using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Itinera.Core.Geo;
using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>
/// Finds the user's moments (definitions of <see cref="Catalogues.MomentCatalogue"/>) in their timeline: where they
/// are (home, work, near them, city, country), what they do (commuting, sport, shopping, eating out, trips), the
/// personal parts of their day, and the routine moments they are about to start. A moment still going on at
/// <see cref="InsightTimeline.Now"/> has no end. The rules are documented in docs/moments.md.
/// </summary>
public static class MomentDetector
{
    /// <summary>A home → home round trip no longer than this (a walk round the block) keeps <c>home</c> active.</summary>
    public static readonly TimeSpan HomeOuting = TimeSpan.FromMinutes(30);

    /// <summary>A work → work outing no longer than this (lunch, an errand) keeps <c>working_at_work</c> active.</summary>
    public static readonly TimeSpan WorkOuting = TimeSpan.FromMinutes(90);

    /// <summary>Within this distance of home or work (but not there) is <c>nearby_home</c> / <c>nearby_work</c>.</summary>
    public const double NearbyMeters = 1000;

    /// <summary>How long before a routine start the <c>about_to_*</c> moment begins.</summary>
    public static readonly TimeSpan AboutToLead = TimeSpan.FromMinutes(30);

    /// <summary>Occurrences on one weekday (in the history) that make a routine predictable.</summary>
    public const int RoutineOccurrences = 3;

    /// <summary>Moments of the timeline that end after <paramref name="from"/> or are going on, in start order.</summary>
    public static List<Moment> Detect(InsightTimeline timeline, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var moments = new List<Moment>();
        var rhythm = timeline.Rhythm;
        void Add(string definition, DateTimeOffset start, DateTimeOffset end, bool ongoing, string? city = null, string? country = null)
        {
            // Moments still going on at "from" are produced again: they may have grown or ended since.
            if (end <= start || end <= from)
            {
                return;
            }

            // Only a live timeline (an event still going on) has active moments; a stale one ends at its last data.
            ongoing = (ongoing || end > timeline.Now) && timeline.IsLive;
            if (!ongoing && end > timeline.Now)
            {
                end = timeline.Now;
            }

            var key = city ?? country ?? string.Empty;
            moments.Add(new Moment(Id(definition, start, key), definition, start, ongoing ? null : end, timeline.TimeZoneId,
                ongoing ? AnalysisType.Preliminary : AnalysisType.Processed, city, country));
        }

        Places(timeline, Add);
        Commutes(timeline, Add);
        WorkingRemote(timeline, Add);
        Activities(timeline, rhythm, Add);
        Trips(timeline, Add);
        Locations(timeline, Add);
        SemanticTime(timeline, rhythm, Add);
        AboutTo(timeline, Add);
        moments.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.DefinitionId, b.DefinitionId));
        return moments;
    }

    private delegate void Sink(string definition, DateTimeOffset start, DateTimeOffset end, bool ongoing, string? city = null, string? country = null);

    /// <summary>home and working_at_work (bridging short outings), nearby_home, nearby_work, and nearby_poi (a stay at a
    /// named point of interest from the imported map).</summary>
    private static void Places(InsightTimeline t, Sink add)
    {
        Bridged(t, s => s.IsHome, HomeOuting, "home", add);
        Bridged(t, s => s.IsWork, WorkOuting, "working_at_work", add);
        foreach (var s in t.Stays.Where(s => !s.IsHome && !s.IsWork))
        {
            if (t.Home is { } h && Within(h, s, NearbyMeters))
            {
                add("nearby_home", s.Start, s.End, s.Ongoing);
            }

            if (t.Work is { } w && Within(w, s, NearbyMeters))
            {
                add("nearby_work", s.Start, s.End, s.Ongoing);
            }

            if (s.Place is { Name: not null })
            {
                add("nearby_poi", s.Start, s.End, s.Ongoing);
            }
        }
    }

    /// <summary>Stays matching <paramref name="at"/>, joined when only an outing shorter than <paramref name="outing"/> separates them and no other such anchor lies in between.</summary>
    private static void Bridged(InsightTimeline t, Func<InsightStay, bool> at, TimeSpan outing, string definition, Sink add)
    {
        InsightStay? first = null, last = null;
        foreach (var s in t.Stays)
        {
            if (!at(s))
            {
                // Home interrupts work and work interrupts home, however short.
                if (last is not null && (s.IsHome || s.IsWork))
                {
                    add(definition, first!.Start, last.End, last.Ongoing);
                    first = last = null;
                }

                continue;
            }

            if (last is not null && s.Start - last.End > outing)
            {
                add(definition, first!.Start, last.End, last.Ongoing);
                first = null;
            }

            first ??= s;
            last = s;
        }

        if (last is not null)
        {
            add(definition, first!.Start, last.End, last.Ongoing);
        }
    }

    private static void Commutes(InsightTimeline t, Sink add)
    {
        foreach (var j in t.Journeys)
        {
            var ongoing = j.Legs[^1].Ongoing;
            if (t.IsCommuteFromHome(j))
            {
                add("commute_from_home", j.Start, j.End, ongoing);
            }
            else if (t.IsCommuteFromWork(j))
            {
                add("commute_from_work", j.Start, j.End, ongoing);
            }
        }

        // The journey still going on: a commute when it left home (work) on a day the user usually goes to work (home).
        if (t.Legs.Count > 0 && t.Legs[^1].Ongoing)
        {
            var last = t.Stays.LastOrDefault(s => s.End <= t.Legs[^1].Start && (s.IsHome || s.IsWork || s.Duration >= InsightTimeline.ShortStop));
            var start = last?.End ?? t.Legs[^1].Start;
            if (last is { IsHome: true } && t.Work is not null && UsualWorkDays(t).Contains(t.LocalDay(t.Now).DayOfWeek))
            {
                add("commute_from_home", start, t.Now, true);
            }
            else if (last is { IsWork: true })
            {
                add("commute_from_work", start, t.Now, true);
            }
        }
    }

    /// <summary>
    /// working_remote: on a usual work day without any time at work, the user's usual working hours spent at home or
    /// at another place that is not leisure; and any long weekday stay at an office that is not the user's work.
    /// </summary>
    private static void WorkingRemote(InsightTimeline t, Sink add)
    {
        if (t.Work is null)
        {
            return;
        }

        var workDays = UsualWorkDays(t);
        var hours = UsualWorkHours(t);
        if (workDays.Count == 0 || hours is null)
        {
            return;
        }

        var worked = t.Stays.Where(s => s.IsWork).SelectMany(s => new[] { t.LocalDay(s.Start), t.LocalDay(s.End) }).ToHashSet();
        foreach (var day in t.Days.Append(t.LocalDay(t.Now)).Distinct())
        {
            if (!workDays.Contains(day.DayOfWeek) || worked.Contains(day) || t.IsAway(day))
            {
                continue;
            }

            var from = t.At(day, hours.Value.Start);
            var to = t.At(day, hours.Value.End);
            foreach (var s in t.Stays.Where(s => s.Start < to && s.End > from && (s.IsHome || (s.Place is null && s.Duration >= TimeSpan.FromHours(2)))))
            {
                var start = s.Start > from ? s.Start : from;
                var end = s.End < to ? s.End : to;
                if (end - start >= TimeSpan.FromHours(1))
                {
                    add("working_remote", start, end, s.Ongoing && end >= t.Now);
                }
            }
        }

        foreach (var s in t.Stays.Where(s => !s.IsWork && !s.IsHome && s.IsA(PlaceCategories.Office) && s.Duration >= TimeSpan.FromHours(2)))
        {
            add("working_remote", s.Start, s.End, s.Ongoing);
        }
    }

    /// <summary>Sport, shopping, eating out, drinks, nights out, entertainment and children drop-off, with the journey there.</summary>
    private static void Activities(InsightTimeline t, PersonalRhythm rhythm, Sink add)
    {
        var arrivals = t.Journeys.ToDictionary(j => j.To, j => j.Start);
        var sportVisits = t.Stays.Count(s => s.IsA(PlaceCategories.Sport)) + t.Legs.Count(IsRun);
        var shopVisits = t.Stays.Count(s => s.IsA(PlaceCategories.Shop));
        for (var i = 0; i < t.Stays.Count; i++)
        {
            var s = t.Stays[i];
            if (s.IsHome || s.IsWork || s.Place is null)
            {
                continue;
            }

            // The journey there belongs to the activity ("heading to").
            var start = arrivals.TryGetValue(i, out var left) ? left : s.Start;
            var minute = t.LocalMinute(s.Start);
            var wake = rhythm.WakeMinute;
            var m = minute < wake - 120 ? minute + 1440 : minute;
            if (s.IsA(PlaceCategories.Sport) && sportVisits >= 2)
            {
                add("sport_routine", start, s.End, s.Ongoing);
            }

            if (s.IsA(PlaceCategories.Shop) && shopVisits >= 2)
            {
                add("shopping_routine", start, s.End, s.Ongoing);
            }

            if (s.IsA(PlaceCategories.EatingOut))
            {
                var meal = m < rhythm.LunchStartMinute - 45 ? "breakfast_out"
                    : m < rhythm.LunchEndMinute + 30 ? "lunch_out"
                    : m >= rhythm.EveningStartMinute - 30 ? "dinner_out"
                    : null;
                if (meal is not null && (s.IsA(PlaceCategories.Restaurant) || s.IsA(PlaceCategories.FastFood) || meal == "breakfast_out"))
                {
                    add(meal, start, s.End, s.Ongoing);
                }
                else if (s.IsA(PlaceCategories.Cafe) && m >= rhythm.LunchEndMinute)
                {
                    add(m < rhythm.EveningStartMinute + 60 ? "afternoon_drinks" : "evening_drinks", start, s.End, s.Ongoing);
                }
            }

            if (s.IsA(PlaceCategories.Bar))
            {
                var endM = m + s.Duration.TotalMinutes;
                if (endM >= rhythm.BedMinute - 30)
                {
                    add("night_out", start, s.End, s.Ongoing);
                }
                else if (m >= rhythm.EveningStartMinute)
                {
                    add("evening_drinks", start, s.End, s.Ongoing);
                }
                else if (m >= rhythm.LunchEndMinute)
                {
                    add("afternoon_drinks", start, s.End, s.Ongoing);
                }
            }

            if (s.IsA(PlaceCategories.Entertainment) && m >= rhythm.LunchEndMinute)
            {
                add("evening_entertainment", start, s.End, s.Ongoing);
            }

            if (s.IsA(PlaceCategories.ChildCare) && s.Duration <= TimeSpan.FromMinutes(30))
            {
                var before = t.Legs.LastOrDefault(l => l.End <= s.Start && s.Start - l.End < TimeSpan.FromMinutes(5));
                add("children_drop_off", before?.Start ?? s.Start, s.End, s.Ongoing);
            }
        }

        if (sportVisits >= 2)
        {
            foreach (var run in t.Legs.Where(IsRun))
            {
                add("sport_routine", run.Start, run.End, run.Ongoing);
            }
        }
    }

    private static bool IsRun(InsightLeg l) => l.Mode == TransportModes.Running && l.Duration >= TimeSpan.FromMinutes(15);

    /// <summary>Trips (<see cref="InsightTimeline.Trips"/>): a business trip when an office is visited far from home, else a holiday.</summary>
    private static void Trips(InsightTimeline t, Sink add)
    {
        foreach (var trip in t.Trips)
        {
            add(trip.Business ? "business_trip" : "holiday", trip.Start, trip.End, trip.Ongoing);
        }
    }

    /// <summary>city_name and country: consecutive stays with the same city (country) make one moment, the legs between them included.</summary>
    private static void Locations(InsightTimeline t, Sink add)
    {
        Runs(t, s => s.Address?.City, (name, start, end, ongoing) => add("city_name", start, end, ongoing, city: name));
        Runs(t, s => s.Address?.Country, (name, start, end, ongoing) => add("country", start, end, ongoing, country: name));
    }

    private static void Runs(InsightTimeline t, Func<InsightStay, string?> name, Action<string, DateTimeOffset, DateTimeOffset, bool> emit)
    {
        string? current = null;
        InsightStay? first = null, last = null;
        foreach (var s in t.Stays)
        {
            var n = name(s);
            if (n is null)
            {
                continue;
            }

            if (!string.Equals(n, current, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    emit(current, first!.Start, last!.End, last.Ongoing);
                }

                current = n;
                first = s;
            }

            last = s;
        }

        if (current is not null)
        {
            emit(current, first!.Start, last!.End, last.Ongoing);
        }
    }

    /// <summary>morning, lunch, afternoon, evening and night of every day, on the user's own rhythm.</summary>
    private static void SemanticTime(InsightTimeline t, PersonalRhythm r, Sink add)
    {
        if (t.Stays.Count == 0)
        {
            return;
        }

        var first = t.LocalDay(t.DataStart).AddDays(-1);
        var last = t.LocalDay(t.Now);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            void Part(string definition, double from, double to)
            {
                var start = t.At(day, from);
                if (start < t.Now && t.At(day, to) > t.DataStart)
                {
                    var end = t.At(day, to);
                    add(definition, start > t.DataStart ? start : t.DataStart, end, end > t.Now);
                }
            }

            Part("morning", r.WakeMinute, r.MorningEndMinute);
            Part("lunch", r.LunchStartMinute, r.LunchEndMinute);
            Part("afternoon", r.LunchEndMinute, r.AfternoonEndMinute);
            Part("evening", r.EveningStartMinute, r.BedMinute);
            Part("night", r.BedMinute, r.WakeMinute + 1440);
        }
    }

    /// <summary>
    /// about_to_*: on a weekday where a routine (leaving home for work, leaving work, arriving at work, sport,
    /// shopping, children drop-off) started at least <see cref="RoutineOccurrences"/> times at a consistent time, the
    /// moment is active from <see cref="AboutToLead"/> before the usual time until the routine starts (at most as long
    /// after the usual time), provided it has not started yet.
    /// </summary>
    private static void AboutTo(InsightTimeline t, Sink add)
    {
        var commutesFromHome = t.Journeys.Where(t.IsCommuteFromHome).ToList();
        Routine(t, "about_to_commute_from_home", commutesFromHome.Select(j => j.Start).ToList(), add);
        Routine(t, "about_to_working", commutesFromHome.Select(j => j.End).ToList(), add);
        Routine(t, "about_to_commute_from_work", t.Journeys.Where(t.IsCommuteFromWork).Select(j => j.Start).ToList(), add);
        var arrivals = t.Journeys.ToDictionary(j => j.To, j => j.Start);
        List<DateTimeOffset> Departures(Func<InsightStay, bool> at) =>
            [.. t.Stays.Select((s, i) => (s, i)).Where(x => at(x.s) && arrivals.ContainsKey(x.i)).Select(x => arrivals[x.i])];
        Routine(t, "about_to_sport", Departures(s => s.IsA(PlaceCategories.Sport)), add);
        Routine(t, "about_to_shopping", Departures(s => s.IsA(PlaceCategories.Shop)), add);
        Routine(t, "about_to_children_drop_off",
            [.. t.Stays.Where(s => s.IsA(PlaceCategories.ChildCare) && s.Duration <= TimeSpan.FromMinutes(30)).Select(s => s.Start.AddMinutes(-10))], add);
    }

    private static void Routine(InsightTimeline t, string definition, List<DateTimeOffset> starts, Sink add)
    {
        foreach (var weekday in starts.GroupBy(s => t.LocalDay(s).DayOfWeek))
        {
            var minutes = weekday.Select(t.LocalMinute).ToList();
            if (minutes.Count < RoutineOccurrences)
            {
                continue;
            }

            var usual = PersonalRhythm.Median(minutes);
            var spread = PersonalRhythm.Median([.. minutes.Select(m => Math.Abs(m - usual))]);
            if (spread > 45)
            {
                continue;
            }

            var occurrences = starts.Where(s => t.LocalDay(s).DayOfWeek == weekday.Key).ToList();
            foreach (var day in t.Days.Append(t.LocalDay(t.Now)).Distinct().Where(d => d.DayOfWeek == weekday.Key))
            {
                var from = t.At(day, usual) - AboutToLead;
                var latest = t.At(day, usual) + AboutToLead;
                if (from >= t.Now || t.IsAway(day))
                {
                    continue;
                }

                // Not when the routine already started earlier that day.
                var actual = occurrences.Where(s => s >= from - TimeSpan.FromHours(3) && s <= latest).Order().FirstOrDefault();
                if (actual != default && actual <= from)
                {
                    continue;
                }

                var end = actual != default ? actual : latest;
                add(definition, from, end < t.Now ? end : t.Now, actual == default && latest > t.Now);
            }
        }
    }

    /// <summary>Weekdays on which the user was at work on at least half of the observed such days.</summary>
    internal static HashSet<DayOfWeek> UsualWorkDays(InsightTimeline t)
    {
        var worked = t.Stays.Where(s => s.IsWork && s.Duration >= TimeSpan.FromHours(1)).Select(s => t.LocalDay(s.Start)).ToHashSet();
        return [.. t.Days.GroupBy(d => d.DayOfWeek).Where(g => g.Count() >= 2 && g.Count(worked.Contains) * 2 >= g.Count()).Select(g => g.Key)];
    }

    /// <summary>Median local start and end minute of the user's work stays of an hour or more, or null without any.</summary>
    internal static (double Start, double End)? UsualWorkHours(InsightTimeline t)
    {
        var days = t.Stays.Where(s => s.IsWork && s.Duration >= TimeSpan.FromHours(1)).GroupBy(s => t.LocalDay(s.Start)).ToList();
        if (days.Count < 3)
        {
            return null;
        }

        var start = PersonalRhythm.Median([.. days.Select(g => t.LocalMinute(g.Min(s => s.Start)))]);
        var end = PersonalRhythm.Median([.. days.Select(g => start + (g.Max(s => s.End) - t.At(g.Key, start)).TotalMinutes)]);
        return (start, end);
    }

    private static bool Within(GeoPoint p, InsightStay s, double meters)
    {
        var d = GeoMath.DistanceMeters(p.Latitude, p.Longitude, s.Latitude, s.Longitude);
        return d <= meters && d > 150;
    }

    private static string Id(string definition, DateTimeOffset start, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{definition}|{start.ToUnixTimeMilliseconds()}|{key}"))).AsSpan(0, 16));
}
