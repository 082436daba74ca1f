using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>
/// The personas of the simulator. Users are assigned personas round-robin in this order (user i gets
/// <c>All[i % All.Count]</c>), so any run of at least <c>All.Count</c> users covers every persona.
/// </summary>
public static class PersonaCatalogue
{
    public static Persona OfficeCarCommuter { get; } = new()
    {
        Id = "office_car_commuter",
        Description = "Drives 3-8 km across the city to an office; shops by car; occasional gym and dinners.",
        CommuteMode = TransportModes.Car,
        Errands = TravelPreference.Car,
        WorkFromHomeProbability = 0.1,
        LunchOutProbability = 0.3,
        GymProbability = 0.1,
        ShoppingProbability = 0.35,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.1,
        BarProbability = 0.05,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.1,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.25,
        HarshEventProbability = 0.012,
        SpeedingProbability = 0.15,
        PhoneUseProbability = 0.15,
    };

    public static Persona LongCarCommuter { get; } = new()
    {
        Id = "long_car_commuter",
        Description = "Lives in the city and drives the motorway to an office in the town 25-35 km away.",
        CommuteMode = TransportModes.Car,
        WorkArea = CityArea.Town,
        WorkStartHour = 8,
        WorkHours = 9,
        Errands = TravelPreference.Car,
        WorkFromHomeProbability = 0.15,
        LunchOutProbability = 0.3,
        GymProbability = 0.05,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.05,
        CultureProbability = 0.05,
        WeekendTripProbability = 0.05,
        HolidayProbability = 0.2,
        HarshEventProbability = 0.01,
        SpeedingProbability = 0.3,
        PhoneUseProbability = 0.2,
    };

    public static Persona BusCommuter { get; } = new()
    {
        Id = "bus_commuter",
        Description = "Takes the bus to an office; runs errands by public transport and on foot.",
        CommuteMode = TransportModes.Bus,
        LunchOutProbability = 0.25,
        GymProbability = 0.1,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.1,
        BarProbability = 0.05,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.15,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
    };

    public static Persona TrainCommuter { get; } = new()
    {
        Id = "train_commuter",
        Description = "Lives near a city station and takes the train to an office in the town.",
        CommuteMode = TransportModes.Train,
        WorkArea = CityArea.Town,
        WorkStartHour = 8.5,
        WorkHours = 8.5,
        LunchOutProbability = 0.35,
        GymProbability = 0.1,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.1,
        BarProbability = 0.05,
        CultureProbability = 0.15,
        ParkWalkProbability = 0.1,
        WeekendTripProbability = 0.05,
        HolidayProbability = 0.25,
    };

    public static Persona TramCommuter { get; } = new()
    {
        Id = "tram_commuter",
        Description = "Takes the tram to an office; errands by public transport and on foot.",
        CommuteMode = TransportModes.Tram,
        LunchOutProbability = 0.3,
        GymProbability = 0.1,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.1,
        BarProbability = 0.1,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.15,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
    };

    public static Persona MetroCommuter { get; } = new()
    {
        Id = "metro_commuter",
        Description = "Takes the underground metro to an office (no GPS while underground).",
        CommuteMode = TransportModes.Subway,
        WorkStartHour = 9,
        LunchOutProbability = 0.3,
        GymProbability = 0.15,
        ShoppingProbability = 0.3,
        FashionProbability = 0.1,
        DinnerOutProbability = 0.1,
        BarProbability = 0.1,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.1,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
    };

    public static Persona Cyclist { get; } = new()
    {
        Id = "cyclist",
        Description = "Cycles 2-6 km to an office and almost everywhere else.",
        CommuteMode = TransportModes.Biking,
        Errands = TravelPreference.Biking,
        LunchOutProbability = 0.2,
        GymProbability = 0.15,
        RunProbability = 0.1,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.1,
        BarProbability = 0.1,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.15,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
    };

    public static Persona Walker { get; } = new()
    {
        Id = "walker",
        Description = "Lives 0.6-2 km from the office and walks there; walks for most errands.",
        CommuteMode = TransportModes.Walking,
        Errands = TravelPreference.Walking,
        LunchOutProbability = 0.3,
        GymProbability = 0.05,
        ShoppingProbability = 0.4,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.1,
        BarProbability = 0.05,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.3,
        WeekendTripProbability = 0.05,
        HolidayProbability = 0.2,
    };

    public static Persona NightShiftWorker { get; } = new()
    {
        Id = "night_shift_worker",
        Description = "Drives to a hospital for night shifts (22:00-06:00) four nights a week.",
        CommuteMode = TransportModes.Car,
        Workplace = Workplace.Hospital,
        NightShift = true,
        WorkStartHour = 22,
        WorkHours = 8,
        WorkDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday],
        Errands = TravelPreference.Car,
        ShoppingProbability = 0.35,
        GymProbability = 0.1,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.05,
        CultureProbability = 0.05,
        ParkWalkProbability = 0.1,
        HolidayProbability = 0.2,
        HarshEventProbability = 0.012,
        SpeedingProbability = 0.2,
        PhoneUseProbability = 0.1,
    };

    public static Persona RemoteWorker { get; } = new()
    {
        Id = "remote_worker",
        Description = "Works from home most days, goes to the office about one day a week by tram.",
        CommuteMode = TransportModes.Tram,
        WorkFromHomeProbability = 0.85,
        Errands = TravelPreference.Walking,
        LunchOutProbability = 0.2,
        GymProbability = 0.1,
        RunProbability = 0.05,
        ShoppingProbability = 0.4,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.05,
        BarProbability = 0.05,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.2,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
    };

    public static Persona Student { get; } = new()
    {
        Id = "student",
        Description = "Cycles to the university for lectures, eats out at lunch and goes out to bars.",
        CommuteMode = TransportModes.Biking,
        Workplace = Workplace.University,
        WorkStartHour = 9.5,
        WorkHours = 6.5,
        Errands = TravelPreference.Biking,
        LunchOutProbability = 0.5,
        GymProbability = 0.1,
        RunProbability = 0.05,
        ShoppingProbability = 0.25,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.05,
        BarProbability = 0.3,
        CultureProbability = 0.05,
        ParkWalkProbability = 0.1,
        WeekendTripProbability = 0.05,
        HolidayProbability = 0.1,
    };

    public static Persona Retiree { get; } = new()
    {
        Id = "retiree",
        Description = "Retired: daily groceries, park walks, museums, cafés; drives for longer errands.",
        Workplace = Workplace.None,
        Errands = TravelPreference.Car,
        ShoppingProbability = 0.6,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.05,
        CultureProbability = 0.3,
        ParkWalkProbability = 0.4,
        WeekendTripProbability = 0.05,
        HolidayProbability = 0.4,
        HarshEventProbability = 0.006,
        SpeedingProbability = 0.05,
        PhoneUseProbability = 0.02,
    };

    public static Persona Sporty { get; } = new()
    {
        Id = "sporty",
        Description = "Cycles to the office, goes to the gym most days and runs in the park.",
        CommuteMode = TransportModes.Biking,
        Errands = TravelPreference.Biking,
        LunchOutProbability = 0.2,
        GymProbability = 0.55,
        RunProbability = 0.3,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.05,
        BarProbability = 0.05,
        CultureProbability = 0.05,
        ParkWalkProbability = 0.1,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
    };

    public static Persona Foodie { get; } = new()
    {
        Id = "foodie",
        Description = "Takes the tram to the office and eats out at restaurants most lunches and many evenings.",
        CommuteMode = TransportModes.Tram,
        LunchOutProbability = 0.8,
        GymProbability = 0.05,
        ShoppingProbability = 0.3,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.6,
        BarProbability = 0.1,
        CultureProbability = 0.1,
        ParkWalkProbability = 0.1,
        WeekendTripProbability = 0.15,
        HolidayProbability = 0.25,
    };

    public static Persona Shopaholic { get; } = new()
    {
        Id = "shopaholic",
        Description = "Drives to the office and goes shopping almost every day, for clothes especially.",
        CommuteMode = TransportModes.Car,
        Errands = TravelPreference.Car,
        WorkFromHomeProbability = 0.1,
        LunchOutProbability = 0.2,
        GymProbability = 0.05,
        ShoppingProbability = 0.5,
        FashionProbability = 0.5,
        DinnerOutProbability = 0.1,
        BarProbability = 0.05,
        CultureProbability = 0.05,
        WeekendTripProbability = 0.1,
        HolidayProbability = 0.2,
        HarshEventProbability = 0.015,
        SpeedingProbability = 0.1,
        PhoneUseProbability = 0.2,
    };

    public static Persona CultureBuff { get; } = new()
    {
        Id = "culture_buff",
        Description = "Takes the bus to the office and spends free time in museums.",
        CommuteMode = TransportModes.Bus,
        LunchOutProbability = 0.3,
        GymProbability = 0.05,
        ShoppingProbability = 0.2,
        FashionProbability = 0.05,
        DinnerOutProbability = 0.15,
        BarProbability = 0.05,
        CultureProbability = 0.9,
        ParkWalkProbability = 0.2,
        WeekendTripProbability = 0.15,
        HolidayProbability = 0.25,
    };

    public static Persona RecklessDriver { get; } = new()
    {
        Id = "reckless_driver",
        Description = "Drives everywhere, brakes and accelerates hard, speeds and handles the phone at the wheel.",
        CommuteMode = TransportModes.Car,
        Errands = TravelPreference.Car,
        LunchOutProbability = 0.3,
        GymProbability = 0.1,
        ShoppingProbability = 0.3,
        FashionProbability = 0.1,
        DinnerOutProbability = 0.1,
        BarProbability = 0.1,
        CultureProbability = 0.02,
        WeekendTripProbability = 0.15,
        HolidayProbability = 0.1,
        HarshEventProbability = 0.25,
        SpeedingProbability = 0.7,
        PhoneUseProbability = 0.8,
    };

    /// <summary>Every persona, in assignment order.</summary>
    public static IReadOnlyList<Persona> All { get; } =
    [
        OfficeCarCommuter, LongCarCommuter, BusCommuter, TrainCommuter, TramCommuter, MetroCommuter, Cyclist, Walker,
        NightShiftWorker, RemoteWorker, Student, Retiree, Sporty, Foodie, Shopaholic, CultureBuff, RecklessDriver,
    ];

    /// <summary>
    /// The personas a city can host, in assignment order: every persona in a generated city; in a map city
    /// (without a town) not those who work in the town, and commuters by tram or metro only when the map has
    /// such a line with enough stops for a commute.
    /// </summary>
    public static IReadOnlyList<Persona> SupportedBy(SyntheticCity city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return city.HasOutlyingAreas ? All : [.. All.Where(persona => Supports(city, persona))];
    }

    private static bool Supports(SyntheticCity city, Persona persona)
    {
        if (persona.WorkArea != CityArea.City && !city.HasOutlyingAreas)
        {
            return false;
        }

        // A transit commuter lives and works several stops apart on one line (see UserProfile).
        var (kind, stops) = persona.CommuteMode switch
        {
            TransportModes.Bus => (TransitKind.Bus, 6),
            TransportModes.Tram => (TransitKind.Tram, 6),
            TransportModes.Subway => (TransitKind.Subway, 4),
            TransportModes.Train => (TransitKind.Train, 4),
            _ => ((TransitKind?)null, 0),
        };
        return kind is null || city.Lines.Any(line => line.Kind == kind && line.Stops.Count >= stops);
    }

    /// <summary>The persona with the given id (ordinal), or null.</summary>
    public static Persona? Find(string id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
