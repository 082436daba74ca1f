using Itinera.Core.Simulation;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Simulation;

public sealed class PersonaCatalogueTests
{
    [Fact]
    public void Persona_ids_are_unique_and_found_by_id()
    {
        Assert.Equal(PersonaCatalogue.All.Count, PersonaCatalogue.All.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(PersonaCatalogue.All, persona => Assert.Same(persona, PersonaCatalogue.Find(persona.Id)));
        Assert.Null(PersonaCatalogue.Find("nobody"));
    }

    [Fact]
    public void Commute_modes_are_platform_modes_and_cover_every_commute_the_issue_asks_for()
    {
        var modes = PersonaCatalogue.All.Select(p => p.CommuteMode).OfType<string>().ToHashSet(StringComparer.Ordinal);

        Assert.All(modes, mode => Assert.Contains(mode, TransportModes.All));
        string[] expected = [TransportModes.Car, TransportModes.Bus, TransportModes.Train, TransportModes.Tram, TransportModes.Subway, TransportModes.Biking, TransportModes.Walking];
        Assert.All(expected, mode => Assert.Contains(mode, modes));
    }

    [Fact]
    public void Probabilities_are_between_zero_and_one_and_workers_have_work_days()
    {
        foreach (var persona in PersonaCatalogue.All)
        {
            double[] probabilities =
            [
                persona.WorkFromHomeProbability, persona.LunchOutProbability, persona.GymProbability, persona.RunProbability,
                persona.ShoppingProbability, persona.FashionProbability, persona.DinnerOutProbability, persona.BarProbability,
                persona.CultureProbability, persona.ParkWalkProbability, persona.WeekendTripProbability, persona.HolidayProbability,
                persona.HarshEventProbability, persona.SpeedingProbability, persona.PhoneUseProbability,
            ];
            Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
            Assert.Equal(persona.Workplace != Workplace.None, persona.CommuteMode is not null);
            if (persona.Workplace != Workplace.None)
            {
                Assert.NotEmpty(persona.WorkDays);
            }
        }
    }

    [Fact]
    public void The_catalogue_has_shift_work_home_work_and_a_long_commute()
    {
        Assert.Contains(PersonaCatalogue.All, p => p.NightShift);
        Assert.Contains(PersonaCatalogue.All, p => p.WorkFromHomeProbability >= 0.8);
        Assert.Contains(PersonaCatalogue.All, p => p.WorkArea == CityArea.Town && p.CommuteMode == TransportModes.Car);
        Assert.Contains(PersonaCatalogue.All, p => p.Workplace == Workplace.None);
        Assert.Contains(PersonaCatalogue.All, p => p.Workplace == Workplace.University);
    }
}
