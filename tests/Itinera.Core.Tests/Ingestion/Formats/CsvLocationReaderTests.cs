using System.Globalization;
using System.Text;
using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Tests.Ingestion.Formats;

public sealed class CsvLocationReaderTests
{
    [Fact]
    public void Read_NdsBrFileDirectly_ReportsThatItHasNoRecognisedTimeColumn()
    {
        // Its LAT and LONG columns match aliases, but its times (DAY_CORRIGIDO + a column headed "03:00:00")
        // do not: the reader says so once instead of rejecting 3,623 rows.
        using var stream = File.OpenRead(NdsBrDriverA.Path);

        var records = Input.All(CsvLocationReader.Read(stream));

        Assert.Equal([ImportRecord.Reject(1, RejectReasons.MissingTimeColumn)], records);
    }

    [Fact]
    public void Read_NdsBrRowsRewrittenWithRecognisedColumns_KeepDecimalCommasAndLocalOffsets()
    {
        var rows = NdsBrDriverA.Read(500);
        var csv = new StringBuilder("\"Time\";LAT;LONG;Speed_kmh;Heading\r\n");
        foreach (var row in rows)
        {
            // The original decimal-comma texts, and the local clock with Curitiba's offset.
            csv.Append(CultureInfo.InvariantCulture, $"{row.LocalTime:yyyy-MM-dd HH:mm:ss}-03:00;{row.LatitudeText};{row.LongitudeText};{row.SpeedKmhText};{row.HeadingText}\r\n");
        }

        var records = Input.All(CsvLocationReader.Read(Input.Utf8(csv.ToString())));

        Assert.Empty(Input.Reasons(records));
        var fixes = Input.Fixes(records);
        Assert.Equal(
            rows.Select(r => new Fix(r.TimestampMs, r.Latitude, r.Longitude, null, null, r.SpeedMetersPerSecond, r.Heading % 360)),
            fixes);
        Assert.Equal(501, records[^1].Position);
    }

    [Fact]
    public void Read_EpochSecondsAndMilliseconds_AreToldApartByMagnitude()
    {
        const string csv = "ts,lat,lng\n1714557600,48.1,11.5\n1714557600123,48.1,11.5\n1714557600.5,48.1,11.5\n1714557600123456,48.1,11.5\n";

        var fixes = Input.Fixes(CsvLocationReader.Read(Input.Utf8(csv)));

        Assert.Equal([1714557600000, 1714557600123, 1714557600500, 1714557600123], fixes.Select(f => f.TimestampMs));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T10:00:00", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01 10:00:00", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T05:30:00-0430", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T12:00:00.123456789+02", "2024-05-01T10:00:00.123Z")]
    [InlineData("2024-05-01T10:00Z", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01 10:00:00 UTC", "2024-05-01T10:00:00Z")]
    public void Read_IsoTimes_HonourTheirOffsetAndDefaultToUtc(string time, string expected)
    {
        var csv = $"datetime,latitude,longitude\n{time},1,2\n";

        var fix = Assert.Single(Input.Fixes(CsvLocationReader.Read(Input.Utf8(csv))));

        Assert.Equal(Input.Ms(expected), fix.TimestampMs);
    }

    [Fact]
    public void Read_SemicolonSeparatedWithDecimalCommas_ParsesEveryNumericColumn()
    {
        const string csv = "utc;lat;lon;acc;alt;velocity;bearing\n1714557600;-25,451837;-49,23446;4,5;929,7;13,9;249,7\n";

        var fix = Assert.Single(Input.Fixes(CsvLocationReader.Read(Input.Utf8(csv))));

        Assert.Equal(new Fix(1714557600000, -25.451837, -49.23446, 4.5, 929.7, 13.9, 249.7), fix);
    }

    [Fact]
    public void Read_TabSeparatedWithAliasesInAnyCaseAndOrder_MapsTheColumns()
    {
        const string csv = "Notes\tHeading\tELE\tSpeed\tHorizontal Accuracy\tY\tX\tDate-Time\n"
            + "hello\t10\t500\t2.5\t7\t60.17\t24.94\t2024-05-01T10:00:00Z\n";

        var fix = Assert.Single(Input.Fixes(CsvLocationReader.Read(Input.Utf8(csv))));

        Assert.Equal(new Fix(Input.Ms("2024-05-01T10:00:00Z"), 60.17, 24.94, 7, 500, 2.5, 10), fix);
    }

    [Fact]
    public void Read_QuotedFields_MayHoldSeparatorsQuotesAndLineBreaks()
    {
        const string csv = "\uFEFFname,\"time\",lat,lon\r\n"
            + "\"Caf\u00e9, \"\"Le Bon\"\"\",\"2024-05-01T10:00:00Z\",\"48.1\",11.5\r\n"
            + "\"two\nlines\",2024-05-01T10:01:00Z, 48.2 ,11.6\r\n"
            + "\r\n"
            + "last,2024-05-01T10:02:00Z,48.3,11.7";

        var records = Input.All(CsvLocationReader.Read(Input.Utf8(csv)));

        Assert.Equal([48.1, 48.2, 48.3], Input.Fixes(records).Select(f => f.Latitude));
        Assert.Equal([2L, 3, 6], records.Select(r => r.Position));
    }

    [Fact]
    public void Read_SpeedKmh_IsConvertedButAMetresPerSecondColumnWins()
    {
        const string csv = "time,lat,lon,speed_kmh\n2024-05-01T10:00:00Z,1,2,36\n";
        const string both = "time,lat,lon,speed_kmh,speed\n2024-05-01T10:00:00Z,1,2,36,5\n";

        Assert.Equal(10, Assert.Single(Input.Fixes(CsvLocationReader.Read(Input.Utf8(csv)))).SpeedMetersPerSecond!.Value, 9);
        Assert.Equal(5, Assert.Single(Input.Fixes(CsvLocationReader.Read(Input.Utf8(both)))).SpeedMetersPerSecond);
    }

    [Fact]
    public void Read_PreferredAliasWins_WhenSeveralColumnsNameTheSameThing()
    {
        const string csv = "time,timestamp,lat,lon\n2024-05-01T10:00:00Z,2024-05-01T11:00:00Z,1,2\n";

        var fix = Assert.Single(Input.Fixes(CsvLocationReader.Read(Input.Utf8(csv))));

        Assert.Equal(Input.Ms("2024-05-01T11:00:00Z"), fix.TimestampMs);
    }

    [Fact]
    public void Read_BadRows_AreRejectedWithLineAndReason_AndBadOptionalValuesAreDropped()
    {
        const string csv = "time,lat,lon,accuracy,speed\n"
            + ",1,2,,\n"
            + "yesterday,1,2,,\n"
            + "2024-05-01T10:00:00Z,,2,,\n"
            + "2024-05-01T10:00:00Z,1;5,2,,\n"
            + "2024-05-01T10:00:00Z,-91,2,,\n"
            + "2024-05-01T10:00:00Z,1,180.5,,\n"
            + "2024-05-01T10:00:00Z,1,NaN,,\n"
            + "2024-05-01T10:00:00Z,1,2,n/a,-1\n"
            + "2024-05-01T10:00:00Z,1\n";

        var records = Input.All(CsvLocationReader.Read(Input.Utf8(csv)));

        Assert.Equal(
            [(2L, "MISSING_TIME"), (3L, "BAD_TIME"), (4L, "MISSING_COORDINATES"), (5L, "BAD_NUMBER"), (6L, "LATITUDE_OUT_OF_RANGE"),
                (7L, "LONGITUDE_OUT_OF_RANGE"), (8L, "BAD_NUMBER"), (10L, "MISSING_COORDINATES")],
            records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => (r.Position, r.Reason!)));
        var fix = Assert.Single(records, r => r.Kind == ImportRecordKind.Fix);
        Assert.Equal(ImportRecord.ForFix(new Fix(Input.Ms("2024-05-01T10:00:00Z"), 1, 2), 9), fix);
    }

    [Theory]
    [InlineData("lat,lon\n1,2\n", "MISSING_TIME_COLUMN")]
    [InlineData("time,lon\n2024-05-01T10:00:00Z,2\n", "MISSING_LATITUDE_COLUMN")]
    [InlineData("time,lat\n2024-05-01T10:00:00Z,2\n", "MISSING_LONGITUDE_COLUMN")]
    public void Read_HeaderWithoutARequiredColumn_YieldsOneRejection(string csv, string reason)
    {
        Assert.Equal([ImportRecord.Reject(1, reason)], CsvLocationReader.Read(Input.Utf8(csv)));
    }

    [Fact]
    public void Read_EmptyInput_YieldsNothing()
    {
        Assert.Empty(CsvLocationReader.Read(Input.Utf8("\n\n")));
    }
}
