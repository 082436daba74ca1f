using Itinera.Core.Places.Geocoding;

namespace Itinera.Api.Uploads;

/// <summary>The IANA time zone at a position, from the nearest gazetteer place; unavailable without a gazetteer.</summary>
public sealed class TimeZoneResolver(Gazetteer? gazetteer)
{
    public bool CanResolve => gazetteer is not null;

    public string? At(double latitude, double longitude) => gazetteer?.TimeZoneAt(latitude, longitude);
}
