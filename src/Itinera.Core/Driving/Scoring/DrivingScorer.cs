namespace Itinera.Core.Driving.Scoring;

/// <summary>
/// Turns <see cref="DriveFeatures"/> into the platform's scores (0..1, higher is better, −1 without enough data,
/// two decimals). The formulas are in docs/scoring.md so that a score can be recomputed by hand:
/// <list type="bullet">
/// <item>Event scores: each harsh event per 10 km driven (at least 10 km counted) takes 10 % off: <c>0.9^(n·10/max(km,10))</c>.</item>
/// <item>Time scores: 1 − the share of driving time spent doing the thing.</item>
/// <item>Overall: the geometric mean of the available v1 (or v2) sub-scores, so one low sub-score pulls it down.</item>
/// </list>
/// </summary>
public static class DrivingScorer
{
    /// <summary>Less driving than this gives −1 everywhere.</summary>
    public const double MinimumDistanceMeters = 500;

    /// <summary>Less driving time than this gives −1 everywhere.</summary>
    public const double MinimumDurationSeconds = 60;

    /// <summary>Legal scores need a known limit for at least this share of the driving time.</summary>
    public const double MinimumLimitCoverage = 0.5;

    /// <summary>The penalty of one harsh event per 10 km.</summary>
    public const double EventPenalty = 0.1;

    /// <summary>Scores of the features, with the v1 smooth/anticipative set to −1 when <paramref name="zoneAggregate"/>
    /// (as the platform does for the motorway, city and non_city zones).</summary>
    public static DrivingScores Score(DriveFeatures f, bool zoneAggregate = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.DistanceMeters < MinimumDistanceMeters || f.DurationSeconds < MinimumDurationSeconds)
        {
            return new DrivingScores();
        }

        var events = f.EventCoverageSeconds >= MinimumDurationSeconds;
        var per10Km = 10_000 / Math.Max(10_000, f.EventCoverageMeters > 0 ? f.EventCoverageMeters : f.DistanceMeters);
        double EventScore(double n) => events ? Round(Math.Pow(1 - EventPenalty, n * per10Km)) : DrivingScores.Insufficient;

        var hardAccel = EventScore(f.AccelerationCount);
        var hardBrake = EventScore(f.BrakeCount);
        var hardTurn = EventScore(f.TurnCount);
        var hardEvents = EventScore(f.AccelerationCount + f.BrakeCount);
        var smooth = EventScore(f.AccelerationSeverity + f.BrakeSeverity);
        var smoothV2 = EventScore(f.AccelerationSeverity + f.BrakeSeverity + f.TurnSeverity);
        var anticipative = EventScore(f.BrakeSeverity);
        var anticipativeV2 = EventScore(f.TurnAnticipationCount);

        var limits = f.LimitKnownSeconds >= MinimumLimitCoverage * f.DurationSeconds && f.LimitKnownSeconds > 0;
        var legal = limits ? Round(1 - f.SpeedingSeconds / f.LimitKnownSeconds) : DrivingScores.Insufficient;
        var legalV2 = limits ? Round(1 - f.SpeedingWeightedSeconds / f.LimitKnownSeconds) : DrivingScores.Insufficient;

        var drivingMs = f.DurationSeconds * 1000;
        var focus = Round(1 - Math.Min(1, f.HandlingMilliseconds / drivingMs));
        var handheld = Round(1 - Math.Min(1, f.HandheldCallMilliseconds / drivingMs));
        var handsfree = Round(1 - Math.Min(1, f.HandsfreeCallMilliseconds / drivingMs));
        var withoutCalling = Round(1 - Math.Min(1, f.HandlingWithoutCallMilliseconds / drivingMs));
        var attention = Round(handheld * handsfree * withoutCalling);
        var mounted = f.MountJudgedSeconds >= MinimumDurationSeconds ? Round(f.MountedSeconds / f.MountJudgedSeconds) : DrivingScores.Insufficient;

        return new DrivingScores
        {
            Overall = GeometricMean(smooth, legal, anticipative, focus),
            Smooth = zoneAggregate ? DrivingScores.Insufficient : smooth,
            Legal = legal,
            Anticipative = zoneAggregate ? DrivingScores.Insufficient : anticipative,
            Focus = focus,
            Mounted = mounted,
            HardAccel = hardAccel,
            HardBrake = hardBrake,
            HardEvents = hardEvents,
            HardTurn = hardTurn,
            LegalV2 = legalV2,
            SmoothV2 = smoothV2,
            AnticipativeV2 = anticipativeV2,
            HandheldCalling = handheld,
            HandheldCallingDurationSeconds = Math.Round(f.HandheldCallMilliseconds / 1000),
            HandsfreeCalling = handsfree,
            HandlingWithoutCalling = withoutCalling,
            HandlingWithoutCallingDurationSeconds = Math.Round(f.HandlingWithoutCallMilliseconds / 1000),
            Attention = attention,
        };
    }

    /// <summary>Scores per zone: <c>all</c> from the summed features, <c>total</c> the mean of the zones' scores
    /// (each sub-score over the zones that have it).</summary>
    public static ZoneScores ScoreZones(ZoneFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var motorway = Score(features.Motorway, zoneAggregate: true);
        var city = Score(features.City, zoneAggregate: true);
        var nonCity = Score(features.NonCity, zoneAggregate: true);
        var all = Score(features.All);
        var zones = new[] { motorway, city, nonCity };
        double Mean(Func<DrivingScores, double> pick)
        {
            var values = zones.Select(pick).Where(v => v >= 0).ToList();
            return values.Count == 0 ? DrivingScores.Insufficient : Round(values.Average());
        }

        var total = all with
        {
            Overall = Mean(s => s.Overall),
            Legal = Mean(s => s.Legal),
            HardAccel = Mean(s => s.HardAccel),
            HardBrake = Mean(s => s.HardBrake),
            HardEvents = Mean(s => s.HardEvents),
            HardTurn = Mean(s => s.HardTurn),
            LegalV2 = Mean(s => s.LegalV2),
            SmoothV2 = Mean(s => s.SmoothV2),
            AnticipativeV2 = Mean(s => s.AnticipativeV2),
        };
        return new ZoneScores(all, motorway, city, nonCity, total);
    }

    private static double GeometricMean(params double[] scores)
    {
        var available = scores.Where(s => s >= 0).ToList();
        if (available.Count == 0)
        {
            return DrivingScores.Insufficient;
        }

        var logSum = available.Sum(s => Math.Log(Math.Max(s, 0.01)));
        return Round(Math.Exp(logSum / available.Count));
    }

    private static double Round(double score) => Math.Round(Math.Clamp(score, 0, 1), 2);
}
