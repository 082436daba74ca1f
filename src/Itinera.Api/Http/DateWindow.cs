using Itinera.Core.Time;

namespace Itinera.Api.Http;

/// <summary>
/// The <c>from</c>/<c>to</c> query parameters of history endpoints: <c>YYYY-MM-DD</c>, inclusive
/// calendar days in the user's local time, <c>to</c> ≥ <c>from</c>, at most <see cref="MaxDays"/> days.
/// </summary>
public static class DateWindow
{
    /// <summary>The longest window one request may ask for, in days.</summary>
    public const int MaxDays = 92;

    /// <summary>The half-open instant interval covering the local days, or the 400 error.</summary>
    public static (DateTimeOffset From, DateTimeOffset To, ApiError? Error) Parse(string? from, string? to, string? zoneId)
    {
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to))
        {
            return (default, default, ApiError.InvalidParameter("Query parameters 'from' and 'to' are required, as YYYY-MM-DD."));
        }

        if (!WireTime.TryParseDate(from, out var fromDay))
        {
            return (default, default, ApiError.InvalidParameter("'from' must be a date as YYYY-MM-DD."));
        }

        if (!WireTime.TryParseDate(to, out var toDay))
        {
            return (default, default, ApiError.InvalidParameter("'to' must be a date as YYYY-MM-DD."));
        }

        if (toDay < fromDay)
        {
            return (default, default, ApiError.InvalidParameter("'to' must not be before 'from'."));
        }

        if (toDay.DayNumber - fromDay.DayNumber + 1 > MaxDays)
        {
            return (default, default, ApiError.InvalidParameter($"The range from 'from' to 'to' may cover at most {MaxDays} days."));
        }

        return (StartOfLocalDay(fromDay, zoneId), EndOfLocalDay(toDay, zoneId), null);
    }

    /// <summary>
    /// The instant <paramref name="day"/> starts in the zone. 0001-01-01 in a zone ahead of UTC starts before the
    /// first representable instant; a client naming it means "from the beginning", so it saturates.
    /// </summary>
    public static DateTimeOffset StartOfLocalDay(DateOnly day, string? zoneId) =>
        day == DateOnly.MinValue ? DateTimeOffset.MinValue : TimeZones.StartOfLocalDay(day, zoneId);

    /// <summary>
    /// The instant the day after <paramref name="day"/> starts (the exclusive end of the day). 9999-12-31 has no
    /// next day; a client naming it means "to the end", so it saturates.
    /// </summary>
    public static DateTimeOffset EndOfLocalDay(DateOnly day, string? zoneId) =>
        day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : TimeZones.StartOfLocalDay(day.AddDays(1), zoneId);
}
