using System.Globalization;
using System.Text;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Tests.Ingestion.Formats;

/// <summary>
/// Reads ~50 MB inputs generated on the fly and checks that the live heap does not grow with the input:
/// the readers must stream, not buffer. The heap is process-wide, so these tests run alone.
/// </summary>
[Collection(nameof(ConstantMemoryTests))]
public sealed class ConstantMemoryTests
{
    private const long TargetBytes = 50L * 1024 * 1024;
    private const long MaxGrowthBytes = 30L * 1024 * 1024;

    [Fact]
    public void Read_FiftyMegabyteCsv_KeepsTheHeapBounded()
    {
        const string sample = "2024-05-01T10:00:00.000Z,48.1234567,11.1234567,12.5,3.25\n";
        var lines = TargetBytes / sample.Length;
        var stream = new GeneratedStream(
            Encoding.UTF8.GetBytes("timestamp,lat,lon,accuracy,speed\n"),
            i => string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.FromUnixTimeMilliseconds(1714557600000 + (i * 1000)):yyyy-MM-dd'T'HH:mm:ss.fff'Z'},48.1234567,11.1234567,12.5,3.25\n"),
            lines,
            []);

        AssertStreamsInBoundedMemory(LocationFileReader.Read(stream), lines, stream);
    }

    [Fact]
    public void Read_FiftyMegabyteGpx_KeepsTheHeapBounded()
    {
        const string sample = "<trkpt lat=\"48.1234567\" lon=\"11.1234567\"><ele>520.5</ele><time>2024-05-01T10:00:00Z</time></trkpt>\n";
        var lines = TargetBytes / sample.Length;
        var stream = new GeneratedStream(
            Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n"),
            i => string.Create(CultureInfo.InvariantCulture, $"<trkpt lat=\"48.1234567\" lon=\"11.1234567\"><ele>520.5</ele><time>{DateTimeOffset.FromUnixTimeMilliseconds(1714557600000 + (i * 1000)):yyyy-MM-dd'T'HH:mm:ss'Z'}</time></trkpt>\n"),
            lines,
            Encoding.UTF8.GetBytes("</trkseg></trk></gpx>\n"));

        AssertStreamsInBoundedMemory(LocationFileReader.Read(stream), lines, stream);
    }

    [Fact]
    public void Read_FiftyMegabyteTakeoutRecords_KeepsTheHeapBounded()
    {
        const string sample = "{\"timestampMs\":\"1714557600000\",\"latitudeE7\":481234567,\"longitudeE7\":111234567,\"accuracy\":12},\n";
        var lines = TargetBytes / sample.Length;
        var stream = new GeneratedStream(
            Encoding.UTF8.GetBytes("{\"locations\": [\n"),
            i => string.Create(CultureInfo.InvariantCulture, $"{{\"timestampMs\":\"{1714557600000 + (i * 1000)}\",\"latitudeE7\":481234567,\"longitudeE7\":111234567,\"accuracy\":12}}{(i == lines - 1 ? "" : ",")}\n"),
            lines,
            Encoding.UTF8.GetBytes("]}\n"));

        AssertStreamsInBoundedMemory(LocationFileReader.Read(stream), lines, stream);
    }

    private static void AssertStreamsInBoundedMemory(IEnumerable<ImportRecord> records, long expectedFixes, GeneratedStream stream)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        long fixes = 0, outOfOrder = 0, previousTime = long.MinValue;
        var sampleEvery = Math.Max(1, expectedFixes / 8);
        foreach (var record in records)
        {
            // Plain comparisons here: an Assert per record would dominate the run time.
            if (record.Kind != ImportRecordKind.Fix)
            {
                Assert.Fail($"record {fixes} is {record.Kind} {record.Reason}");
            }

            if (record.Fix.TimestampMs <= previousTime)
            {
                outOfOrder++;
            }

            previousTime = record.Fix.TimestampMs;
            if (++fixes % sampleEvery == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(expectedFixes, fixes);
        Assert.Equal(0, outOfOrder);
        Assert.True(stream.BytesProduced > 45L * 1024 * 1024, $"only {stream.BytesProduced} bytes were generated");
        Assert.True(peak < MaxGrowthBytes, $"the live heap grew by {peak / (1024 * 1024)} MB while reading");
    }
}

[CollectionDefinition(nameof(ConstantMemoryTests), DisableParallelization = true)]
public sealed class RunsAlone;
