using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>
/// The user's numbers over the segment window, computed once from an <see cref="InsightTimeline"/> for every
/// segment rule. Rates are per observed week (<see cref="InsightTimeline.Weeks"/>).
/// </summary>
public sealed class SegmentFeatures
{
    private static readonly HashSet<string> PublicTransportModes = new(StringComparer.Ordinal)
    {
        TransportModes.Bus, TransportModes.Tram, TransportModes.Train, TransportModes.Subway,
    };

    private static readonly HashSet<string> GreenModes = new(StringComparer.Ordinal)
    {
        TransportModes.Walking, TransportModes.Biking, TransportModes.Running,
    };

    public SegmentFeatures(InsightTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        Timeline = timeline;
        Rhythm = timeline.Rhythm;
        Commutes = [.. timeline.Journeys.Where(j => timeline.IsCommuteFromHome(j) || timeline.IsCommuteFromWork(j))];
        var workStays = timeline.Stays.Where(s => s.IsWork).ToList();
        foreach (var s in workStays)
        {
            foreach (var (day, from, to) in timeline.SplitByDay(s.Start, s.End))
            {
                WorkHoursByDay[day] = WorkHoursByDay.GetValueOrDefault(day) + (to - from).TotalHours;
            }
        }

        WorkNights = workStays.Count(CoversSmallHours);
        LateWorkEnds = workStays.Count(s => s.Duration >= TimeSpan.FromHours(3) && !CoversSmallHours(s) && timeline.LocalMinute(s.End) is >= 19.5 * 60);
        var legs = timeline.Legs;
        for (var i = 0; i < legs.Count; i++)
        {
            _readings[legs[i]] = Read(legs, i);
        }

        PublicTransportLegs = legs.Count(IsPublicTransport);
        CarLegs = [.. legs.Where(l => _readings[l] == LegReading.Car)];
        Visits = timeline.Stays.Where(s => !s.IsHome && !s.IsWork && s.Place is not null).ToList();
        KnowsPlaces = timeline.Stays.Any(s => s.Place is not null);
    }

    public InsightTimeline Timeline { get; }

    public PersonalRhythm Rhythm { get; }

    /// <summary>Journeys between home and work, either way.</summary>
    public IReadOnlyList<InsightJourney> Commutes { get; }

    /// <summary>Hours at work per local day (days with none are absent).</summary>
    public Dictionary<DateOnly, double> WorkHoursByDay { get; } = [];

    /// <summary>Work stays that include 02:00–04:00 local time.</summary>
    public int WorkNights { get; }

    /// <summary>Day-work stays of three hours or more that end after 19:30.</summary>
    public int LateWorkEnds { get; }

    public int PublicTransportLegs { get; }

    public IReadOnlyList<InsightLeg> CarLegs { get; }

    /// <summary>Stays at places with a known category, other than home and work.</summary>
    public IReadOnlyList<InsightStay> Visits { get; }

    /// <summary>True when at least one stay has a place candidate: without any, place-category segments are not assessed.</summary>
    public bool KnowsPlaces { get; }

    public double Weeks => Timeline.Weeks;

    /// <summary>Average per observed week.</summary>
    public double PerWeek(double count) => Weeks > 0 ? count / Weeks : 0;

    public int VisitsTo(IReadOnlySet<string> categories) => Visits.Count(s => s.IsA(categories));

    public int WorkDays => WorkHoursByDay.Count(kv => kv.Value >= 1);

    public double WorkHoursPerWeek => PerWeek(WorkHoursByDay.Values.Sum());

    /// <summary>Median door-to-door commute in minutes (0 without commutes).</summary>
    public double MedianCommuteMinutes => PersonalRhythm.Median([.. Commutes.Select(j => j.Duration.TotalMinutes)]);

    /// <summary>A journey made only on foot, running or by bike.</summary>
    public bool IsGreen(InsightJourney j) => j.Legs.All(l => _readings[l] == LegReading.Green);

    /// <summary>A leg read as public transport (see <see cref="LegReading"/>).</summary>
    public bool IsPublicTransport(InsightLeg leg) => _readings[leg] == LegReading.PublicTransport;

    /// <summary>A leg read as a car ride (see <see cref="LegReading"/>).</summary>
    public bool IsCar(InsightLeg leg) => _readings[leg] == LegReading.Car;

    private readonly Dictionary<InsightLeg, LegReading> _readings = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// How the segment rules read a leg. Motorised legs are read from how they are reached: people walk to and from a
    /// bus stop or a station, but get into their car at the door. So a motorised leg with a walk of at least
    /// <see cref="AccessWalk"/> right before and right after it is public transport, whatever vehicle the mode
    /// classifier named (it confuses buses and trams with cars, and cars on motorways with trains); one without is a car.
    /// A "walk" or "ride" faster than a person can go on foot or by bike (a metro ride without GPS) is neither.
    /// </summary>
    public enum LegReading
    {
        Green,
        Car,
        PublicTransport,
        Other,
    }

    /// <summary>The shortest walk to or from a stop.</summary>
    public static readonly TimeSpan AccessWalk = TimeSpan.FromMinutes(2);

    /// <summary>The longest wait between a walk and a ride that still joins them.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(15);

    private static LegReading Read(IReadOnlyList<InsightLeg> legs, int i)
    {
        var leg = legs[i];
        var speed = leg.Duration.TotalSeconds > 0 ? leg.DistanceMeters / leg.Duration.TotalSeconds : 0;
        if (GreenModes.Contains(leg.Mode))
        {
            var max = leg.Mode == TransportModes.Biking ? 10 : leg.Mode == TransportModes.Running ? 5 : 3;
            return speed <= max ? LegReading.Green : LegReading.Other;
        }

        var motorised = leg.Mode is TransportModes.Car or TransportModes.Motorcycle || PublicTransportModes.Contains(leg.Mode);
        if (!motorised)
        {
            return LegReading.Other;
        }

        bool Walk(int j) => j >= 0 && j < legs.Count && legs[j].Mode == TransportModes.Walking && legs[j].Duration >= AccessWalk;
        var before = Walk(i - 1) && leg.Start - legs[i - 1].End <= Wait;
        var after = Walk(i + 1) && legs[i + 1].Start - leg.End <= Wait;

        // A change between two rides has one walk between them.
        var chained = (i > 0 && PublicTransportModes.Contains(legs[i - 1].Mode) && leg.Start - legs[i - 1].End <= Wait)
            || (i + 1 < legs.Count && PublicTransportModes.Contains(legs[i + 1].Mode) && legs[i + 1].Start - leg.End <= Wait);
        return (before && after) || ((before || after) && chained) ? LegReading.PublicTransport : LegReading.Car;
    }

    /// <summary>Share of the car-ride time between 22:00 and 06:00 local time, each ride sampled minute by minute from its start.</summary>
    public double CarNightShare => _carNightShare ??= NightShare();

    private double? _carNightShare;

    private double NightShare()
    {
        double night = 0, total = 0;
        foreach (var leg in CarLegs)
        {
            // A ride's minutes follow from its local start unless the zone's offset changed during it (a ride across
            // a DST change, or an implausibly long one): then each minute is converted.
            var local = Timeline.Local(leg.Start);
            var steady = leg.Duration < TimeSpan.FromHours(12) && Timeline.Local(leg.End) - local == leg.End - leg.Start;
            for (var t = leg.Start; t < leg.End; t = t.AddMinutes(1), local = local.AddMinutes(1))
            {
                var hour = steady ? local.Hour : Timeline.Local(t).Hour;
                night += hour is >= 22 or < 6 ? 1 : 0;
                total++;
            }
        }

        return total > 0 ? night / total : 0;
    }

    /// <summary>Hours of car rides per week.</summary>
    public double CarHoursPerWeek => PerWeek(CarLegs.Sum(l => l.Duration.TotalHours));

    /// <summary>Kilometres of car rides per week.</summary>
    public double CarKmPerWeek => PerWeek(CarLegs.Sum(l => l.DistanceMeters) / 1000);

    /// <summary>Kilometres of the legs in <paramref name="modes"/> per week.</summary>
    public double KmPerWeek(params string[] modes) => PerWeek(Timeline.Legs.Where(l => modes.Contains(l.Mode, StringComparer.Ordinal)).Sum(l => l.DistanceMeters) / 1000);

    private bool CoversSmallHours(InsightStay s)
    {
        var minute = Timeline.LocalMinute(s.Start);
        var toTwo = ((120 - minute) % 1440 + 1440) % 1440;
        return s.Duration.TotalMinutes >= toTwo + 120 && s.Duration < TimeSpan.FromHours(16);
    }
}
