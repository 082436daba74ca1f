using Itinera.Core.Evaluation;

namespace Itinera.Core.Tests.Evaluation;

public sealed class GeoLifeDatasetTests
{
    [Fact]
    public void EnumerateUsers_Root_FindsTheTwelveLabelledUsersAndSkipsUnlabelledOnes()
    {
        var users = GeoLifeDataset.EnumerateUsers(GeoLifeData.Root);

        Assert.Equal(["010", "020", .. GeoLifeData.WalkRemovedUsers], users.Select(u => u.UserId));
        Assert.Equal([false, false, .. GeoLifeData.WalkRemovedUsers.Select(_ => true)], users.Select(u => u.WalkRemoved));
        Assert.Equal(14, users[0].PltFiles.Count);
        Assert.Equal(4, users[1].PltFiles.Count);
        Assert.Equal(434, users[0].Legs.Count);
        Assert.All(users, u =>
        {
            Assert.NotEmpty(u.PltFiles);
            Assert.All(u.PltFiles, f => Assert.EndsWith(".plt", f, StringComparison.Ordinal));
            Assert.Equal(u.PltFiles.Order(StringComparer.Ordinal), u.PltFiles);
            Assert.NotEmpty(u.Legs);
        });
    }

    [Fact]
    public void EnumerateUsers_UserFolderOrSubfolder_Works()
    {
        var one = GeoLifeDataset.EnumerateUsers(GeoLifeData.Path("full_labels", "020"));
        var walkRemoved = GeoLifeDataset.EnumerateUsers(GeoLifeData.Path("walk_removed_labels"));

        Assert.Equal("020", Assert.Single(one).UserId);
        Assert.Equal(GeoLifeData.WalkRemovedUsers, walkRemoved.Select(u => u.UserId));
        Assert.Empty(GeoLifeDataset.EnumerateUsers(GeoLifeData.Path("unlabeled")));
        Assert.Throws<DirectoryNotFoundException>(() => GeoLifeDataset.EnumerateUsers(GeoLifeData.Path("no-such-folder")));
    }

    [Fact]
    public void EnumerateTrajectories_FindsUnlabelledUsersToo()
    {
        var users = GeoLifeDataset.EnumerateTrajectories(GeoLifeData.Path("unlabeled"));

        Assert.Equal([("000", 8), ("001", 10)], users.Select(u => (u.UserId, u.PltFiles.Count)));
        Assert.Equal(12, GeoLifeDataset.EnumerateTrajectories(GeoLifeData.Root).Count(u => u.UserId is not ("000" or "001")));
    }

    [Fact]
    public void ReadFixes_User020_AreSortedAndWithinThePltFiles()
    {
        var user = GeoLifeDataset.ReadUser(GeoLifeData.Path("full_labels", "020"));

        var fixes = GeoLifeDataset.ReadFixes(user.PltFiles);

        var dataLines = user.PltFiles.Sum(f => File.ReadLines(f).Skip(6).Count(l => l.Length > 0));
        Assert.Equal(dataLines, fixes.Count);
        Assert.True(fixes.Zip(fixes.Skip(1)).All(p => p.First.TimestampMs <= p.Second.TimestampMs));
    }

    [Fact]
    public void ReadCoverage_User010_ScoresOnlyTheRecordedPartOfTheLabels()
    {
        var user = GeoLifeDataset.ReadUser(GeoLifeData.Path("full_labels", "010"));
        var coverage = GeoLifeDataset.ReadCoverage(user);

        var all = TimelineScorer.Score(user.Legs, []);
        var recorded = TimelineScorer.Score(user.Legs, [], user.CreateScoringOptions(coverage));

        // Labels span 348 h of the user's history; the trajectories record about 40 h of them.
        Assert.InRange(all.LabelledSeconds / 3600, 348, 349);
        Assert.InRange(recorded.LabelledSeconds / 3600, 39, 42);
        Assert.InRange(recorded.TotalLegs, 1, user.Legs.Count - 1);
        Assert.Equal(0.0, recorded.ModeAccuracy);
        Assert.Equal(recorded.LabelledSeconds, recorded.Confusion.Values.Sum(), 6);
    }
}
