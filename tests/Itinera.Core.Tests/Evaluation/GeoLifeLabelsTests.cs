using System.Text;
using Itinera.Core.Evaluation;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Evaluation;

public sealed class GeoLifeLabelsTests
{
    private static DateTimeOffset T(string text) => DateTimeOffset.ParseExact(
        text, GeoLifeLabels.TimeFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static IReadOnlyList<LabelledLeg> ReadFile(bool walkRemoved, params string[] parts)
    {
        using var stream = File.OpenRead(GeoLifeData.Path(parts));
        return GeoLifeLabels.Read(stream, walkRemoved);
    }

    private static IReadOnlyList<LabelledLeg> ReadText(string text, bool walkRemoved = false) =>
        GeoLifeLabels.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), walkRemoved);

    [Fact]
    public void Read_User010_Has434LegsFromBusIn2007ToTaxiIn2008()
    {
        var legs = ReadFile(false, "full_labels", "010", "labels.txt");

        Assert.Equal(434, legs.Count);
        Assert.Equal(new LabelledLeg(T("2007/06/26 11:32:29"), T("2007/06/26 11:40:29"), "bus"), legs[0]);
        Assert.Equal(new LabelledLeg(T("2008/12/07 12:25:34"), T("2008/12/07 12:37:28"), "taxi"), legs[^1]);
        Assert.Equal(TimeSpan.Zero, legs[0].Start.Offset);
    }

    [Fact]
    public void Read_User020_OverlapsAreCutAtTheNextLegsStart()
    {
        var raw = File.ReadAllLines(GeoLifeData.Path("full_labels", "020", "labels.txt")).Skip(1).Count(l => l.Length > 0);
        var legs = ReadFile(false, "full_labels", "020", "labels.txt");

        Assert.Equal(223, raw);
        Assert.Equal(213, legs.Count); // ten legs start at the same second as another, longer one and vanish
        for (var i = 1; i < legs.Count; i++)
        {
            Assert.True(legs[i - 1].End <= legs[i].Start, $"legs {i - 1} and {i} overlap");
            Assert.True(legs[i].End > legs[i].Start);
        }

        // 14:34:13-14:40:28 bus and 14:34:13-14:41:56 bus start together: the shorter vanishes, the longer is cut
        // at the walk that starts at 14:40:29, which is itself cut at the next walk's 14:41:57.
        var day = legs.Where(l => l.Start >= T("2011/09/05 14:30:00") && l.Start < T("2011/09/05 14:50:00")).ToList();
        Assert.Equal(
            [
                new LabelledLeg(T("2011/09/05 14:34:13"), T("2011/09/05 14:40:29"), "bus"),
                new LabelledLeg(T("2011/09/05 14:40:29"), T("2011/09/05 14:41:57"), "walk"),
                new LabelledLeg(T("2011/09/05 14:41:57"), T("2011/09/05 14:45:59"), "walk"),
            ],
            day);
        Assert.Equal(336_606, legs.Sum(l => l.Duration.TotalSeconds));
    }

    public static TheoryData<string> WalkRemovedUsers() => [.. GeoLifeData.WalkRemovedUsers];

    [Theory]
    [MemberData(nameof(WalkRemovedUsers))]
    public void Read_NowalkFile_HasNoWalkRowsAndOnlyKnownLabels(string user)
    {
        var path = GeoLifeData.Path("walk_removed_labels", user, "labels_nowalk.txt");
        Assert.DoesNotContain(File.ReadAllLines(path), l => l.EndsWith("\twalk", StringComparison.Ordinal));

        var legs = ReadFile(true, "walk_removed_labels", user, "labels_nowalk.txt");

        Assert.NotEmpty(legs);
        Assert.DoesNotContain(legs, l => l.LabelMode == GeoLifeLabels.WalkLabel);
        Assert.DoesNotContain(legs, l => GeoLifeLabels.ToModeName(l.LabelMode) == TransportModes.Other);
    }

    [Fact]
    public void Read_FullFileAsWalkRemoved_DropsEveryWalkRow()
    {
        var full = ReadFile(false, "full_labels", "010", "labels.txt");
        var noWalk = ReadFile(true, "full_labels", "010", "labels.txt");

        Assert.Contains(full, l => l.LabelMode == "walk");
        Assert.Equal(full.Where(l => l.LabelMode != "walk"), noWalk);
    }

    [Fact]
    public void Read_HandBuilt_SortsTrimsLowerCasesAndDropsEmptyLegs()
    {
        var legs = ReadText(
            "Start Time\tEnd Time\tTransportation Mode\r\n"
            + "2008/01/02 10:00:00\t2008/01/02 10:30:00\tBus\r\n"
            + "\r\n"
            + "2008/01/01 10:00:00\t2008/01/01 10:00:00\tcar\r\n"
            + "2008/01/01 09:00:00\t2008/01/01 09:10:00\t taxi \r\n"
            + "2008/01/03 09:00:00\t2008/01/03 08:00:00\twalk\r\n");

        Assert.Equal(
            [
                new LabelledLeg(T("2008/01/01 09:00:00"), T("2008/01/01 09:10:00"), "taxi"),
                new LabelledLeg(T("2008/01/02 10:00:00"), T("2008/01/02 10:30:00"), "bus"),
            ],
            legs);
    }

    [Fact]
    public void Read_ContainedLeg_EndsTheOuterLegEarly()
    {
        var legs = ReadText(
            "2007/05/25 23:24:14\t2007/05/26 11:34:46\ttaxi\n"
            + "2007/05/26 10:21:44\t2007/05/26 10:49:13\ttaxi\n");

        Assert.Equal(
            [
                new LabelledLeg(T("2007/05/25 23:24:14"), T("2007/05/26 10:21:44"), "taxi"),
                new LabelledLeg(T("2007/05/26 10:21:44"), T("2007/05/26 10:49:13"), "taxi"),
            ],
            legs);
    }

    [Theory]
    [InlineData("2008/01/01 10:00:00\tbus")]
    [InlineData("2008-01-01 10:00:00\t2008/01/01 10:30:00\tbus")]
    [InlineData("2008/01/01 10:00:00\t2008/01/01 10:30:00\t ")]
    public void Read_MalformedLine_ThrowsWithLineNumber(string line)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReadText("Start Time\tEnd Time\tTransportation Mode\n" + line + "\n"));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("walk", TransportModes.Walking)]
    [InlineData("run", TransportModes.Running)]
    [InlineData("bike", TransportModes.Biking)]
    [InlineData("bus", TransportModes.Bus)]
    [InlineData("car", TransportModes.Car)]
    [InlineData("taxi", TransportModes.Car)]
    [InlineData("Taxi", TransportModes.Car)]
    [InlineData("motorcycle", TransportModes.Motorcycle)]
    [InlineData("subway", TransportModes.Subway)]
    [InlineData("train", TransportModes.Train)]
    [InlineData("tram", TransportModes.Tram)]
    [InlineData("airplane", TransportModes.Flight)]
    [InlineData("boat", TransportModes.Boat)]
    [InlineData("hovercraft", TransportModes.Other)]
    public void ToModeName_MapsGeoLifeLabels(string label, string mode) => Assert.Equal(mode, GeoLifeLabels.ToModeName(label));

    [Theory]
    [InlineData(TransportModes.Walking, CoarseModes.Foot)]
    [InlineData(TransportModes.Running, CoarseModes.Foot)]
    [InlineData(TransportModes.Biking, CoarseModes.Bike)]
    [InlineData(TransportModes.Escooter, CoarseModes.Bike)]
    [InlineData(TransportModes.Car, CoarseModes.Road)]
    [InlineData(TransportModes.Bus, CoarseModes.Road)]
    [InlineData(TransportModes.Motorcycle, CoarseModes.Road)]
    [InlineData(TransportModes.Train, CoarseModes.Rail)]
    [InlineData(TransportModes.Tram, CoarseModes.Rail)]
    [InlineData(TransportModes.Subway, CoarseModes.Rail)]
    [InlineData(TransportModes.Flight, CoarseModes.Air)]
    [InlineData(TransportModes.Boat, CoarseModes.Water)]
    [InlineData(TransportModes.Ferry, CoarseModes.Water)]
    [InlineData(TransportModes.Idle, CoarseModes.Stationary)]
    [InlineData(TimelineScorer.Stationary, CoarseModes.Stationary)]
    [InlineData(TransportModes.Other, CoarseModes.Other)]
    [InlineData(TransportModes.InsufficientData, CoarseModes.Other)]
    [InlineData(TimelineScorer.NoPrediction, CoarseModes.Other)]
    public void CoarseClass_GroupsModes(string mode, string coarse) => Assert.Equal(coarse, GeoLifeLabels.CoarseClass(mode));

    [Fact]
    public void CoarseClass_CoversEveryPlatformMode()
    {
        foreach (var mode in TransportModes.All)
        {
            var coarse = CoarseModes.Of(mode);
            var expectOther = mode is TransportModes.Other or TransportModes.InsufficientData;
            Assert.Equal(expectOther, coarse == CoarseModes.Other);
        }
    }
}
