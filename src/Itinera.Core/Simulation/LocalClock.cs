namespace Itinera.Core.Simulation;

/// <summary>Converts local wall-clock times of a time zone to Unix epoch milliseconds and back.</summary>
internal sealed class LocalClock(TimeZoneInfo zone)
{
    private const long MillisecondsPerMinute = 60_000;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>
    /// The instant of <paramref name="minutes"/> after local midnight of <paramref name="date"/> (values of 1440 and
    /// more fall on the following days), rounded to a whole second. Times inside a DST gap move forward by an hour.
    /// </summary>
    public long ToEpochMs(DateOnly date, double minutes)
    {
        var wholeSeconds = (long)Math.Round(minutes * 60);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddSeconds(wholeSeconds);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUnixTimeMilliseconds();
    }

    /// <summary>The instant local day <paramref name="date"/> starts.</summary>
    public long StartOfDayMs(DateOnly date) =>
        Time.TimeZones.StartOfLocalDay(date, Zone.Id).ToUnixTimeMilliseconds();

    /// <summary>Minutes after local midnight of the local day containing <paramref name="epochMs"/>, in [0, 1440).</summary>
    public double LocalMinuteOfDay(long epochMs)
    {
        var offset = Zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(epochMs));
        var local = epochMs + (long)offset.TotalMilliseconds;
        var ms = ((local % 86_400_000) + 86_400_000) % 86_400_000;
        return ms / (double)MillisecondsPerMinute;
    }
}
