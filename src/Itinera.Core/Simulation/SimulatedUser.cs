using System.Globalization;

namespace Itinera.Core.Simulation;

/// <summary>
/// One simulated user: persona, places, holiday and injected anomalies are fixed at creation; the days are
/// generated lazily by <see cref="GenerateDays"/>, identically on every enumeration.
/// </summary>
public sealed class SimulatedUser
{
    private readonly HolidayPhase[] _holiday;
    private readonly string?[] _anomalies;
    private readonly Dictionary<string, TruthPlace> _places = new(StringComparer.Ordinal);

    internal SimulatedUser(SyntheticCity city, SimulationOptions options, int index, Persona persona, LocalClock clock)
    {
        City = city;
        Seed = options.Seed;
        Index = index;
        Persona = persona;
        Clock = clock;
        StartDate = options.Start;
        Days = options.Days;
        TimeZoneId = options.TimeZoneId;
        ExternalId = string.Create(CultureInfo.InvariantCulture, $"sim-{options.Seed}-{index}");
        Profile = UserProfile.Create(city, persona, new SimulationRandom(options.Seed, index + 1L, -1));
        _holiday = PlanHoliday(new SimulationRandom(options.Seed, index + 1L, -2));
        _anomalies = options.InjectAnomalies ? PlanAnomalies(new SimulationRandom(options.Seed, index + 1L, -3)) : new string?[Days];
        RegisterPlaces();
    }

    /// <summary>Zero-based index of the user in the run.</summary>
    public int Index { get; }

    /// <summary>The id to link the user with, <c>sim-{seed}-{index}</c>.</summary>
    public string ExternalId { get; }

    public Persona Persona { get; }

    /// <summary>The IANA time zone of the user's days.</summary>
    public string TimeZoneId { get; }

    public DateOnly StartDate { get; }

    public int Days { get; }

    /// <summary>The user's home.</summary>
    public TruthPlace Home => _places[PlaceId(Profile.Home)];

    /// <summary>The user's workplace (office, university or hospital), or null.</summary>
    public TruthPlace? Work => Profile.Work is { } work ? _places[PlaceId(work)] : null;

    internal SyntheticCity City { get; }

    internal int Seed { get; }

    internal UserProfile Profile { get; }

    internal LocalClock Clock { get; }

    /// <summary>Every place the user may visit, by place id.</summary>
    internal IReadOnlyDictionary<string, TruthPlace> Places => _places;

    /// <summary>
    /// Generates the user's days in order, lazily: each day is produced only when the enumerator reaches it, so a
    /// caller can upload day by day. Enumerating again regenerates the same days.
    /// </summary>
    public IEnumerable<SimulatedDay> GenerateDays() => new UserSimulation(this).Run();

    /// <summary>Generates every day and returns the user's merged truth (the sensor streams are discarded).</summary>
    public UserTruth CollectTruth()
    {
        var builder = new UserTruthBuilder(this);
        foreach (var day in GenerateDays())
        {
            builder.Add(day);
        }

        return builder.Build();
    }

    /// <summary>Generates every day and returns the user's location fixes and activity samples with the merged truth
    /// (the motion and phone streams are discarded): what timeline evaluation and training read.</summary>
    public (List<Ingestion.Fix> Fixes, List<Ingestion.ActivitySample> Activities, UserTruth Truth) CollectTrack()
    {
        var fixes = new List<Ingestion.Fix>();
        var activities = new List<Ingestion.ActivitySample>();
        var builder = new UserTruthBuilder(this);
        foreach (var day in GenerateDays())
        {
            fixes.AddRange(day.Fixes);
            activities.AddRange(day.Activities);
            builder.Add(day);
        }

        return (fixes, activities, builder.Build());
    }

    internal static string PlaceId(PointOfInterest poi) => string.Create(CultureInfo.InvariantCulture, $"node/{poi.Id}");

    internal HolidayPhase HolidayOn(int day) => _holiday[day];

    internal string? AnomalyOn(int day) => _anomalies[day];

    private HolidayPhase[] PlanHoliday(SimulationRandom random)
    {
        var phases = new HolidayPhase[Days];
        if (Days < 10 || !random.Chance(Math.Min(0.9, Persona.HolidayProbability * Days / 28.0)))
        {
            return phases;
        }

        var length = random.Next(4, 8);
        var start = random.Next(2, Days - length);
        phases[start] = HolidayPhase.Outbound;
        for (var d = start + 1; d < start + length - 1; d++)
        {
            phases[d] = HolidayPhase.Away;
        }

        phases[start + length - 1] = HolidayPhase.Return;
        return phases;
    }

    private string?[] PlanAnomalies(SimulationRandom random)
    {
        var anomalies = new string?[Days];
        if (Days < 7)
        {
            return anomalies;
        }

        var first = Math.Max(7, Days / 2);
        bool Free(int d) => anomalies[d] is null && _holiday[d] == HolidayPhase.None && (d == 0 || _holiday[d - 1] == HolidayPhase.None);
        bool WorkDay(int d) => Persona.WorkDays.Contains(StartDate.AddDays(d).DayOfWeek);
        bool Weekend(int d) => StartDate.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        void Place(string kind, Func<int, bool> eligible)
        {
            var candidates = Enumerable.Range(first, Days - first).Where(d => Free(d) && eligible(d)).ToList();
            if (candidates.Count > 0)
            {
                anomalies[random.Pick(candidates)] = kind;
            }
        }

        if (Profile.Work is not null)
        {
            if (!Persona.NightShift)
            {
                Place(AnomalyKinds.LongWorkingDay, WorkDay);
            }

            Place(AnomalyKinds.MissedCommute, WorkDay);
        }

        // A long trip on a weekend day when there is one, else on any day off, else on any day.
        var weekend = Enumerable.Range(first, Days - first).Any(d => Free(d) && Weekend(d) && !WorkDay(d));
        Place(AnomalyKinds.LongTrip, weekend ? d => Weekend(d) && !WorkDay(d) : d => !WorkDay(d) || Profile.Work is null);
        return anomalies;
    }

    private void RegisterPlaces()
    {
        var profile = Profile;
        Register(profile.Home, PlaceKinds.Home, 30);
        if (profile.Work is { } work)
        {
            Register(work, PlaceKinds.Work, work.Category == PoiCategory.Office ? 60 : 120);
        }

        var others = profile.LunchPlaces.Concat(profile.NearHomeLunch).Concat(profile.DinnerPlaces).Concat(profile.Bars)
            .Concat(profile.Groceries).Concat(profile.FashionShops).Concat(profile.Gyms).Append(profile.Park).Concat(profile.Museums)
            .Concat(profile.TownSights).Concat(profile.TownRestaurants).Append(profile.Hotel).Append(profile.Beach).Concat(profile.CoastRestaurants);
        foreach (var poi in others)
        {
            var radius = poi.Category switch
            {
                PoiCategory.Park => 150,
                PoiCategory.Beach => 200,
                PoiCategory.SportsCentre or PoiCategory.Hotel => 80,
                _ => 40,
            };
            Register(poi, PlaceKinds.Of(poi.Category), radius);
        }
    }

    private void Register(PointOfInterest poi, string kind, int radiusMeters)
    {
        var id = PlaceId(poi);
        if (!_places.ContainsKey(id))
        {
            _places[id] = new TruthPlace(id, kind, PlaceKinds.CategoryName(poi.Category), poi.Name, poi.Latitude, poi.Longitude, radiusMeters);
        }
    }
}
