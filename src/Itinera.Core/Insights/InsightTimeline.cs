using Itinera.Core.Geo;
using Itinera.Core.Time;
using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>A stay as the insight rules see it: where, when, what the place means and what it is.</summary>
/// <param name="End">The end of the stay, or "now" for the ongoing one (<see cref="Ongoing"/>).</param>
/// <param name="Significance">A wire name from <see cref="Significances"/>.</param>
public sealed record InsightStay(
    DateTimeOffset Start, DateTimeOffset End, bool Ongoing, double Latitude, double Longitude, string Significance, PlaceCandidate? Place, Address? Address)
{
    public bool IsHome => Significance == Significances.Home;

    public bool IsWork => Significance == Significances.Work;

    public TimeSpan Duration => End - Start;

    /// <summary>True when one of the place candidate's categories is in <paramref name="categories"/>.</summary>
    public bool IsA(IReadOnlySet<string> categories)
    {
        // A loop, not LINQ: the segment rules ask this of every visit, for every category group.
        if (Place is not { } p)
        {
            return false;
        }

        for (var i = 0; i < p.Categories.Count; i++)
        {
            if (categories.Contains(p.Categories[i]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A transport leg as the insight rules see it.</summary>
/// <param name="Mode">A wire name from <see cref="TransportModes"/>.</param>
public sealed record InsightLeg(DateTimeOffset Start, DateTimeOffset End, bool Ongoing, string Mode, double DistanceMeters)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>
/// The movement between two consecutive <em>anchor</em> stays (home, work, or any stay of at least
/// <see cref="InsightTimeline.ShortStop"/>), with the short stops on the way.
/// </summary>
/// <param name="From">Index in <see cref="InsightTimeline.Stays"/> of the stay the journey leaves.</param>
/// <param name="To">Index of the stay it reaches.</param>
public sealed record InsightJourney(int From, int To, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<InsightLeg> Legs)
{
    public double DistanceMeters => Legs.Sum(l => l.DistanceMeters);

    public TimeSpan Duration => End - Start;
}

/// <summary>
/// Time away from home and work: from leaving one of them to coming back to either, with a stay at least
/// <see cref="InsightTimeline.TripMeters"/> from home on the way (<see cref="Far"/>) or a night spent away (<see cref="Overnight"/>).
/// </summary>
/// <param name="Business">An office or conference venue was visited far from home.</param>
public sealed record InsightTrip(DateTimeOffset Start, DateTimeOffset End, bool Ongoing, bool Far, bool Overnight, bool Business);

/// <summary>
/// A user's timeline prepared once for every insight rule: stays, legs, journeys, home and work, local time.
/// Built from the timeline's events (with their significance, place and address) so that the rules depend
/// only on what the platform detected, never on how the data was produced.
/// </summary>
public sealed class InsightTimeline
{
    /// <summary>Stays shorter than this between two legs are stops on the way (fuel, a bakery), not destinations.</summary>
    public static readonly TimeSpan ShortStop = TimeSpan.FromMinutes(20);

    /// <summary>A stay at least this far from home makes a trip.</summary>
    public const double TripMeters = 50_000;

    private InsightTimeline(string timeZoneId, DateTimeOffset now, List<InsightStay> stays, List<InsightLeg> legs)
    {
        TimeZoneId = timeZoneId;
        Now = now;
        Stays = stays;
        Legs = legs;
        Home = Centre(stays.Where(s => s.IsHome));
        Work = Centre(stays.Where(s => s.IsWork));
        HomeAddress = MostCommon(stays.Where(s => s.IsHome).Select(s => s.Address));
        WorkAddress = MostCommon(stays.Where(s => s.IsWork).Select(s => s.Address));
        WorkPlace = stays.Where(s => s.IsWork && s.Place is not null).GroupBy(s => s.Place!.Name ?? string.Empty, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First().Place).FirstOrDefault();
        Journeys = FindJourneys(stays, legs);
        var first = stays.Count > 0 ? stays[0].Start : now;
        if (legs.Count > 0 && legs[0].Start < first)
        {
            first = legs[0].Start;
        }

        DataStart = first;
        Days = CoveredDays();
        Trips = FindTrips();
        foreach (var trip in Trips)
        {
            foreach (var (day, _, _) in SplitByDay(trip.Start, trip.End))
            {
                _awayDays.Add(day);
                if (trip.Overnight)
                {
                    _overnightDays.Add(day);
                }
            }
        }
    }

    private readonly HashSet<DateOnly> _awayDays = [];
    private readonly HashSet<DateOnly> _overnightDays = [];

    /// <summary>Trips away from home, in order.</summary>
    public IReadOnlyList<InsightTrip> Trips { get; }

    /// <summary>True when part of the local day was spent on a trip.</summary>
    public bool IsAway(DateOnly day) => _awayDays.Contains(day);

    /// <summary>True when part of the local day belongs to a trip with a night away (a holiday, not a day trip).</summary>
    public bool IsOnOvernightTrip(DateOnly day) => _overnightDays.Contains(day);

    public string TimeZoneId { get; }

    /// <summary>The instant the insights are computed at; ongoing events end here.</summary>
    public DateTimeOffset Now { get; }

    public DateTimeOffset DataStart { get; }

    public IReadOnlyList<InsightStay> Stays { get; }

    public IReadOnlyList<InsightLeg> Legs { get; }

    public IReadOnlyList<InsightJourney> Journeys { get; }

    /// <summary>Local days with at least 12 hours of timeline (stays or legs), in order.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The centre of the home stays, or null when no home is known.</summary>
    public GeoPoint? Home { get; }

    public GeoPoint? Work { get; }

    public Address? HomeAddress { get; }

    public Address? WorkAddress { get; }

    /// <summary>The most frequent place candidate of the work stays (e.g. a university), when one is known.</summary>
    public PlaceCandidate? WorkPlace { get; }

    /// <summary>True when an event is still going on: the data is current and moments may be active.</summary>
    public bool IsLive => (Stays.Count > 0 && Stays[^1].Ongoing) || (Legs.Count > 0 && Legs[^1].Ongoing);

    /// <summary>The user's rhythm learnt from this timeline (<see cref="PersonalRhythm.Learn"/>), once for every rule that needs it.</summary>
    public PersonalRhythm Rhythm => _rhythm ??= PersonalRhythm.Learn(this);

    private PersonalRhythm? _rhythm;

    /// <summary>Observed weeks: covered days over seven (rates "per week" divide by this).</summary>
    public double Weeks => Days.Count / 7.0;

    /// <summary>Builds the view from timeline events in time order, keeping those that end after <paramref name="from"/>.</summary>
    /// <param name="events">The user's events, any order; ongoing ones (no end) end at <paramref name="now"/>.</param>
    public static InsightTimeline From(IEnumerable<TimelineEvent> events, string timeZoneId, DateTimeOffset now, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(events);
        var stays = new List<InsightStay>();
        var legs = new List<InsightLeg>();
        foreach (var e in events.OrderBy(e => e.Start))
        {
            var end = e.End ?? (now > e.Start ? now : e.Start);
            if (end <= from || e.Start >= now)
            {
                continue;
            }

            if (e.Kind == EventKind.Stationary && e.Stationary is { } s)
            {
                stays.Add(new InsightStay(e.Start, end, e.End is null, s.Latitude, s.Longitude, s.Significance, s.Place, s.Address));
            }
            else if (e.Kind == EventKind.Transport && e.Transport is { } t)
            {
                legs.Add(new InsightLeg(e.Start, end, e.End is null, t.Mode, t.DistanceMeters));
            }
        }

        return new InsightTimeline(timeZoneId, now, stays, legs);
    }

    // The rules convert the same few hundred instants and days many times over; zone conversions dominate their cost
    // unless remembered. One timeline serves one computation on one thread.
    private readonly Dictionary<long, DateTime> _local = [];
    private readonly Dictionary<DateOnly, DateTimeOffset> _dayStarts = [];

    /// <summary>The local wall-clock time of <paramref name="instant"/>.</summary>
    public DateTime Local(DateTimeOffset instant)
    {
        if (!_local.TryGetValue(instant.UtcTicks, out var local))
        {
            _local[instant.UtcTicks] = local = TimeZones.ToLocal(instant, TimeZoneId).DateTime;
        }

        return local;
    }

    /// <summary>The local calendar day of <paramref name="instant"/>.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    /// <summary>Minutes since local midnight of <paramref name="instant"/>.</summary>
    public double LocalMinute(DateTimeOffset instant) => Local(instant).TimeOfDay.TotalMinutes;

    /// <summary>The instant of local day <paramref name="day"/> at <paramref name="minute"/> minutes after its midnight (may pass 1440).</summary>
    public DateTimeOffset At(DateOnly day, double minute)
    {
        if (!_dayStarts.TryGetValue(day, out var start))
        {
            _dayStarts[day] = start = TimeZones.StartOfLocalDay(day, TimeZoneId);
        }

        return start.AddMinutes(minute);
    }

    /// <summary>Distance of a stay from home in metres, or null without a home.</summary>
    public double? FromHomeMeters(InsightStay stay) =>
        Home is { } h ? GeoMath.DistanceMeters(h.Latitude, h.Longitude, stay.Latitude, stay.Longitude) : null;

    /// <summary>Home–work straight-line distance in metres, or null when either is unknown.</summary>
    public double? HomeWorkMeters => Home is { } h && Work is { } w ? GeoMath.DistanceMeters(h, w) : null;

    /// <summary>True when the journey goes from home to work.</summary>
    public bool IsCommuteFromHome(InsightJourney j) => Stays[j.From].IsHome && Stays[j.To].IsWork;

    /// <summary>True when the journey goes from work to home.</summary>
    public bool IsCommuteFromWork(InsightJourney j) => Stays[j.From].IsWork && Stays[j.To].IsHome;

    /// <summary>The parts of [<paramref name="start"/>, <paramref name="end"/>) per local day, in hours.</summary>
    public IEnumerable<(DateOnly Day, DateTimeOffset Start, DateTimeOffset End)> SplitByDay(DateTimeOffset start, DateTimeOffset end)
    {
        var t = start;
        while (t < end)
        {
            var day = LocalDay(t);
            var next = At(day.AddDays(1), 0);
            var stop = next < end ? next : end;
            if (stop <= t)
            {
                yield break;
            }

            yield return (day, t, stop);
            t = stop;
        }
    }

    /// <summary>True when the stay includes 03:00 local time.</summary>
    public bool CoversNight(InsightStay s)
    {
        var minute = LocalMinute(s.Start);
        var toThree = ((180 - minute) % 1440 + 1440) % 1440;
        return toThree < s.Duration.TotalMinutes;
    }

    private List<InsightTrip> FindTrips()
    {
        var trips = new List<InsightTrip>();
        if (Home is null)
        {
            return trips;
        }

        var i = 0;
        while (i < Stays.Count)
        {
            if (Stays[i].IsHome || Stays[i].IsWork)
            {
                i++;
                continue;
            }

            var first = i;
            while (i < Stays.Count && !Stays[i].IsHome && !Stays[i].IsWork)
            {
                i++;
            }

            var away = Stays.Skip(first).Take(i - first).ToList();
            var far = away.Any(s => FromHomeMeters(s) >= TripMeters);
            var night = away.Any(CoversNight);
            if (!far && !night)
            {
                continue;
            }

            var business = away.Any(s => s.IsA(PlaceCategories.Office) && FromHomeMeters(s) >= TripMeters);
            var start = first > 0 ? Stays[first - 1].End : away[0].Start;
            var end = i < Stays.Count ? Stays[i].Start : away[^1].End;
            trips.Add(new InsightTrip(start, end, i >= Stays.Count && away[^1].Ongoing, far, night, business));
        }

        return trips;
    }

    private List<DateOnly> CoveredDays()
    {
        var hours = new Dictionary<DateOnly, double>();
        foreach (var (start, end) in Stays.Select(s => (s.Start, s.End)).Concat(Legs.Select(l => (l.Start, l.End))))
        {
            foreach (var (day, from, to) in SplitByDay(start, end))
            {
                hours[day] = hours.GetValueOrDefault(day) + (to - from).TotalHours;
            }
        }

        return [.. hours.Where(kv => kv.Value >= 12).Select(kv => kv.Key).Order()];
    }

    private static List<InsightJourney> FindJourneys(List<InsightStay> stays, List<InsightLeg> legs)
    {
        var journeys = new List<InsightJourney>();
        var previous = -1;
        var l = 0;
        for (var i = 0; i < stays.Count; i++)
        {
            var anchor = stays[i].IsHome || stays[i].IsWork || stays[i].Duration >= ShortStop || stays[i].Ongoing;
            if (!anchor)
            {
                continue;
            }

            if (previous >= 0)
            {
                var from = stays[previous].End;
                var to = stays[i].Start;
                while (l < legs.Count && legs[l].Start < from)
                {
                    l++;
                }

                var onTheWay = new List<InsightLeg>();
                var k = l;
                while (k < legs.Count && legs[k].Start < to)
                {
                    onTheWay.Add(legs[k]);
                    k++;
                }

                // Two anchors with nothing in between (a gap in the data) are not a journey.
                if (onTheWay.Count > 0)
                {
                    journeys.Add(new InsightJourney(previous, i, from, to, onTheWay));
                }
            }

            previous = i;
        }

        return journeys;
    }

    private static GeoPoint? Centre(IEnumerable<InsightStay> stays)
    {
        double lat = 0, lon = 0, weight = 0;
        foreach (var s in stays)
        {
            var w = Math.Max(s.Duration.TotalHours, 0.01);
            lat += s.Latitude * w;
            lon += s.Longitude * w;
            weight += w;
        }

        return weight > 0 ? new GeoPoint(lat / weight, lon / weight) : null;
    }

    private static Address? MostCommon(IEnumerable<Address?> addresses) =>
        addresses.Where(a => a?.City is not null).GroupBy(a => a!.City, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()).FirstOrDefault();
}
