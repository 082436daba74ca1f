using Itinera.Core.Insights;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Insights;

/// <summary>A place of a test timeline: where it is, what it means to the user and what it is.</summary>
internal sealed record TestPlace(double Latitude, double Longitude, string Significance, PlaceCandidate? Place = null, Address? Address = null);

/// <summary>
/// Writes a user's timeline day by day in local (UTC) hours: stays and legs are appended in order, and consecutive
/// stays at one place (home across midnight) become one stay, as the timeline engine makes them.
/// </summary>
internal sealed class TimelineFixture
{
    public const string Zone = "UTC";

    /// <summary>A Monday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly TestPlace Home = new(50.78, 4.54, Significances.Home, new PlaceCandidate(null, ["building", "residential"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Work = new(51.2194, 4.4025, Significances.Work, new PlaceCandidate("Acme Offices", ["office", "company"]), new Address("Belgium", "Antwerpen", "city"));
    public static readonly TestPlace Gym = new(50.79, 4.55, Significances.Regular, new PlaceCandidate("Basic Fit", ["leisure", "fitness_centre"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Restaurant = new(50.786, 4.545, Significances.Regular, new PlaceCandidate("Chez Marcel", ["amenity", "restaurant", "french"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Supermarket = new(50.775, 4.53, Significances.Regular, new PlaceCandidate("Colruyt Overijse", ["shop", "supermarket"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Bakery = new(50.7805, 4.5405, Significances.Regular, new PlaceCandidate("Bakkerij Jan", ["shop", "bakery"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Hotel = new(51.23, 2.92, Significances.NonRegular, new PlaceCandidate("Hotel Zee", ["tourism", "hotel"]), new Address("Belgium", "Oostende", "city"));

    public static readonly TestPlace Museum = new(50.79, 4.52, Significances.Regular, new PlaceCandidate("Museum M", ["tourism", "museum"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Bar = new(50.777, 4.548, Significances.Regular, new PlaceCandidate("Bar Atlas", ["amenity", "bar"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Boutique = new(50.772, 4.535, Significances.Regular, new PlaceCandidate("Maison Mode", ["shop", "clothes"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace School = new(50.783, 4.551, Significances.Regular, new PlaceCandidate("Basisschool", ["amenity", "school"]), new Address("Belgium", "Overijse", "town"));
    public static readonly TestPlace Office = new(50.85, 4.35, Significances.Regular, new PlaceCandidate("Client HQ", ["office", "company"]), new Address("Belgium", "Brussels", "city"));

    private readonly List<TimelineEvent> _events = [];

    public DateTimeOffset Cursor { get; private set; } = Start;

    public IReadOnlyList<TimelineEvent> Events => _events;

    /// <summary>The instant <paramref name="hours"/> after the start of day <paramref name="day"/>.</summary>
    public static DateTimeOffset At(int day, double hours) => Start.AddDays(day).AddHours(hours);

    /// <summary>Stays at <paramref name="place"/> until <paramref name="until"/>.</summary>
    public TimelineFixture Stay(TestPlace place, DateTimeOffset until)
    {
        if (_events.Count > 0 && _events[^1] is { Kind: EventKind.Stationary, Stationary: { } last } previous
            && last.Latitude == place.Latitude && last.Longitude == place.Longitude)
        {
            _events[^1] = previous with { End = until };
        }
        else
        {
            _events.Add(new TimelineEvent(Guid.NewGuid().ToString(), EventKind.Stationary, Cursor, until, Zone, AnalysisType.Processed,
                new StationaryDetails(place.Latitude, place.Longitude, place.Significance, place.Place, place.Address), null));
        }

        Cursor = until;
        return this;
    }

    /// <summary>Moves in <paramref name="mode"/> for <paramref name="minutes"/> over <paramref name="meters"/>.</summary>
    public TimelineFixture Move(string mode, double minutes, double meters)
    {
        var end = Cursor.AddMinutes(minutes);
        _events.Add(new TimelineEvent(Guid.NewGuid().ToString(), EventKind.Transport, Cursor, end, Zone, AnalysisType.Processed, null,
            new TransportDetails(mode, (long)meters, null)));
        Cursor = end;
        return this;
    }

    /// <summary>Makes the last event ongoing (no end), as the timeline does while it lasts.</summary>
    public TimelineFixture Ongoing()
    {
        _events[^1] = _events[^1] with { End = null, AnalysisType = AnalysisType.Preliminary };
        return this;
    }

    /// <summary>An office day: home, car to work at 08:00 (45 min, 52 km), work until <paramref name="workUntil"/>, car home.</summary>
    public TimelineFixture OfficeDay(int day, double workUntil = 17, string mode = TransportModes.Car, double meters = 52_000, double minutes = 45)
    {
        Stay(Home, At(day, 8));
        Move(mode, minutes, meters);
        Stay(Work, At(day, workUntil));
        Move(mode, minutes, meters);
        return this;
    }

    /// <summary>From home at <paramref name="hour"/>: <paramref name="minutes"/> by <paramref name="mode"/> to the place, <paramref name="hours"/> there, and back.</summary>
    public TimelineFixture Outing(int day, double hour, TestPlace place, double hours, string mode = TransportModes.Car, double minutes = 10, double meters = 3000)
    {
        Stay(Home, At(day, hour));
        Move(mode, minutes, meters);
        Stay(place, At(day, hour + (minutes / 60) + hours));
        Move(mode, minutes, meters);
        return this;
    }

    /// <summary>A day at home until the end of the day.</summary>
    public TimelineFixture HomeDay(int day) => Stay(Home, At(day + 1, 0));

    /// <summary>Office days on weekdays and days at home at weekends for <paramref name="weeks"/> weeks; ends at home at the end of the last day.</summary>
    public static TimelineFixture Commuter(int weeks, Action<TimelineFixture, int>? day = null)
    {
        var f = new TimelineFixture();
        for (var d = 0; d < weeks * 7; d++)
        {
            if (day is not null)
            {
                day(f, d);
            }
            else if (d % 7 < 5)
            {
                f.OfficeDay(d);
            }

            f.Stay(Home, At(d + 1, 0));
        }

        return f;
    }

    public InsightTimeline Timeline(DateTimeOffset? now = null) => InsightTimeline.From(_events, Zone, now ?? Cursor, (now ?? Cursor) - TimeSpan.FromDays(63));
}
