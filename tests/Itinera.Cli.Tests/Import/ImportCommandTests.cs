using System.Globalization;
using System.Text;
using System.Xml;
using Itinera.Storage;
using Itinera.Storage.Raw;
using Itinera.Testing;

namespace Itinera.Cli.Tests.Import;

/// <summary><c>itinera import</c> on the real files of <c>shared/data</c>, through validation, deduplication and storage.</summary>
public sealed class ImportCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Db, string UserId)> NewUserAsync(string engine)
    {
        var db = await ItineraTestServer.NewDatabaseAsync(engine, Ct);
        var account = (await CliRunner.JsonAsync("accounts", "create", "--name", "i", "--db", db)).GetProperty("id").GetString()!;
        var app = (await CliRunner.JsonAsync("apps", "create", "--account", account, "--name", "i", "--db", db)).GetProperty("id").GetString()!;
        return (db, (await CliRunner.JsonAsync("users", "create", "--app", app, "--db", db)).GetProperty("id").GetString()!);
    }

    private static async Task<IReadOnlyList<Itinera.Core.Ingestion.Fix>> StoredFixesAsync(string db, string userId)
    {
        await using var database = Database.Open(db);
        return await new RawDataStore(database, TimeProvider.System).ReadFixesAsync(userId, 0, long.MaxValue / 2, 1_000_000, Ct);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task GeoLifeFiles_AreImportedOnceEach_AndAgainAsDuplicates(string engine)
    {
        var (db, userId) = await NewUserAsync(engine);
        var files = Directory.GetFiles(SharedFiles.Find("data/geolife/full_labels/010/Trajectory"), "*.plt").Order(StringComparer.Ordinal).ToArray();
        var distinctTimes = files
            .SelectMany(f => File.ReadLines(f).Skip(6))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',')[5] + " " + l.Split(',')[6])
            .Distinct(StringComparer.Ordinal)
            .Count();

        var first = await CliRunner.JsonAsync(["import", "--user", userId, "--db", db, .. files]);
        Assert.Equal(files.Length, first.GetProperty("files").GetInt32());
        Assert.Equal(distinctTimes, first.GetProperty("imported").GetInt64());
        Assert.All(first.GetProperty("formats").EnumerateObject(), f => Assert.Equal("GeoLifePlt", f.Value.GetString()));

        var second = await CliRunner.JsonAsync(["import", "--user", userId, "--db", db, .. files]);
        Assert.Equal(0, second.GetProperty("imported").GetInt64());

        var stored = await StoredFixesAsync(db, userId);
        Assert.Equal(distinctTimes, stored.Count);
        var firstLine = File.ReadLines(files[0]).Skip(6).First().Split(',');
        Assert.Equal(double.Parse(firstLine[0], CultureInfo.InvariantCulture), stored[0].Latitude, 7);
        Assert.Equal(DateTimeOffset.Parse(firstLine[5] + "T" + firstLine[6] + "Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), stored[0].TimestampMs);
    }

    [Fact]
    public async Task TheTakeoutSample_ImportsItsFixesAndActivities()
    {
        var (db, userId) = await NewUserAsync("sqlite");
        var summary = await CliRunner.JsonAsync("import", "--user", userId, "--db", db, SharedFiles.Find("data/formats/google_takeout_records_sample.json"));
        Assert.Equal("GoogleTakeoutRecords", summary.GetProperty("formats").EnumerateObject().Single().Value.GetString());
        var stored = await StoredFixesAsync(db, userId);
        Assert.Equal(12, stored.Count);
        Assert.True(summary.GetProperty("imported").GetInt64() > 12, "activities are imported too");
    }

    [Fact]
    public async Task AGpxMadeFromTheNdsBrDrive_ImportsEveryFixWithItsSpeed()
    {
        var (db, userId) = await NewUserAsync("sqlite");
        var gpx = Path.Combine(Path.GetTempPath(), "ndsbr-" + Guid.NewGuid().ToString("N") + ".gpx");
        var written = WriteGpxFromNdsBr(SharedFiles.Find("data/driving/ndsbr_speed_limits/driver_A.csv"), gpx);
        try
        {
            var summary = await CliRunner.JsonAsync("import", "--user", userId, "--db", db, gpx);
            Assert.Equal("Gpx", summary.GetProperty("formats").EnumerateObject().Single().Value.GetString());
            var stored = await StoredFixesAsync(db, userId);
            Assert.Equal(written.Select(w => w.TimestampMs).Distinct().Count(), stored.Count);
            var byTime = written.GroupBy(w => w.TimestampMs).ToDictionary(g => g.Key, g => g.First());
            Assert.All(stored, s => Assert.Equal(byTime[s.TimestampMs].SpeedKmh / 3.6, s.SpeedMetersPerSecond!.Value, 0.006));
        }
        finally
        {
            File.Delete(gpx);
        }
    }

    [Fact]
    public async Task AnUnknownUserOrFile_IsAClearError()
    {
        var (db, userId) = await NewUserAsync("sqlite");
        var (code, _, stderr) = await CliRunner.RunAsync("import", "--user", "0123456789abcdef01234567", "--db", db, SharedFiles.Find("data/formats/google_takeout_records_sample.json"));
        Assert.Equal(1, code);
        Assert.Contains("No SDK user", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await CliRunner.RunAsync("import", "--user", userId, "--db", db, "/nonexistent/file.gpx");
        Assert.Equal(1, code);
        Assert.Contains("No such file", stderr, StringComparison.Ordinal);
    }

    private sealed record DriveFix(long TimestampMs, double Latitude, double Longitude, double SpeedKmh);

    /// <summary>Writes driver A's NDS-BR drive (UTC time = DAY_CORRIGIDO + the column headed 03:00:00) as GPX 1.1 with a speed extension.</summary>
    private static List<DriveFix> WriteGpxFromNdsBr(string csv, string gpx)
    {
        var lines = File.ReadLines(csv).ToList();
        var header = lines[0].Split(';');
        int Col(string n) => Array.IndexOf(header, n);
        int lat = Col("LAT"), lon = Col("LONG"), day = Col("DAY_CORRIGIDO"), clock = Col("03:00:00"), kmh = Col("SPD_KMH");
        static double Num(string s) => double.Parse(s.Replace(',', '.'), CultureInfo.InvariantCulture);
        var fixes = new List<DriveFix>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(';');
            if (f.Length < header.Length || f[lat].Length == 0 || f[kmh].Length == 0)
            {
                continue;
            }

            var utc = DateTimeOffset.ParseExact(f[day] + " " + f[clock], "d/M/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            fixes.Add(new DriveFix(utc.ToUnixTimeMilliseconds(), Num(f[lat]), Num(f[lon]), Num(f[kmh])));
        }

        using var writer = XmlWriter.Create(gpx, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        writer.WriteStartElement("gpx", "http://www.topografix.com/GPX/1/1");
        writer.WriteAttributeString("version", "1.1");
        writer.WriteAttributeString("creator", "itinera-tests");
        writer.WriteStartElement("trk");
        writer.WriteStartElement("trkseg");
        foreach (var fix in fixes)
        {
            writer.WriteStartElement("trkpt");
            writer.WriteAttributeString("lat", fix.Latitude.ToString("F7", CultureInfo.InvariantCulture));
            writer.WriteAttributeString("lon", fix.Longitude.ToString("F7", CultureInfo.InvariantCulture));
            writer.WriteElementString("time", DateTimeOffset.FromUnixTimeMilliseconds(fix.TimestampMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartElement("extensions");
            writer.WriteElementString("speed", (fix.SpeedKmh / 3.6).ToString("F3", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        return fixes;
    }
}
