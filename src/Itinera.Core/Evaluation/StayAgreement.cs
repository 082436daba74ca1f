using Itinera.Core.Geo;

namespace Itinera.Core.Evaluation;

/// <summary>A stay the timeline engine found: when, and its centre.</summary>
public sealed record FoundStay(DateTimeOffset Start, DateTimeOffset End, double Latitude, double Longitude);

/// <summary>
/// How far one user's stays agree with another engine's stay points (<see cref="StayAgreement.Score"/>), inside the
/// window the reference covers. Counts and hours, so that users combine by summing.
/// </summary>
/// <param name="WindowHours">From the user's first reference stay's start to the last one's end.</param>
/// <param name="ReferenceActivities">Reference stays flagged as activities (visits).</param>
/// <param name="ReferenceActivitiesFound">Of those, the ones that found stays cover for at least half of their time, within the match radius.</param>
/// <param name="Stays">Found stays overlapping the window (clipped to it).</param>
/// <param name="StaysConfirmed">Of those, the ones during which a reference stay point (any) lies within the match radius.</param>
/// <param name="BothStayingHours">Time inside the window that both call a stay.</param>
/// <param name="EitherStayingHours">Time inside the window that either calls a stay.</param>
/// <param name="CentreDistancesMeters">For each found reference activity, the distance to the found stay that covers most of it.</param>
public sealed record StayAgreementScore(
    string UserId,
    double WindowHours,
    int ReferenceActivities,
    int ReferenceActivitiesFound,
    int Stays,
    int StaysConfirmed,
    double BothStayingHours,
    double EitherStayingHours,
    IReadOnlyList<double> CentreDistancesMeters)
{
    /// <summary>Share of the reference's activities that a found stay covers; null without any.</summary>
    public double? ReferenceRecall => ReferenceActivities == 0 ? null : (double)ReferenceActivitiesFound / ReferenceActivities;

    /// <summary>Share of found stays that the reference's stay points cover; null without any.</summary>
    public double? StayConfirmation => Stays == 0 ? null : (double)StaysConfirmed / Stays;

    /// <summary>Stay time both agree on over stay time either claims (intersection over union); null when neither claims any.</summary>
    public double? StayTimeIntersectionOverUnion => EitherStayingHours == 0 ? null : BothStayingHours / EitherStayingHours;

    /// <summary>The median of <see cref="CentreDistancesMeters"/>; null when empty.</summary>
    public double? CentreDistanceMedianMeters => UserTimelineScore.Median(CentreDistancesMeters);

    /// <summary>All users' figures pooled (counts and hours summed, distances gathered).</summary>
    public static StayAgreementScore Combine(IReadOnlyCollection<StayAgreementScore> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return new StayAgreementScore(
            "all",
            users.Sum(u => u.WindowHours),
            users.Sum(u => u.ReferenceActivities),
            users.Sum(u => u.ReferenceActivitiesFound),
            users.Sum(u => u.Stays),
            users.Sum(u => u.StaysConfirmed),
            users.Sum(u => u.BothStayingHours),
            users.Sum(u => u.EitherStayingHours),
            [.. users.SelectMany(u => u.CentreDistancesMeters)]);
    }
}

/// <summary>
/// Compares a user's found stays with another engine's stay points, for real data that has no stay labels (GeoLife's
/// unlabelled users against trackintel's staypoints). Neither side is truth: agreement is what is measured.
/// </summary>
/// <remarks>
/// A reference activity is found when found stays within <see cref="MatchRadiusMeters"/> of its centre cover at least
/// <see cref="MatchFraction"/> of its time together (one engine may split a visit the other keeps whole). A found stay
/// is confirmed when any reference stay point within the radius overlaps it in time: the reference may keep only part
/// of a visit.
/// </remarks>
public static class StayAgreement
{
    /// <summary>Share of a stay's time the other side's stays must cover.</summary>
    public const double MatchFraction = 0.5;

    /// <summary>Largest distance between two centres that still counts as the same place, metres (twice the stay radius).</summary>
    public const double MatchRadiusMeters = 200;

    /// <summary>Scores <paramref name="found"/> against <paramref name="reference"/> (one user's each).</summary>
    public static StayAgreementScore Score(string userId, IReadOnlyList<FoundStay> found, IReadOnlyList<ReferenceStay> reference)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Count == 0)
        {
            return new StayAgreementScore(userId, 0, 0, 0, 0, 0, 0, 0, []);
        }

        var windowStart = reference.Min(r => r.Start);
        var windowEnd = reference.Max(r => r.End);
        var ours = found
            .Where(s => s.End > windowStart && s.Start < windowEnd)
            .Select(s => s with { Start = Max(s.Start, windowStart), End = Min(s.End, windowEnd) })
            .OrderBy(s => s.Start)
            .ToList();
        var theirs = reference.Select(r => new FoundStay(r.Start, r.End, r.Latitude, r.Longitude)).ToList();

        var activities = reference.Count(r => r.IsActivity);
        var distances = new List<double>();
        var activitiesFound = 0;
        for (var k = 0; k < reference.Count; k++)
        {
            var activity = theirs[k];
            if (reference[k].IsActivity && IsCovered(activity, ours))
            {
                activitiesFound++;
                var best = ours.Where(s => IsNear(s, activity)).MaxBy(s => Overlap(s, activity))!;
                distances.Add(GeoMath.DistanceMeters(best.Latitude, best.Longitude, activity.Latitude, activity.Longitude));
            }
        }

        // The reference may keep only part of a long visit (trackintel ends a stay point where the phone fell silent),
        // so a found stay is confirmed by any reference stay point at the same place during it.
        var confirmed = ours.Count(s => theirs.Any(r => Overlaps(s, r) && IsNear(s, r)));
        var (both, either) = IntersectionAndUnion(ours, theirs);
        return new StayAgreementScore(
            userId,
            (windowEnd - windowStart).TotalHours,
            activities,
            activitiesFound,
            ours.Count,
            confirmed,
            both.TotalHours,
            either.TotalHours,
            distances);
    }

    private static bool IsCovered(FoundStay stay, List<FoundStay> others)
    {
        var covered = TimeSpan.Zero;
        foreach (var other in others)
        {
            if (IsNear(stay, other))
            {
                covered += Overlap(stay, other);
            }
        }

        return covered.Ticks >= MatchFraction * (stay.End - stay.Start).Ticks;
    }

    private static bool IsNear(FoundStay a, FoundStay b) =>
        GeoMath.DistanceMeters(a.Latitude, a.Longitude, b.Latitude, b.Longitude) <= MatchRadiusMeters;

    /// <summary>Whether the two share time; a stay point of one fix (no duration) shares it when it lies inside the other.</summary>
    private static bool Overlaps(FoundStay a, FoundStay b) =>
        Overlap(a, b) > TimeSpan.Zero || (a.Start == a.End ? b.Start <= a.Start && a.Start < b.End : b.Start == b.End && a.Start <= b.Start && b.Start < a.End);

    private static TimeSpan Overlap(FoundStay a, FoundStay b)
    {
        var overlap = Min(a.End, b.End) - Max(a.Start, b.Start);
        return overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero;
    }

    /// <summary>Time both sides call a stay and time either does, wherever the stays are.</summary>
    private static (TimeSpan Both, TimeSpan Either) IntersectionAndUnion(List<FoundStay> a, List<FoundStay> b)
    {
        var ua = Union(a);
        var ub = Union(b);
        var both = TimeSpan.Zero;
        int i = 0, j = 0;
        while (i < ua.Count && j < ub.Count)
        {
            var overlap = Min(ua[i].End, ub[j].End) - Max(ua[i].Start, ub[j].Start);
            if (overlap > TimeSpan.Zero)
            {
                both += overlap;
            }

            if (ua[i].End < ub[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var total = ua.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.End - s.Start)) + ub.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.End - s.Start));
        return (both, total - both);
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Union(List<FoundStay> stays)
    {
        var union = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var s in stays.OrderBy(s => s.Start))
        {
            if (union.Count > 0 && s.Start <= union[^1].End)
            {
                union[^1] = (union[^1].Start, Max(union[^1].End, s.End));
            }
            else
            {
                union.Add((s.Start, s.End));
            }
        }

        return union;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
