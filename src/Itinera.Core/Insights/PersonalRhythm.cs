namespace Itinera.Core.Insights;

/// <summary>
/// The user's own day: when they usually go to bed and wake up, learnt from their sleep stays at home, and the
/// semantic-time boundaries derived from it. Minutes are local minutes after midnight; <see cref="BedMinute"/> may
/// exceed 1440 (after midnight) and is always later than <see cref="WakeMinute"/>.
/// </summary>
/// <param name="Nights">How many sleep stays the rhythm was learnt from (0: the defaults 07:00 and 23:00).</param>
public sealed record PersonalRhythm(double WakeMinute, double BedMinute, int Nights)
{
    /// <summary>Sleep stays needed before the rhythm replaces the defaults.</summary>
    public const int MinNights = 5;

    public static PersonalRhythm Default { get; } = new(7 * 60, 23 * 60, 0);

    /// <summary>The longest night assumed: someone home from 18:00 and up at 07:00 is taken to sleep from 22:30.</summary>
    public const double NightMinutes = 8.5 * 60;

    /// <summary>Waking time, local minutes.</summary>
    private double Awake => BedMinute - WakeMinute;

    /// <summary>Lunch starts five sixteenths into the waking day (12:00 for someone up from 07:00 to 23:00).</summary>
    public double LunchStartMinute => Math.Round(WakeMinute + (Awake * 5 / 16));

    public double LunchEndMinute => LunchStartMinute + 90;

    /// <summary>Evening starts five sixteenths before bedtime (18:00 for someone in bed at 23:00).</summary>
    public double EveningStartMinute => Math.Round(BedMinute - (Awake * 5 / 16));

    /// <summary>Morning is the first half of the time between waking up and lunch.</summary>
    public double MorningEndMinute => Math.Round(WakeMinute + ((LunchStartMinute - WakeMinute) / 2));

    /// <summary>Afternoon is the first half of the time between lunch and evening.</summary>
    public double AfternoonEndMinute => Math.Round(LunchEndMinute + ((EveningStartMinute - LunchEndMinute) / 2));

    /// <summary>
    /// Learns the rhythm from the timeline: the habitual sleep time is 03:00, or for someone who is rarely home then,
    /// the middle of the six hours of the day they are most often at home; each day's sleep is the home stay of at
    /// least four hours covering it, its end the waking time and its start — or <see cref="NightMinutes"/> before
    /// waking, whichever is later — the bedtime; the rhythm takes the medians.
    /// </summary>
    public static PersonalRhythm Learn(InsightTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var home = timeline.Stays.Where(s => s.IsHome && s.Duration >= TimeSpan.FromHours(4) && !s.Ongoing).ToList();
        if (home.Count < MinNights)
        {
            return Default;
        }

        // Home occupancy per hour of day.
        var atHome = new double[24];
        foreach (var s in home)
        {
            // Half hours follow from the stay's local start unless the zone's offset changed during it (a stay across
            // a DST change): then each is converted. No zone changes its offset twice within a week.
            var local = timeline.Local(s.Start);
            var steady = s.Duration < TimeSpan.FromDays(7) && timeline.Local(s.End) - local == s.End - s.Start;
            for (var t = s.Start; t < s.End; t = t.AddMinutes(30), local = local.AddMinutes(30))
            {
                atHome[(steady ? local : timeline.Local(t)).Hour] += 0.5;
            }
        }

        // Most people sleep at 03:00; someone rarely home then (night work) sleeps in their most-at-home six hours.
        var centre = 3 * 60.0;
        if (atHome[3] < 0.5 * atHome.Max())
        {
            var bestHour = 0;
            var best = -1.0;
            for (var h = 0; h < 24; h++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++)
                {
                    sum += atHome[(h + k) % 24];
                }

                if (sum > best + 1e-9)
                {
                    best = sum;
                    bestHour = h;
                }
            }

            centre = ((bestHour + 3) % 24) * 60.0;
        }

        var beds = new List<double>();
        var wakes = new List<double>();
        foreach (var s in home)
        {
            var startMinute = timeline.LocalMinute(s.Start);
            var minutesToCentre = ((centre - startMinute) % 1440 + 1440) % 1440;
            var up = s.Duration.TotalMinutes - minutesToCentre;

            // A stay across a whole day (a weekend at home) does not tell when the user got up.
            if (minutesToCentre < s.Duration.TotalMinutes && up <= 16 * 60)
            {
                // Relative to the centre: bedtimes before it, wake times after it. Location does not show when the
                // lights go out: bedtime is the later of coming home and a night's sleep before waking.
                beds.Add(Math.Max(-minutesToCentre, up - NightMinutes));
                wakes.Add(up);
            }
        }

        if (beds.Count < MinNights)
        {
            return Default;
        }

        // Whole minutes: moments start on the minute.
        var wake = Math.Round(Norm(centre + Median(wakes)));
        var bed = Math.Round(Norm(centre + Median(beds)));
        if (bed <= wake)
        {
            bed += 1440;
        }

        return new PersonalRhythm(wake, bed, beds.Count);
    }

    private static double Norm(double minute) => ((minute % 1440) + 1440) % 1440;

    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
