using Itinera.Core.Places.Detection;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Places.Detection;

public sealed class PlaceDetectorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private const double HomeLat = 50.85, HomeLon = 4.35, WorkLat = 50.90, WorkLon = 4.40, GymLat = 50.87, GymLon = 4.30;

    private static StayVisit Visit(int day, double fromHour, double toHour, double lat, double lon) =>
        new(Monday.AddDays(day).AddHours(fromHour).ToUnixTimeMilliseconds(), Monday.AddDays(day).AddHours(toHour).ToUnixTimeMilliseconds(), lat, lon);

    [Fact]
    public void AnOfficeWorker_HasHomeWhereTheNightsAreAndWorkWhereTheWeekdaysAre()
    {
        var stays = new List<StayVisit>();
        for (var d = 0; d < 14; d++)
        {
            var weekday = d % 7 < 5;
            stays.Add(Visit(d, 0, weekday ? 8 : 10, HomeLat, HomeLon));
            if (weekday)
            {
                stays.Add(Visit(d, 9, 17.5, WorkLat, WorkLon));
                stays.Add(Visit(d, 18, 24, HomeLat, HomeLon));
            }
            else
            {
                stays.Add(Visit(d, 11, 12.5, GymLat, GymLon));
                stays.Add(Visit(d, 13, 24, HomeLat, HomeLon));
            }
        }

        var places = PlaceDetector.Detect(stays, "UTC");
        Assert.Equal(Significances.Home, PlaceDetector.PlaceOf(places, HomeLat, HomeLon)!.Significance);
        Assert.Equal(Significances.Work, PlaceDetector.PlaceOf(places, WorkLat, WorkLon)!.Significance);
        Assert.Equal(Significances.Regular, PlaceDetector.PlaceOf(places, GymLat, GymLon)!.Significance);
    }

    [Fact]
    public void ANightShiftWorker_StillHasHomeAndWork()
    {
        var stays = new List<StayVisit>();
        for (var d = 0; d < 10; d++)
        {
            stays.Add(Visit(d, 7, 21, HomeLat, HomeLon));
            stays.Add(Visit(d, 22, 30, WorkLat, WorkLon));
        }

        var places = PlaceDetector.Detect(stays, "UTC");
        Assert.Equal(Significances.Home, PlaceDetector.PlaceOf(places, HomeLat, HomeLon)!.Significance);
        Assert.Equal(Significances.Work, PlaceDetector.PlaceOf(places, WorkLat, WorkLon)!.Significance);
    }

    [Fact]
    public void SomeoneWorkingFromHome_HasNoWorkPlace()
    {
        var stays = new List<StayVisit>();
        for (var d = 0; d < 10; d++)
        {
            stays.Add(Visit(d, 0, 12, HomeLat, HomeLon));
            stays.Add(Visit(d, 12.5, 13.5, GymLat, GymLon));
            stays.Add(Visit(d, 14, 24, HomeLat, HomeLon));
        }

        var places = PlaceDetector.Detect(stays, "UTC");
        Assert.Equal(Significances.Home, PlaceDetector.PlaceOf(places, HomeLat, HomeLon)!.Significance);
        Assert.DoesNotContain(places, p => p.Significance == Significances.Work);
    }

    [Fact]
    public void AOneOffVisit_IsNew()
    {
        var places = PlaceDetector.Detect([Visit(0, 0, 20, HomeLat, HomeLon), Visit(1, 0, 20, HomeLat, HomeLon), Visit(1, 20.5, 21, GymLat, GymLon)], "UTC");
        Assert.Equal(Significances.New, PlaceDetector.PlaceOf(places, GymLat, GymLon)!.Significance);
    }
}
