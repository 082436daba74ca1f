namespace Itinera.Core.Driving.Scoring;

/// <summary>The features of one car transport, with when it started.</summary>
public sealed record TransportFeatures(string EventId, DateTimeOffset Start, ZoneFeatures Features);

/// <summary>
/// Aggregates over many transports (platform-notes §4.3): features are summed, then scored, so a long drive weighs
/// more than a short one.
/// </summary>
public static class DrivingAggregates
{
    /// <summary>A window needs this much driving for car_behavior scores.</summary>
    public const double MinimumWindowDistanceMeters = 50_000;

    /// <summary>The car_behavior window: nine weeks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(63);

    /// <summary>The recent part of the window: seven days.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromDays(7);

    /// <summary>
    /// The nine-week summary at <paramref name="now"/>: the last seven days and the rest, each scored by zone when it
    /// has at least 50 km of driving.
    /// </summary>
    public static CarBehaviorSummary CarBehavior(IEnumerable<TransportFeatures> transports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transports);
        var recent = ZoneFeatures.Empty;
        var past = ZoneFeatures.Empty;
        foreach (var t in transports)
        {
            if (t.Start > now || t.Start < now - Window)
            {
                continue;
            }

            if (t.Start >= now - Recent)
            {
                recent = recent.Add(t.Features);
            }
            else
            {
                past = past.Add(t.Features);
            }
        }

        return new CarBehaviorSummary(
            recent.All.DistanceMeters >= MinimumWindowDistanceMeters ? DrivingScorer.ScoreZones(recent) : null,
            past.All.DistanceMeters >= MinimumWindowDistanceMeters ? DrivingScorer.ScoreZones(past) : null,
            WindowFeaturesOf(recent.All),
            WindowFeaturesOf(past.All));
    }

    /// <summary>The scores of a period (a day, week, month or the nine weeks): all transports' features summed.</summary>
    public static DrivingScores Period(IEnumerable<TransportFeatures> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        var sum = DriveFeatures.Empty;
        foreach (var t in transports)
        {
            sum = sum.Add(t.Features.All);
        }

        return DrivingScorer.Score(sum);
    }

    /// <summary>The first day (UTC) of the period of <paramref name="period"/> kind containing <paramref name="time"/>;
    /// null for <see cref="ScorePeriod.All"/>.</summary>
    public static DateOnly? PeriodStart(ScorePeriod period, DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        return period switch
        {
            ScorePeriod.Day => day,
            ScorePeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            ScorePeriod.Month => new DateOnly(day.Year, day.Month, 1),
            _ => null,
        };
    }

    /// <summary>The day after the period that starts on <paramref name="start"/>.</summary>
    public static DateOnly PeriodEnd(ScorePeriod period, DateOnly start) => period switch
    {
        ScorePeriod.Day => start.AddDays(1),
        ScorePeriod.Week => start.AddDays(7),
        ScorePeriod.Month => start.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    private static WindowFeatures WindowFeaturesOf(DriveFeatures f) =>
        new(f.DurationSeconds > 0 ? Math.Round(f.HandlingMilliseconds / (f.DurationSeconds / 3600), 1) : 0, (long)Math.Round(f.DistanceMeters));
}
