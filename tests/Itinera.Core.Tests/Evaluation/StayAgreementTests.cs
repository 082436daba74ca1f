using Itinera.Core.Evaluation;
using Itinera.Core.Geo;

namespace Itinera.Core.Tests.Evaluation;

public sealed class StayAgreementTests
{
    private static readonly DateTimeOffset Day = new(2008, 10, 23, 0, 0, 0, TimeSpan.Zero);

    private static FoundStay Found(double fromHour, double toHour, double northMeters = 0) =>
        new(Day.AddHours(fromHour), Day.AddHours(toHour), 40 + northMeters / GeoMath.MetersPerDegreeLatitude, 116.3);

    private static ReferenceStay Reference(double fromHour, double toHour, bool activity = true, double northMeters = 0) =>
        new("001", Day.AddHours(fromHour), Day.AddHours(toHour), 40 + northMeters / GeoMath.MetersPerDegreeLatitude, 116.3, activity);

    [Fact]
    public void AVisitTheReferenceSplitInTwo_IsFoundTwiceByOneStay_AndConfirmsIt()
    {
        var score = StayAgreement.Score("001", [Found(1, 3, northMeters: 20)], [Reference(1, 1.9), Reference(2, 3)]);

        Assert.Equal((2, 2, 1, 1), (score.ReferenceActivities, score.ReferenceActivitiesFound, score.Stays, score.StaysConfirmed));
        Assert.Equal(20, score.CentreDistanceMedianMeters!.Value, 0.5);
        Assert.Equal(1.9 / 2, score.StayTimeIntersectionOverUnion!.Value, 6);
    }

    [Fact]
    public void AStayAtAnotherPlace_OrCoveringUnderHalfTheVisit_DoesNotFindIt()
    {
        var elsewhere = StayAgreement.Score("001", [Found(1, 3, northMeters: 500)], [Reference(1, 3)]);
        var tooShort = StayAgreement.Score("001", [Found(1, 1.4)], [Reference(1, 2)]);

        Assert.Equal((0, 0), (elsewhere.ReferenceActivitiesFound, elsewhere.StaysConfirmed));
        Assert.Equal((0, 1), (tooShort.ReferenceActivitiesFound, tooShort.StaysConfirmed));
    }

    [Fact]
    public void OnlyTheReferencesWindowIsScored_AndShortStayPointsAreNoActivities()
    {
        var score = StayAgreement.Score("001", [Found(0, 2), Found(5, 6)], [Reference(1, 1.01, activity: false), Reference(3, 4)]);

        Assert.Equal(3, score.WindowHours, 6);
        Assert.Equal((1, 0), (score.ReferenceActivities, score.ReferenceActivitiesFound));
        Assert.Equal((1, 1), (score.Stays, score.StaysConfirmed)); // the stay from 0 to 2, clipped to 1–2; the one at 5 lies outside
        Assert.Equal(0.01 / 2, score.StayTimeIntersectionOverUnion!.Value, 6);
    }

    [Fact]
    public void Combine_SumsCountsAndHoursAndPoolsDistances()
    {
        var a = StayAgreement.Score("000", [Found(1, 2)], [Reference(1, 2)]);
        var b = StayAgreement.Score("001", [Found(1, 2, northMeters: 300)], [Reference(1, 2)]);

        var all = StayAgreementScore.Combine([a, b]);

        Assert.Equal((2, 1, 2, 1), (all.ReferenceActivities, all.ReferenceActivitiesFound, all.Stays, all.StaysConfirmed));
        Assert.Equal(0.5, all.ReferenceRecall);
        Assert.Single(all.CentreDistancesMeters);
    }
}
