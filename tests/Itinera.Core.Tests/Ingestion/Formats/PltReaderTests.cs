using System.Globalization;
using Itinera.Core.Ingestion.Formats;
using Itinera.Core.Tests.Geo;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class PltReaderTests
{
    public static TheoryData<string> GeoLifeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SharedDataFolder.Path("geolife", "full_labels", "010", "Trajectory"), "*.plt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeoLifeFiles))]
    public void Read_RealGeoLifeFile_YieldsOneFixPerDataLineMatchingTheFirstLine(string name)
    {
        var path = SharedDataFolder.Path("geolife", "full_labels", "010", "Trajectory", name);
        var dataLines = File.ReadAllLines(path).Skip(6).Where(l => l.Length > 0).ToList();

        using var stream = File.OpenRead(path);
        var records = Input.All(PltReader.Read(stream));

        Assert.Empty(Input.Reasons(records));
        var fixes = Input.Fixes(records);
        Assert.Equal(dataLines.Count, fixes.Count);

        var first = dataLines[0].Split(',');
        var firstFix = fixes[0];
        Assert.Equal(double.Parse(first[0], CultureInfo.InvariantCulture), firstFix.Latitude);
        Assert.Equal(double.Parse(first[1], CultureInfo.InvariantCulture), firstFix.Longitude);
        var expectedTime = DateTimeOffset.ParseExact(
            first[5] + " " + first[6], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(expectedTime.ToUnixTimeMilliseconds(), firstFix.TimestampMs);
        var feet = double.Parse(first[3], CultureInfo.InvariantCulture);
        Assert.Equal(feet == -777 ? null : feet * 0.3048, firstFix.AltitudeMeters);
        Assert.Null(firstFix.AccuracyMeters);
        Assert.Equal(7, records[0].Position);
    }

    [Theory]
    [MemberData(nameof(GeoLifeFiles))]
    public void Read_RealGeoLifeFile_TimesNeverDecrease(string name)
    {
        // GeoLife has repeated timestamps (several fixes in the same second) but never goes back in time.
        using var stream = File.OpenRead(SharedDataFolder.Path("geolife", "full_labels", "010", "Trajectory", name));

        var fixes = Input.Fixes(PltReader.Read(stream));

        Assert.All(fixes.Zip(fixes.Skip(1)), pair => Assert.True(pair.Second.TimestampMs >= pair.First.TimestampMs));
        Assert.True(fixes[^1].TimestampMs > fixes[0].TimestampMs);
    }

    [Fact]
    public void Read_MissingAltitude_IsNullAndOtherAltitudesAreMetres()
    {
        const string plt = "Geolife trajectory\r\nWGS 84\r\nAltitude is in Feet\r\nReserved 3\r\n0,2,255,My Track,0,0,2,8421376\r\n0\r\n"
            + "39.9,116.4,0,-777,39298.1462037037,2007-08-04,03:30:32\r\n"
            + "39.9,116.4,0,100,39298.1462152778,2007-08-04,03:30:33\r\n";

        var fixes = Input.Fixes(PltReader.Read(Input.Utf8(plt)));

        Assert.Null(fixes[0].AltitudeMeters);
        Assert.Equal(30.48, fixes[1].AltitudeMeters!.Value, 9);
        Assert.Equal(Input.Ms("2007-08-04T03:30:33Z"), fixes[1].TimestampMs);
    }

    [Fact]
    public void Read_LineWithOnlyFiveFields_UsesTheFractionalDayColumn()
    {
        // 39298.1462037037 days after 1899-12-30 is 2007-08-04 03:30:32 (rounded to the millisecond).
        var plt = string.Concat(Enumerable.Repeat("header\n", 6)) + "39.9,116.4,0,13,39298.1462037037\n";

        var fix = Assert.Single(Input.Fixes(PltReader.Read(Input.Utf8(plt))));

        Assert.Equal(Input.Ms("2007-08-04T03:30:32Z"), fix.TimestampMs, 1.0);
    }

    [Fact]
    public void Read_BadLines_AreRejectedWithLineNumbersAndReasons()
    {
        var plt = string.Concat(Enumerable.Repeat("header\n", 6))
            + "39.9,116.4\n"
            + "abc,116.4,0,13,39298.1,2007-08-04,03:30:32\n"
            + "95,116.4,0,13,39298.1,2007-08-04,03:30:32\n"
            + "39.9,116.4,0,13,39298.1,2007-13-04,03:30:32\n"
            + "39.9,116.4,0,13,39298.1,2007-08-04,03:30:32\n";

        var records = Input.All(PltReader.Read(Input.Utf8(plt)));

        Assert.Equal(
            [(7L, "MALFORMED_LINE"), (8L, "BAD_NUMBER"), (9L, "LATITUDE_OUT_OF_RANGE"), (10L, "BAD_TIME")],
            records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
        Assert.Single(Input.Fixes(records));
    }
}
