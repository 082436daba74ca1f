namespace Itinera.Core.Evaluation;

/// <summary>
/// The evaluation of a timeline over several users: the pooled tallies (<see cref="Total"/>) and the per-user
/// breakdown. Pooled ratios are time-weighted (seconds over all users) and count-weighted (legs, transports over
/// all users), never averages of per-user ratios; the boundary-error median is taken over all users' errors.
/// </summary>
public sealed record TimelineScore(UserTimelineScore Total, IReadOnlyList<UserTimelineScore> Users)
{
    private readonly int? _userCount;

    /// <summary>The <see cref="UserTimelineScore.UserId"/> of <see cref="Total"/>.</summary>
    public const string AllUsersId = "all";

    /// <summary>
    /// How many users were pooled: set by <see cref="Combine"/>, so it survives dropping the breakdown
    /// (<c>score with { Users = [] }</c>); otherwise <see cref="Users"/>' count.
    /// </summary>
    public int UserCount
    {
        get => _userCount ?? Users.Count;
        init => _userCount = value;
    }

    /// <summary>Scored hours over all users.</summary>
    public double LabelledHours => Total.LabelledSeconds / 3600;

    /// <inheritdoc cref="UserTimelineScore.ModeAccuracy"/>
    public double? ModeAccuracy => Total.ModeAccuracy;

    /// <inheritdoc cref="UserTimelineScore.CoarseModeAccuracy"/>
    public double? CoarseModeAccuracy => Total.CoarseModeAccuracy;

    /// <inheritdoc cref="UserTimelineScore.SegmentationRecall"/>
    public double? SegmentationRecall => Total.SegmentationRecall;

    /// <inheritdoc cref="UserTimelineScore.SegmentationPrecision"/>
    public double? SegmentationPrecision => Total.SegmentationPrecision;

    /// <inheritdoc cref="UserTimelineScore.BoundaryErrorMedianSeconds"/>
    public double? BoundaryErrorMedianSeconds => Total.BoundaryErrorMedianSeconds;

    /// <summary>Pools the tallies of <paramref name="users"/> (kept, in order, as the breakdown).</summary>
    public static TimelineScore Combine(IEnumerable<UserTimelineScore> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var list = users.ToList();
        var confusion = new Dictionary<(string Label, string Predicted), double>();
        var errors = new List<double>();
        foreach (var user in list)
        {
            foreach (var (key, seconds) in user.Confusion)
            {
                confusion[key] = confusion.GetValueOrDefault(key) + seconds;
            }

            errors.AddRange(user.BoundaryErrorsSeconds);
        }

        var total = new UserTimelineScore
        {
            UserId = AllUsersId,
            LabelledSeconds = list.Sum(u => u.LabelledSeconds),
            CorrectSeconds = list.Sum(u => u.CorrectSeconds),
            CoarseCorrectSeconds = list.Sum(u => u.CoarseCorrectSeconds),
            Confusion = confusion,
            TotalLegs = list.Sum(u => u.TotalLegs),
            RecalledLegs = list.Sum(u => u.RecalledLegs),
            CountedTransports = list.Sum(u => u.CountedTransports),
            PreciseTransports = list.Sum(u => u.PreciseTransports),
            BoundaryErrorsSeconds = errors,
        };
        return new TimelineScore(total, list) { UserCount = list.Count };
    }
}
