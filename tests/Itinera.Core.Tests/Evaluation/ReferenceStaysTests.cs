using Itinera.Core.Evaluation;

namespace Itinera.Core.Tests.Evaluation;

public sealed class ReferenceStaysTests
{
    [Fact]
    public void ReadTrackintelCsv_ReadsPointsTimesUsersAndTheActivityFlag_WhateverTheColumnOrder()
    {
        const string Csv = """
            id,is_activity,user_id,geom,finished_at,started_at
            0,True,1.0,POINT (116.3065 40.0138),2008-10-23 23:43:41,2008-10-23 11:49:53

            1,False,0.0,"POINT (116.2987 39.9839)",2008-10-23 03:05:15+00:00,2008-10-23 03:05:05+00:00
            """;

        var stays = ReferenceStays.ReadTrackintelCsv(new StringReader(Csv));

        Assert.Equal(2, stays.Count);
        Assert.Equal(
            new ReferenceStay("001", new DateTimeOffset(2008, 10, 23, 11, 49, 53, TimeSpan.Zero), new DateTimeOffset(2008, 10, 23, 23, 43, 41, TimeSpan.Zero), 40.0138, 116.3065, true),
            stays[0]);
        Assert.Equal(("000", false, 10.0), (stays[1].UserId, stays[1].IsActivity, (stays[1].End - stays[1].Start).TotalSeconds));
    }

    [Fact]
    public void ReadTrackintelCsv_NamesTheMissingColumnOrTheBadLine()
    {
        var missing = Assert.Throws<FormatException>(() => ReferenceStays.ReadTrackintelCsv(new StringReader("started_at,finished_at,geom,user_id\n")));
        var bad = Assert.Throws<FormatException>(() => ReferenceStays.ReadTrackintelCsv(new StringReader(
            "started_at,finished_at,geom,user_id,is_activity\n2008-10-23 03:05:05,2008-10-23 03:05:15,LINESTRING (1 2),0.0,False\n")));

        Assert.Contains("is_activity", missing.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSharedTrackintelReference_HasItsFiftyEightStayPointsForUsers000And001()
    {
        using var reader = File.OpenText(GeoLifeData.Path("trackintel_staypoints_reference.csv"));

        var stays = ReferenceStays.ReadTrackintelCsv(reader);

        Assert.Equal(58, stays.Count);
        Assert.Equal(["000", "001"], stays.Select(s => s.UserId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(20, stays.Count(s => s.IsActivity));
        Assert.All(stays, s => Assert.True(s.End >= s.Start));
    }
}
