using Itinera.Core.Ingestion;

namespace Itinera.Core.Maps;

/// <summary>
/// The road and rail networks around a user's data, as context for transport modes: how much of a leg runs along a
/// road and how much along a railway (a car on a motorway and a train look alike without it).
/// </summary>
public sealed record TransportNetworks(RoadNetwork? Roads, RoadNetwork? Rails)
{
    /// <summary>A fix this close to a road or track is "along" it, metres (GPS error plus the width of the way).</summary>
    public const double AlongMeters = 25;

    private const int MaxSamples = 60;

    /// <summary>Builds the networks of an extract (null members where it has no roads or no railways).</summary>
    public static TransportNetworks From(MapExtract extract)
    {
        ArgumentNullException.ThrowIfNull(extract);
        return new TransportNetworks(
            extract.Roads.Count > 0 ? new RoadNetwork(extract.Roads) : null,
            extract.Railways.Count > 0 ? new RoadNetwork(extract.Railways) : null);
    }

    /// <summary>Shares of the fixes [<paramref name="first"/>, <paramref name="last"/>] (at most 60, evenly spread)
    /// near a road and near a railway; NaN for a network that is missing.</summary>
    public (double RoadShare, double RailShare) Shares(Fix[] fixes, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var count = last - first + 1;
        if (count <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var step = Math.Max(1, count / MaxSamples);
        int samples = 0, road = 0, rail = 0;
        for (var i = first; i <= last; i += step)
        {
            samples++;
            if (Roads?.Nearest(fixes[i].Latitude, fixes[i].Longitude, AlongMeters) is not null)
            {
                road++;
            }

            if (Rails?.Nearest(fixes[i].Latitude, fixes[i].Longitude, AlongMeters) is not null)
            {
                rail++;
            }
        }

        return (Roads is null ? double.NaN : (double)road / samples, Rails is null ? double.NaN : (double)rail / samples);
    }
}
