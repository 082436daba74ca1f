using System.Globalization;
using Itinera.Core.Driving.Detection;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Evaluation;

/// <summary>One trip of an NDS-BR driver: 1 Hz fixes with the posted limit of each.</summary>
/// <param name="Id">The data set's trip id (column <c>ID</c>, e.g. <c>A05</c>).</param>
/// <param name="Fixes">Fixes in time order; speed from <c>SPD_KMH</c>, bearing from <c>HEADING</c>.</param>
/// <param name="SpeedLimitsKmh">The posted limit (<c>LIMITE_VEL</c>) per fix, km/h; null where not identified (<c>NPI</c>).</param>
public sealed record NdsbrTrip(string Id, IReadOnlyList<Fix> Fixes, IReadOnlyList<double?> SpeedLimitsKmh);

/// <summary>
/// Reads an NDS-BR driver file (Brazilian naturalistic driving study, Curitiba 2019): <c>;</c>-separated with a
/// header, decimal commas. Columns used: <c>LONG</c>, <c>LAT</c>, <c>DAY_CORRIGIDO</c> (d/M/yyyy) with <c>PR</c>
/// (local time, UTC−3), <c>ID</c> (trip), <c>SPD_KMH</c>, <c>HEADING</c>, <c>LIMITE_VEL</c>. Rows with a repeated
/// timestamp within a trip are dropped (the first is kept).
/// </summary>
public static class NdsbrDataset
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(-3);

    /// <summary>The trips of <paramref name="path"/> in order of first appearance.</summary>
    public static IReadOnlyList<NdsbrTrip> Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? string.Empty).Split(';');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no column {name}.");
        var (lon, lat, day, time, id, speed, heading, limit) =
            (Column("LONG"), Column("LAT"), Column("DAY_CORRIGIDO"), Column("PR"), Column("ID"), Column("SPD_KMH"), Column("HEADING"), Column("LIMITE_VEL"));
        var trips = new List<(string Id, List<(Fix Fix, double? Limit)> Rows)>();
        while (reader.ReadLine() is { } line)
        {
            var p = line.Split(';');
            if (p.Length < header.Length || !DateTime.TryParseExact($"{p[day]} {p[time]}", "d/M/yyyy H:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                continue;
            }

            var timestamp = new DateTimeOffset(local, Offset).ToUnixTimeMilliseconds();
            double? bearing = Number(p[heading]) is { } h && h is >= 0 and < 360 ? h : null;
            var fix = new Fix(timestamp, Number(p[lat]) ?? 0, Number(p[lon]) ?? 0, SpeedMetersPerSecond: Number(p[speed]) / 3.6, BearingDegrees: bearing);
            if (trips.Count == 0 || trips[^1].Id != p[id])
            {
                trips.Add((p[id], []));
            }

            var rows = trips[^1].Rows;
            if (rows.Count == 0 || timestamp > rows[^1].Fix.TimestampMs)
            {
                rows.Add((fix, Number(p[limit])));
            }
        }

        return [.. trips.Select(t => new NdsbrTrip(t.Id, [.. t.Rows.Select(r => r.Fix)], [.. t.Rows.Select(r => r.Limit)]))];
    }

    /// <summary>
    /// The share of driving time over the limit computed directly from the data, without our detector: every fix with
    /// a known limit and a recorded speed (<c>SPD_KMH</c>, unfiltered) of at least
    /// <see cref="SpeedingOptions.MinDrivingSpeedKmh"/> stands for the time to the next fix (none across a gap longer
    /// than <see cref="SpeedingOptions.MaxGapMs"/>) and is over the limit when its speed exceeds the limit.
    /// </summary>
    /// <returns>Driving seconds and seconds over the limit.</returns>
    public static (double DrivingSeconds, double SpeedingSeconds) DirectSeconds(NdsbrTrip trip, SpeedingOptions options)
    {
        ArgumentNullException.ThrowIfNull(trip);
        ArgumentNullException.ThrowIfNull(options);
        double driving = 0, speeding = 0;
        for (var i = 0; i + 1 < trip.Fixes.Count; i++)
        {
            var stepMs = trip.Fixes[i + 1].TimestampMs - trip.Fixes[i].TimestampMs;
            var speedKmh = Math.Round((trip.Fixes[i].SpeedMetersPerSecond ?? 0) * 3.6, 6);
            if (stepMs > options.MaxGapMs || trip.SpeedLimitsKmh[i] is not { } limit || speedKmh < options.MinDrivingSpeedKmh)
            {
                continue;
            }

            driving += stepMs / 1000.0;
            if (speedKmh > limit)
            {
                speeding += stepMs / 1000.0;
            }
        }

        return (driving, speeding);
    }

    /// <summary>A number with a decimal comma; null when empty or not a number (<c>NPI</c>).</summary>
    private static double? Number(string text) =>
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
