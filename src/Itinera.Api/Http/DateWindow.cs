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

        return (TimeZones.StartOfLocalDay(fromDay, zoneId), TimeZones.StartOfLocalDay(toDay.AddDays(1), zoneId), null);
    }
}
