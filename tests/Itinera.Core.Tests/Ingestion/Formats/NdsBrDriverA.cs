using System.Globalization;
using Itinera.Core.Tests.Geo;

namespace Itinera.Core.Tests.Ingestion.Formats;

/// <summary>
/// The first rows of the NDS-BR naturalistic driving file <c>driving/ndsbr_speed_limits/driver_A.csv</c>
/// (Curitiba, 1 Hz car GPS; <c>;</c>-separated with decimal commas; Portuguese column names).
/// </summary>
internal static class NdsBrDriverA
{
    public static string Path => SharedDataFolder.Path("driving", "ndsbr_speed_limits", "driver_A.csv");

    /// <summary>
    /// Rows as text fields plus the values they stand for. Interpretation of the columns: <c>LAT</c>/<c>LONG</c>
    /// degrees; <c>DAY_CORRIGIDO</c> (d/M/yyyy) with the column headed <c>03:00:00</c> is the UTC time (the
    /// local clock <c>PR</c> plus three hours); <c>SPD_KMH</c> km/h; <c>HEADING</c> degrees; <c>ALTITUDE_FT</c>
    /// appears to be thousandths of a foot (3050197 → 3050 ft ≈ 930 m, Curitiba's elevation).
    /// </summary>
    public static List<Row> Read(int count)
    {
        var lines = File.ReadLines(Path).Take(count + 1).ToList();
        var header = lines[0].Split(';');
        int Column(string name) => Array.IndexOf(header, name);
        int lat = Column("LAT"), lon = Column("LONG"), day = Column("DAY"), utcDay = Column("DAY_CORRIGIDO"), utcClock = Column("03:00:00"),
            localClock = Column("PR"), kmh = Column("SPD_KMH"), heading = Column("HEADING"), altitude = Column("ALTITUDE_FT");
        Assert.True(new[] { lat, lon, day, utcDay, utcClock, localClock, kmh, heading, altitude }.All(i => i >= 0), "NDS-BR header changed");

        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(';');
            var utc = DateTimeOffset.ParseExact(
                f[utcDay] + " " + f[utcClock], "d/M/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var local = DateTime.ParseExact(f[day] + " " + f[localClock], "d/M/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
            return new Row(
                f[lat], f[lon], local, f[kmh], f[heading],
                Number(f[lat])!.Value, Number(f[lon])!.Value, utc.ToUnixTimeMilliseconds(),
                Number(f[kmh]) / 3.6, Number(f[heading]), Number(f[altitude]) / 1000 * 0.3048);
        })];
    }

    private static double? Number(string text) =>
        text.Length == 0 ? null : double.Parse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);

    internal sealed record Row(
        string LatitudeText, string LongitudeText, DateTime LocalTime, string SpeedKmhText, string HeadingText,
        double Latitude, double Longitude, long TimestampMs, double? SpeedMetersPerSecond, double? Heading, double? AltitudeMeters);
}
