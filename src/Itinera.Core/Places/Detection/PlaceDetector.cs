using Itinera.Core.Geo;
using Itinera.Core.Time;
using Itinera.Core.Timeline;

namespace Itinera.Core.Places.Detection;

/// <summary>A stay as the place detector sees it: where and when. Times are epoch milliseconds.</summary>
public readonly record struct StayVisit(long StartMs, long EndMs, double Latitude, double Longitude);

/// <summary>A place the user stays at, with the time spent there and what it means to the user.</summary>
/// <param name="Significance">A wire name from <see cref="Significances"/>.</param>
public sealed record DetectedPlace(
    int Index,
    double Latitude,
    double Longitude,
    int RadiusMeters,
    double TotalHours,
    double NightHours,
    double WorkHours,
    int DistinctDays,
    long LastVisitMs,
    string Significance);

/// <summary>
/// Groups a user's stays into places and finds home and work from when the user is there: home is where the
/// user spends the most time overall (robust to night shifts, unlike "where the user sleeps at night"), work the
/// other place with the longest stays (three hours a day on average, on at least three days, at any hour,
/// weekday working hours weighing eight times more than other hours, so a holiday flat does not pass for work).
/// Working from home therefore yields no work place.
/// </summary>
public static class PlaceDetector
{
    /// <summary>Stays closer than this to a place's centre belong to it.</summary>
    public const double PlaceRadiusMeters = 150;

    public static List<DetectedPlace> Detect(IReadOnlyList<StayVisit> stays, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(stays);
        var clusters = new List<Cluster>();
        foreach (var stay in stays.OrderByDescending(s => s.EndMs - s.StartMs).ThenBy(s => s.StartMs))
        {
            var home = clusters.FirstOrDefault(c => GeoMath.ApproxDistanceMeters(c.Latitude, c.Longitude, stay.Latitude, stay.Longitude) <= PlaceRadiusMeters);
            if (home is null)
            {
                home = new Cluster(stay.Latitude, stay.Longitude);
                clusters.Add(home);
            }

            home.Add(stay, timeZoneId);
        }

        // Ordered by first visit so indices are stable as history grows.
        clusters.Sort((a, b) => a.FirstVisitMs.CompareTo(b.FirstVisitMs));
        var homeIndex = -1;
        var best = 0.0;
        for (var i = 0; i < clusters.Count; i++)
        {
            if (clusters[i].TotalHours > best && clusters[i].Days.Count >= 2)
            {
                best = clusters[i].TotalHours;
                homeIndex = i;
            }
        }

        var workIndex = -1;
        best = 0;
        for (var i = 0; i < clusters.Count; i++)
        {
            var c = clusters[i];
            // Long stays (3 h a day on average) on at least three days, at any hour: shift work counts too.
            var score = (2 * c.WorkHours) + (0.25 * c.TotalHours);
            // Work is commuted to: on at least three of its days the user was also at home (a holiday flat,
            // where the user sleeps, is not).
            var commuteDays = homeIndex < 0 ? 0 : c.Days.Count(clusters[homeIndex].Days.Contains);
            if (i != homeIndex && commuteDays >= 3 && c.TotalHours >= 3 * c.Days.Count && score > best)
            {
                best = score;
                workIndex = i;
            }
        }

        var places = new List<DetectedPlace>(clusters.Count);
        for (var i = 0; i < clusters.Count; i++)
        {
            var c = clusters[i];
            var significance = i == homeIndex ? Significances.Home
                : i == workIndex ? Significances.Work
                : c.Days.Count >= 3 ? Significances.Regular
                : c.Days.Count == 1 && c.Visits == 1 ? Significances.New
                : Significances.NonRegular;
            places.Add(new DetectedPlace(i, c.Latitude, c.Longitude, (int)Math.Round(Math.Max(30, c.RadiusMeters)), c.TotalHours, c.NightHours,
                c.WorkHours, c.Days.Count, c.LastVisitMs, significance));
        }

        return places;
    }

    /// <summary>The place a stay belongs to, or null.</summary>
    public static DetectedPlace? PlaceOf(IReadOnlyList<DetectedPlace> places, double latitude, double longitude)
    {
        ArgumentNullException.ThrowIfNull(places);
        DetectedPlace? nearest = null;
        var nearestMeters = PlaceRadiusMeters;
        foreach (var p in places)
        {
            var d = GeoMath.ApproxDistanceMeters(p.Latitude, p.Longitude, latitude, longitude);
            if (d <= nearestMeters)
            {
                nearest = p;
                nearestMeters = d;
            }
        }

        return nearest;
    }

    private sealed class Cluster(double latitude, double longitude)
    {
        private double _weight;

        public double Latitude { get; private set; } = latitude;

        public double Longitude { get; private set; } = longitude;

        public double RadiusMeters { get; private set; }

        public double TotalHours { get; private set; }

        public double NightHours { get; private set; }

        public double WorkHours { get; private set; }

        public int Visits { get; private set; }

        public long FirstVisitMs { get; private set; } = long.MaxValue;

        public long LastVisitMs { get; private set; }

        public HashSet<DateOnly> Days { get; } = [];

        public void Add(StayVisit stay, string? zone)
        {
            var hours = (stay.EndMs - stay.StartMs) / 3_600_000.0;
            var w = Math.Max(hours, 0.01);
            RadiusMeters = Math.Max(RadiusMeters, GeoMath.ApproxDistanceMeters(Latitude, Longitude, stay.Latitude, stay.Longitude));
            Latitude = (Latitude * _weight + stay.Latitude * w) / (_weight + w);
            Longitude = (Longitude * _weight + stay.Longitude * w) / (_weight + w);
            _weight += w;
            TotalHours += hours;
            Visits++;
            FirstVisitMs = Math.Min(FirstVisitMs, stay.StartMs);
            LastVisitMs = Math.Max(LastVisitMs, stay.EndMs);

            // Walk the stay hour by hour in local time: nights (00–06) and weekday working hours (08–19).
            for (var t = stay.StartMs; t < stay.EndMs;)
            {
                var local = TimeZones.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(t), zone);
                var next = Math.Min(stay.EndMs, t + (3_600_000 - (local.Minute * 60_000L) - (local.Second * 1000L) - local.Millisecond));
                var part = (next - t) / 3_600_000.0;
                var day = DateOnly.FromDateTime(local.DateTime);
                Days.Add(day);
                if (local.Hour < 6)
                {
                    NightHours += part;
                }
                else if (local.Hour is >= 8 and < 19 && local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    WorkHours += part;
                }

                t = next > t ? next : t + 60_000;
            }
        }
    }
}
