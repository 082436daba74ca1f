namespace Itinera.Core.Ingestion.Formats;

/// <summary>What a CSV column or a GeoJSON property holds.</summary>
internal enum ColumnRole
{
    None,
    Time,
    Latitude,
    Longitude,
    Accuracy,
    Altitude,
    Speed,
    SpeedKmh,
    Bearing,
}

/// <summary>
/// The names by which CSV headers (and GeoJSON Point properties) are recognised, compared case-insensitively
/// after trimming and treating spaces and dashes as underscores. Within a role the earlier name wins when a
/// header has several.
/// </summary>
internal static class ColumnAliases
{
    public static readonly string[] Time = ["timestamp", "time", "datetime", "date_time", "utc", "ts"];
    public static readonly string[] Latitude = ["latitude", "lat", "y"];
    public static readonly string[] Longitude = ["longitude", "lon", "lng", "long", "x"];
    public static readonly string[] Accuracy = ["accuracy", "acc", "horizontal_accuracy", "hacc"];
    public static readonly string[] Altitude = ["altitude", "alt", "elevation", "ele"];
    public static readonly string[] Speed = ["speed", "velocity"];
    public static readonly string[] SpeedKmh = ["speed_kmh"];
    public static readonly string[] Bearing = ["bearing", "course", "heading"];

    private static readonly (ColumnRole Role, string[] Names)[] Roles =
    [
        (ColumnRole.Time, Time),
        (ColumnRole.Latitude, Latitude),
        (ColumnRole.Longitude, Longitude),
        (ColumnRole.Accuracy, Accuracy),
        (ColumnRole.Altitude, Altitude),
        (ColumnRole.Speed, Speed),
        (ColumnRole.SpeedKmh, SpeedKmh),
        (ColumnRole.Bearing, Bearing),
    ];

    /// <summary>The role of <paramref name="name"/> and the rank of the alias within it (0 = preferred).</summary>
    public static ColumnRole Match(ReadOnlySpan<char> name, out int rank)
    {
        rank = 0;
        name = name.Trim();
        if (name.IsEmpty || name.Length > 64)
        {
            return ColumnRole.None;
        }

        Span<char> normal = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            normal[i] = name[i] is ' ' or '-' ? '_' : name[i];
        }

        foreach (var (role, names) in Roles)
        {
            for (var r = 0; r < names.Length; r++)
            {
                if (normal.Equals(names[r], StringComparison.OrdinalIgnoreCase))
                {
                    rank = r;
                    return role;
                }
            }
        }

        return ColumnRole.None;
    }
}
