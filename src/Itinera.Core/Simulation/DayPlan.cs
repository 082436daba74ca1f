namespace Itinera.Core.Simulation;

/// <summary>Why a place is visited.</summary>
internal enum Purpose
{
    Home,
    Work,
    Lunch,
    Gym,
    Run,
    Groceries,
    Fashion,
    Dinner,
    Bar,
    Culture,
    ParkWalk,
    Excursion,
    Holiday,
    Beach,
}

/// <summary>How a trip is made; transit modes are resolved into walk and ride legs.</summary>
internal enum TripMode
{
    Car,
    Walking,
    Running,
    Biking,
    /// <summary>Bus, tram or metro, whichever fits best; cycling or walking when none does.</summary>
    Transit,
    Bus,
    Tram,
    Subway,
    Train,
}

/// <summary>Which part of a holiday a day is.</summary>
internal enum HolidayPhase
{
    None,
    Outbound,
    Away,
    Return,
}

/// <summary>
/// One planned visit: leave the current place at <see cref="DepartMinute"/> (minutes after local midnight of
/// the plan day, or later if the user arrived late) and travel to <see cref="Place"/> by <see cref="Mode"/>.
/// A <see cref="Purpose.Run"/> visit returns to the same place through <see cref="Via"/> and <see cref="Turnaround"/>.
/// </summary>
/// <param name="MinStayMinutes">The shortest stay at <see cref="Place"/> before the next departure.</param>
internal sealed record Visit(
    PointOfInterest Place, string Kind, Purpose Purpose, double DepartMinute, TripMode Mode, double MinStayMinutes,
    PointOfInterest? Via = null, PointOfInterest? Turnaround = null);

/// <summary>What the planner needs to know about a day.</summary>
internal sealed record DayContext(
    int DayIndex, DateOnly Date, PointOfInterest CurrentPlace, bool IsLastDay, HolidayPhase Holiday, string? Anomaly, SimulationRandom Random);
