using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>How a persona makes trips other than the commute, beyond walking distance.</summary>
public enum TravelPreference
{
    Car,
    Walking,
    Biking,
    /// <summary>Bus, tram or metro, whichever serves the trip best; cycling when no line does.</summary>
    Transit,
}

/// <summary>Where a persona works.</summary>
public enum Workplace
{
    /// <summary>No workplace (retired or not employed).</summary>
    None,
    Office,
    /// <summary>Studies at a university (the truth kind of the place is still <c>work</c>).</summary>
    University,
    /// <summary>A hospital, where night shifts are worked.</summary>
    Hospital,
}

/// <summary>
/// A kind of simulated user: where they work and how they get there, their weekly routine and their driving.
/// Probabilities are per day (per eligible day for the routine, per car trip for driving) and in [0, 1]; the
/// simulator adds day-to-day jitter to every time.
/// </summary>
public sealed record Persona
{
    /// <summary>Monday to Friday.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Stable id written to the truth, e.g. <c>bus_commuter</c>.</summary>
    public required string Id { get; init; }

    public required string Description { get; init; }

    /// <summary>The commute mode (a <see cref="TransportModes"/> value: car, bus, tram, subway, train, biking, walking); null without a workplace.</summary>
    public string? CommuteMode { get; init; }

    public Workplace Workplace { get; init; } = Workplace.Office;

    /// <summary>Where the workplace is; <see cref="CityArea.Town"/> makes a long commuter.</summary>
    public CityArea WorkArea { get; init; } = CityArea.City;

    /// <summary>Usual start of work, local hours (22 = 22:00 for night shifts).</summary>
    public double WorkStartHour { get; init; } = 8.5;

    /// <summary>Usual length of the working day including breaks, hours.</summary>
    public double WorkHours { get; init; } = 8.5;

    /// <summary>Days on which work starts.</summary>
    public IReadOnlyList<DayOfWeek> WorkDays { get; init; } = Weekdays;

    /// <summary>True when work runs overnight (starts in the evening, ends the next morning).</summary>
    public bool NightShift { get; init; }

    /// <summary>Probability that a working day is spent working from home.</summary>
    public double WorkFromHomeProbability { get; init; }

    /// <summary>How trips beyond walking distance are made when not commuting.</summary>
    public TravelPreference Errands { get; init; } = TravelPreference.Transit;

    /// <summary>Probability of lunch at a restaurant, café or snack bar near work on an office day.</summary>
    public double LunchOutProbability { get; init; }

    /// <summary>Probability of a gym session (fitness or sports centre) on a day.</summary>
    public double GymProbability { get; init; }

    /// <summary>Probability of a run (a loop through a park) on a day.</summary>
    public double RunProbability { get; init; }

    /// <summary>Probability of grocery shopping (supermarket or bakery) on a day.</summary>
    public double ShoppingProbability { get; init; }

    /// <summary>Probability of clothes shopping on a day (doubled at weekends).</summary>
    public double FashionProbability { get; init; }

    /// <summary>Probability of dinner at a restaurant on a day.</summary>
    public double DinnerOutProbability { get; init; }

    /// <summary>Probability of an evening at a bar on a day.</summary>
    public double BarProbability { get; init; }

    /// <summary>Probability of a museum visit on a free day (35 % of it after work).</summary>
    public double CultureProbability { get; init; }

    /// <summary>Probability of a walk to a park on a free day.</summary>
    public double ParkWalkProbability { get; init; }

    /// <summary>Probability of a day trip to the town on a weekend day.</summary>
    public double WeekendTripProbability { get; init; }

    /// <summary>Probability of a 4–7-day holiday at the coast per 28 simulated days.</summary>
    public double HolidayProbability { get; init; }

    /// <summary>Probability per opportunity (a stop, a start from a stop, a sharp turn) of a harsh manoeuvre when driving.</summary>
    public double HarshEventProbability { get; init; } = 0.01;

    /// <summary>Probability that a car trip contains a speeding episode.</summary>
    public double SpeedingProbability { get; init; } = 0.1;

    /// <summary>Probability that a car trip contains phone use by the driver.</summary>
    public double PhoneUseProbability { get; init; } = 0.1;

    /// <summary>True when the persona drives (commutes or runs errands by car).</summary>
    public bool Drives => string.Equals(CommuteMode, TransportModes.Car, StringComparison.Ordinal) || Errands == TravelPreference.Car;
}
