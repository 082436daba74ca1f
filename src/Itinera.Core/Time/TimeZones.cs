using System.Collections.Concurrent;

namespace Itinera.Core.Time;

/// <summary>
/// Resolves IANA time-zone ids (<c>Europe/Brussels</c>) and converts instants to the local offset of a
/// user, which is how every timestamp of the API is written. Unknown ids fall back to UTC.
/// </summary>
public static class TimeZones
{
    /// <summary>The id used when a user's zone is unknown.</summary>
    public const string Utc = "UTC";

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Cache = new(StringComparer.Ordinal);

    /// <summary>The zone for <paramref name="id"/>, or null when the id is not a known IANA zone.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return Cache.GetOrAdd(id, static key =>
            TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : null);
    }

    /// <summary>True when <paramref name="id"/> names a known zone.</summary>
    public static bool IsKnown(string? id) => Find(id) is not null;

    /// <summary><paramref name="instant"/> expressed at the offset that <paramref name="zoneId"/> had at that instant.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, string? zoneId)
    {
        var zone = Find(zoneId);
        return zone is null ? instant.ToUniversalTime() : TimeZoneInfo.ConvertTime(instant, zone);
    }

    /// <summary>The UTC instant at which local calendar day <paramref name="day"/> starts in <paramref name="zoneId"/>.</summary>
    public static DateTimeOffset StartOfLocalDay(DateOnly day, string? zoneId)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var zone = Find(zoneId);
        if (zone is null)
        {
            return new DateTimeOffset(local, TimeSpan.Zero);
        }

        // A day that starts inside a DST gap begins at the first valid local time after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
