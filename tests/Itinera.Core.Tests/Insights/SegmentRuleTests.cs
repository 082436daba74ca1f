using Itinera.Core.Insights;
using Itinera.Core.Timeline;
using static Itinera.Core.Tests.Insights.TimelineFixture;

namespace Itinera.Core.Tests.Insights;

/// <summary>
/// One case per segment rule: three weeks of an office commuter with one habit added. The habit gives the segment;
/// the plain commuter does not have it.
/// </summary>
public sealed class SegmentRuleTests
{
    private static readonly Dictionary<string, Action<TimelineFixture, int>> Habits = new(StringComparer.Ordinal)
    {
        ["lifestyle.culture_buff"] = (f, d) => { if (d % 7 is 5 or 6) { f.Outing(d, 14, Museum, 2); } },
        ["lifestyle.resto_lover"] = (f, d) => { if (d % 7 < 4 || d % 7 == 5) { f.Outing(d, 19, Restaurant, 1.5); } },
        ["lifestyle.clubber"] = (f, d) => { if (d % 7 is 4 or 5) { f.Outing(d, 21, Bar, 2.5); } },
        ["behavior.shopaholic"] = (f, d) => { if (d % 7 is 1 or 3 or 5) { f.Outing(d, 18.5, Boutique, 1); } },
        ["lifestyle.late_worker"] = (f, d) => { },
        ["behavior.workaholic"] = (f, d) => { },
        ["behavior.early_bird"] = (f, d) => { },
        ["behavior.night_owl"] = (f, d) => { if (d % 7 < 5) { f.Outing(d, 19, Bar, 5.5, TransportModes.Walking, 10, 600); } },
        ["lifestyle.healthy_biker"] = (f, d) => { if (d % 7 is 5 or 6) { f.Outing(d, 10, Restaurant, 1, TransportModes.Biking, 40, 12_000); } },
        ["lifestyle.healthy_walker"] = (f, d) => { if (d % 7 is 5 or 6) { f.Outing(d, 10, Bakery, 0.5, TransportModes.Walking, 50, 4_500); } },
        ["lifestyle.uber_parent"] = (f, d) => { if (d % 7 < 5) { f.Outing(d, 7.5, School, 0.1, TransportModes.Car, 5, 1500); } },
        ["lifestyle.dog_walker"] = (f, d) => { f.Stay(Home, At(d, 19)).Move(TransportModes.Walking, 25, 2000); f.Stay(Home, At(d, 22)).Move(TransportModes.Walking, 25, 2000); },
        ["behavior.work_traveller"] = (f, d) => { },
        ["leisure.entertainment.nature_lover"] = (f, d) => { },
        ["leisure.wining_and_dining.resto_lover.french"] = (f, d) => { if (d % 7 is 1 or 3 or 5) { f.Outing(d, 19, Restaurant, 1.5); } },
    };

    /// <summary>The office day each case uses on weekdays, when its habit is about work itself.</summary>
    private static void Workday(TimelineFixture f, int d, string id)
    {
        switch (id)
        {
            case "lifestyle.late_worker":
                f.OfficeDay(d, workUntil: 20.5);
                break;
            case "behavior.workaholic":
                f.OfficeDay(d, workUntil: 19.5);
                break;
            case "behavior.early_bird":
                f.Stay(Home, At(d, 5.5)).Move(TransportModes.Car, 45, 52_000).Stay(Work, At(d, 15)).Move(TransportModes.Car, 45, 52_000);
                break;
            case "behavior.work_traveller" when d % 7 == 2:
                f.Outing(d, 8, Office, 7, TransportModes.Car, 40, 30_000);
                break;
            case "behavior.night_owl":
                f.Stay(Home, At(d, 9)).Move(TransportModes.Car, 45, 52_000).Stay(Work, At(d, 17)).Move(TransportModes.Car, 45, 52_000);
                break;
            default:
                f.OfficeDay(d);
                break;
        }
    }

    public static TheoryData<string> Ids => [.. Habits.Keys];

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_habit_gives_the_segment_and_the_plain_commuter_does_not_have_it(string id)
    {
        var f = new TimelineFixture();
        for (var d = 0; d < 21; d++)
        {
            if (d % 7 < 5)
            {
                Workday(f, d, id);
            }

            if (id == "leisure.entertainment.nature_lover" && d % 7 is 5 or 6)
            {
                f.Outing(d, 11, Home with { Latitude = 50.80, Longitude = 4.60, Significance = Significances.Regular, Place = new PlaceCandidate("Zonienwoud", ["leisure", "park"]) }, 2);
            }

            Habits[id](f, d);
            f.Stay(Home, At(d + 1, 0));
        }

        var segments = SegmentDetector.Detect(f.Timeline()).ToDictionary(s => s.DefinitionId, s => s.ExplanationYou);

        Assert.True(segments.ContainsKey(id), $"{id} missing; got {string.Join(", ", segments.Keys)}");
        Assert.StartsWith("Because ", segments[id], StringComparison.Ordinal);
        Assert.DoesNotContain(id, SegmentDetector.Detect(Commuter(3).Timeline()).Select(s => s.DefinitionId));
    }
}
