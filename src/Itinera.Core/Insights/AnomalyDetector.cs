using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>
/// Finds days on which one of the user's quantities (time at home and work, by day part; distance and duration
/// travelled, by mode and mode category; commute distance and duration; time working) departs from the user's own
/// baseline: the same quantity on the same kind of day (weekday or weekend day) over the previous nine weeks. A day is
/// only judged against a baseline of at least <see cref="MinWeekdays"/> weekdays (<see cref="MinWeekendDays"/> weekend
/// days). The rules are documented in docs/anomalies.md.
/// </summary>
public static class AnomalyDetector
{
    /// <summary>How far back the baseline reaches.</summary>
    public static readonly TimeSpan Baseline = TimeSpan.FromDays(63);

    public const int MinWeekdays = 12;

    public const int MinWeekendDays = 6;

    /// <summary>Robust z-score (deviation over the baseline's scaled median absolute deviation) needed to report.</summary>
    public const double MinSigma = 4;

    /// <summary>
    /// Baseline days that deviated at least half as much in the same direction which are tolerated; with more, the
    /// deviation is a habit of the user (a home-office day now and then), not an anomaly.
    /// </summary>
    public const int MaxAsExtreme = 1;

    /// <summary>Smallest scale of a duration baseline, seconds.</summary>
    public const double DurationFloorSeconds = 2700;

    /// <summary>Smallest scale of a duration baseline as a share of its median.</summary>
    public const double DurationFloorShare = 0.1;

    /// <summary>Smallest scale of a distance baseline as a share of its median: distances vary more than times.</summary>
    public const double DistanceFloorShare = 0.5;

    /// <summary>Complete weeks needed in the baseline of a weekly day count.</summary>
    public const int MinWeeks = 4;

    /// <summary>Smallest scale of a day-count baseline, days: only a change of several days in a week is an anomaly.</summary>
    public const double DayCountFloor = 1;

    /// <summary>Smallest scale of a distance baseline, metres: a few kilometres more or less is never an anomaly.</summary>
    public const double DistanceFloorMeters = 5000;

    private static readonly (string Name, int FromHour, int ToHour)[] DayParts =
    [
        ("night", 0, 6), ("morning", 6, 10), ("noon", 10, 14), ("afternoon", 14, 17), ("evening", 17, 24),
    ];

    /// <summary>A daily quantity and how it is reported.</summary>
    private sealed record Quantity(
        string Name, AnomalyMeasure Measure, string? DayPart = null, string? Significance = null, string? Mode = null, string? ModeCategory = null,
        string? Moment = null);

    /// <summary>Anomalies of the covered days from <paramref name="from"/> on (whole local days before <see cref="InsightTimeline.Now"/>'s day).</summary>
    public static List<Anomaly> Detect(InsightTimeline timeline, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var values = DailyValues(timeline);
        var anomalies = new List<Anomaly>();
        foreach (var (day, baselineDays) in JudgedDays(timeline, from))
        {
            var dayStart = timeline.At(day, 0);
            var weekend = IsWeekend(day);
            foreach (var (quantity, byDay) in values)
            {
                var observed = byDay.GetValueOrDefault(day);
                var baseline = baselineDays.Select(d => byDay.GetValueOrDefault(d)).ToList();
                var qualified = quantity.Mode is not null || quantity.ModeCategory is not null;
                if (Judge(quantity.Measure, observed, baseline, requireUsual: qualified) is not { } verdict)
                {
                    continue;
                }

                anomalies.Add(new Anomaly(
                    Id(quantity, day), quantity.Measure, true, dayStart, timeline.At(day.AddDays(1), 0), timeline.TimeZoneId, quantity.Name,
                    verdict.Sigma, verdict.Probability, observed == 0 ? null : observed, verdict.Expected, weekend ? "weekend_day" : "day", quantity.DayPart,
                    null, quantity.Significance, quantity.Mode, quantity.ModeCategory, quantity.Moment));
            }
        }

        anomalies.AddRange(WeeklyDayCounts(timeline, from, values));
        return [.. anomalies.OrderBy(a => a.Start).ThenBy(a => a.AnomalyId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// <c>stationary_location_significance_day_part_day_count</c>: per complete week (Monday to Sunday, every day covered,
    /// none on an overnight trip), the days on which the user spent half an hour or more at home (at work) in each day
    /// part, against the same count in the previous usable weeks of the nine (at least <see cref="MinWeeks"/>).
    /// </summary>
    private static IEnumerable<Anomaly> WeeklyDayCounts(InsightTimeline t, DateTimeOffset from, List<(Quantity Quantity, Dictionary<DateOnly, double> ByDay)> values)
    {
        var covered = t.Days.ToHashSet();
        var today = t.LocalDay(t.Now);
        bool Usable(DateOnly monday) => monday.AddDays(6) < today && Enumerable.Range(0, 7).All(i => covered.Contains(monday.AddDays(i)) && !t.IsOnOvernightTrip(monday.AddDays(i)));
        var mondays = t.Days.Select(d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7))).Distinct().Where(Usable).Order().ToList();
        var first = t.LocalDay(from).AddDays(-6);
        foreach (var monday in mondays.Where(m => m >= first))
        {
            var baseline = mondays.Where(m => m < monday && m >= monday.AddDays(-(int)Baseline.TotalDays)).ToList();
            if (baseline.Count < MinWeeks)
            {
                continue;
            }

            foreach (var (quantity, byDay) in values.Where(v => v.Quantity.Name == "stationary_location_significance_day_part_duration"))
            {
                double Days(DateOnly m) => Enumerable.Range(0, 7).Count(i => byDay.GetValueOrDefault(m.AddDays(i)) >= 1800);
                var observed = Days(monday);
                if (Judge(AnomalyMeasure.DayCount, observed, [.. baseline.Select(Days)]) is not { } verdict)
                {
                    continue;
                }

                var count = quantity with { Name = "stationary_location_significance_day_part_day_count", Measure = AnomalyMeasure.DayCount };
                yield return new Anomaly(Id(count, monday), AnomalyMeasure.DayCount, true, t.At(monday, 0), t.At(monday.AddDays(7), 0), t.TimeZoneId,
                    count.Name, verdict.Sigma, verdict.Probability, observed == 0 ? null : observed, verdict.Expected, "week", count.DayPart,
                    null, count.Significance, null, null, null);
            }
        }
    }

    /// <summary>
    /// The covered whole days from <paramref name="from"/>'s day on, before today, whose baseline (the same kind of
    /// covered day in the previous nine weeks) is large enough, each with that baseline.
    /// </summary>
    public static IEnumerable<(DateOnly Day, List<DateOnly> Baseline)> JudgedDays(InsightTimeline timeline, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var today = timeline.LocalDay(timeline.Now);
        var first = timeline.LocalDay(from);
        foreach (var day in timeline.Days.Where(d => d >= first && d < today))
        {
            var weekend = IsWeekend(day);
            if (timeline.IsOnOvernightTrip(day))
            {
                continue;
            }

            var baseline = timeline.Days.Where(d => d < day && d >= day.AddDays(-(int)Baseline.TotalDays) && IsWeekend(d) == weekend && !timeline.IsOnOvernightTrip(d)).ToList();
            if (baseline.Count >= (weekend ? MinWeekendDays : MinWeekdays))
            {
                yield return (day, baseline);
            }
        }
    }

    /// <summary>The verdict on one value against its baseline: null when it is not an anomaly.</summary>
    /// <returns>The robust z-score's magnitude, the two-sided normal probability of being that far, and the baseline median.</returns>
    /// <param name="requireUsual">
    /// For quantities of one mode, place or day part: only judged when the user usually has some (a positive median);
    /// an occasional run or train ride is not an anomaly of its own (the day's totals still are).
    /// </param>
    public static (double Sigma, double Probability, double Expected)? Judge(AnomalyMeasure measure, double observed, IReadOnlyList<double> baseline, bool requireUsual = false)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Count == 0)
        {
            return null;
        }

        var median = PersonalRhythm.Median([.. baseline]);
        if (requireUsual && median <= 0)
        {
            return null;
        }

        var floor = measure switch
        {
            AnomalyMeasure.Distance => Math.Max(DistanceFloorMeters, DistanceFloorShare * median),
            AnomalyMeasure.Duration => Math.Max(DurationFloorSeconds, DurationFloorShare * median),
            _ => DayCountFloor,
        };

        // The scale is at least the floor: a value that is not MinSigma floors from the median is no anomaly, whatever
        // the spread (most values, every day; this spares them the second median).
        if (Math.Abs(observed - median) / floor < MinSigma)
        {
            return null;
        }

        var mad = PersonalRhythm.Median([.. baseline.Select(b => Math.Abs(b - median))]);
        var scale = Math.Max(1.4826 * mad, floor);
        var z = (observed - median) / scale;

        // A deviation the user already made on other days (half as large or more) is a habit, not an anomaly.
        var asExtreme = z > 0 ? baseline.Count(b => (b - median) / scale >= z / 2) : baseline.Count(b => (b - median) / scale <= z / 2);
        if (Math.Abs(z) < MinSigma || asExtreme > MaxAsExtreme)
        {
            return null;
        }

        return (Math.Abs(z), Erf(Math.Abs(z) / Math.Sqrt(2)), median);
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>Every quantity's value per covered day (seconds or metres; absent days are zero).</summary>
    private static List<(Quantity Quantity, Dictionary<DateOnly, double> ByDay)> DailyValues(InsightTimeline t)
    {
        // Each quantity is made once per (name, qualifiers) and then found by reference: building and hashing a
        // record for every stay, leg and day part cost more than the rest of the detector.
        var table = new Dictionary<Quantity, Dictionary<DateOnly, double>>(ReferenceEqualityComparer.Instance);
        var made = new Dictionary<(string, string?, string?, string?, string?), Quantity>();
        Quantity Q(string name, AnomalyMeasure measure, string? dayPart = null, string? significance = null, string? mode = null, string? modeCategory = null, string? moment = null)
        {
            if (!made.TryGetValue((name, dayPart, significance, mode, modeCategory), out var q))
            {
                made[(name, dayPart, significance, mode, modeCategory)] = q = new Quantity(name, measure, dayPart, significance, mode, modeCategory, moment);
            }

            return q;
        }

        void Add(Quantity q, DateOnly day, double value)
        {
            if (!table.TryGetValue(q, out var byDay))
            {
                table[q] = byDay = [];
            }

            byDay[day] = byDay.GetValueOrDefault(day) + value;
        }

        foreach (var s in t.Stays.Where(s => s.IsHome || s.IsWork))
        {
            foreach (var (day, from, to) in t.SplitByDay(s.Start, s.End))
            {
                var seconds = (to - from).TotalSeconds;
                Add(Q("stationary_location_significance_duration", AnomalyMeasure.Duration, significance: s.Significance), day, seconds);
                if (s.IsWork)
                {
                    Add(Q("working_duration", AnomalyMeasure.Duration, moment: "working_at_work"), day, seconds);
                }

                foreach (var (part, fromHour, toHour) in DayParts)
                {
                    var a = t.At(day, fromHour * 60);
                    var b = t.At(day, toHour * 60);
                    var overlap = ((to < b ? to : b) - (from > a ? from : a)).TotalSeconds;
                    if (overlap > 0)
                    {
                        Add(Q("stationary_location_significance_day_part_duration", AnomalyMeasure.Duration, part, s.Significance), day, overlap);
                    }
                }
            }
        }

        foreach (var leg in t.Legs)
        {
            var day = t.LocalDay(leg.Start);
            var seconds = leg.Duration.TotalSeconds;
            var category = ModeCategory(leg.Mode);
            Add(Q("transport_distance", AnomalyMeasure.Distance), day, leg.DistanceMeters);
            Add(Q("transport_duration", AnomalyMeasure.Duration), day, seconds);
            Add(Q("transport_mode_category_distance", AnomalyMeasure.Distance, modeCategory: category), day, leg.DistanceMeters);
            Add(Q("transport_mode_category_duration", AnomalyMeasure.Duration, modeCategory: category), day, seconds);
            Add(Q("transport_mode_distance", AnomalyMeasure.Distance, mode: leg.Mode), day, leg.DistanceMeters);
            Add(Q("transport_mode_duration", AnomalyMeasure.Duration, mode: leg.Mode), day, seconds);
        }

        foreach (var j in t.Journeys.Where(j => t.IsCommuteFromHome(j) || t.IsCommuteFromWork(j)))
        {
            var day = t.LocalDay(j.Start);
            Add(Q("commute_distance", AnomalyMeasure.Distance), day, j.DistanceMeters);
            Add(Q("commute_duration", AnomalyMeasure.Duration), day, j.Duration.TotalSeconds);
        }

        return [.. table.Select(kv => (kv.Key, kv.Value)).OrderBy(x => x.Key.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>The platform's transport mode category: healthy (on foot, by bike), unhealthy (motorised) or unknown.</summary>
    public static string ModeCategory(string mode) => mode switch
    {
        TransportModes.Walking or TransportModes.Running or TransportModes.Biking => "healthy",
        TransportModes.Idle or TransportModes.Other or TransportModes.InsufficientData => "unknown",
        _ => "unhealthy",
    };

    /// <summary>The error function (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7).</summary>
    private static double Erf(double x)
    {
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }

    private static string Id(Quantity q, DateOnly day) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{q.Name}|{day:yyyy-MM-dd}|{q.DayPart}|{q.Significance}|{q.Mode}|{q.ModeCategory}")))).AsSpan(0, 32).ToString();
}
