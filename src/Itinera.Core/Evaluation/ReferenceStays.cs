using System.Globalization;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Evaluation;

/// <summary>A stay point found by another engine, for comparing stays on data without stay labels.</summary>
/// <param name="UserId">The user, as the data set's folder names it (GeoLife: three digits).</param>
/// <param name="IsActivity">Whether the other engine counts it as an activity (a stay long enough to be a visit).</param>
public sealed record ReferenceStay(string UserId, DateTimeOffset Start, DateTimeOffset End, double Latitude, double Longitude, bool IsActivity);

/// <summary>
/// Reads the staypoints CSV that trackintel writes (<c>staypoints.to_csv</c>: columns <c>started_at</c>,
/// <c>finished_at</c>, <c>geom</c> as WKT <c>POINT (lon lat)</c>, <c>user_id</c>, <c>is_activity</c>, in any order,
/// others ignored). Times without an offset are UTC; a numeric user id becomes GeoLife's three-digit folder name.
/// </summary>
public static class ReferenceStays
{
    /// <summary>The staypoints of <paramref name="csv"/>, in file order.</summary>
    /// <exception cref="FormatException">A required column is missing or a row cannot be read (the message names the line).</exception>
    public static IReadOnlyList<ReferenceStay> ReadTrackintelCsv(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var records = new CsvTokenizer(csv, ',');
        if (!records.ReadRecord())
        {
            throw new FormatException("The staypoints file is empty.");
        }

        var header = Enumerable.Range(0, records.FieldCount).Select(i => records.Field(i).ToString()).ToArray();
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"The staypoints file has no '{name}' column.");
        var (start, end, geom, user, activity) = (Column("started_at"), Column("finished_at"), Column("geom"), Column("user_id"), Column("is_activity"));
        var stays = new List<ReferenceStay>();
        while (records.ReadRecord())
        {
            if (records.IsBlank)
            {
                continue;
            }

            try
            {
                var (longitude, latitude) = ParsePoint(records.Field(geom).ToString());
                stays.Add(new ReferenceStay(
                    UserFolderName(records.Field(user).ToString()),
                    ParseTime(records.Field(start).ToString()),
                    ParseTime(records.Field(end).ToString()),
                    latitude,
                    longitude,
                    bool.Parse(records.Field(activity))));
            }
            catch (FormatException e)
            {
                throw new FormatException($"Staypoints line {records.RecordLine} cannot be read: {e.Message}", e);
            }
        }

        return stays;
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static (double Longitude, double Latitude) ParsePoint(string wkt)
    {
        var open = wkt.IndexOf('(', StringComparison.Ordinal);
        var close = wkt.IndexOf(')', StringComparison.Ordinal);
        if (!wkt.StartsWith("POINT", StringComparison.OrdinalIgnoreCase) || open < 0 || close < open)
        {
            throw new FormatException($"'{wkt}' is not a WKT point.");
        }

        var parts = wkt[(open + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            ? (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture))
            : throw new FormatException($"'{wkt}' is not a WKT point.");
    }

    /// <summary>pandas writes integer ids of a float column as <c>0.0</c>; GeoLife's folders are <c>000</c>.</summary>
    private static string UserFolderName(string id) =>
        double.TryParse(id, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == Math.Floor(number) && number >= 0
            ? ((long)number).ToString("D3", CultureInfo.InvariantCulture)
            : id;
}
