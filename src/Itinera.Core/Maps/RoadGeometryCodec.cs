using Itinera.Core.Ingestion.Chunks;

namespace Itinera.Core.Maps;

/// <summary>
/// Compact storage of a road's node ids and positions: a count, then per node zigzag varint deltas of the OSM node
/// id and of the latitude and longitude in 1e-7 degrees (OSM's own resolution), about 6–9 bytes per node.
/// </summary>
public static class RoadGeometryCodec
{
    private const double Scale = 1e7;

    /// <summary>Encodes a road's geometry.</summary>
    public static byte[] Encode(MapRoad road)
    {
        ArgumentNullException.ThrowIfNull(road);
        var writer = new VarintWriter(road.NodeIds.Length * 9 + 4);
        writer.WriteUnsigned((ulong)road.NodeIds.Length);
        long id = 0, lat = 0, lon = 0;
        for (var i = 0; i < road.NodeIds.Length; i++)
        {
            var nextLat = (long)Math.Round(road.Latitudes[i] * Scale);
            var nextLon = (long)Math.Round(road.Longitudes[i] * Scale);
            writer.WriteSigned(road.NodeIds[i] - id);
            writer.WriteSigned(nextLat - lat);
            writer.WriteSigned(nextLon - lon);
            (id, lat, lon) = (road.NodeIds[i], nextLat, nextLon);
        }

        return writer.Written.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    public static (long[] NodeIds, double[] Latitudes, double[] Longitudes) Decode(ReadOnlySpan<byte> data)
    {
        var reader = new VarintReader(data);
        var count = (int)reader.ReadUnsigned();
        if (count < 0 || count > data.Length)
        {
            throw new InvalidDataException("Corrupt road geometry.");
        }

        var ids = new long[count];
        var lats = new double[count];
        var lons = new double[count];
        long id = 0, lat = 0, lon = 0;
        for (var i = 0; i < count; i++)
        {
            id += reader.ReadSigned();
            lat += reader.ReadSigned();
            lon += reader.ReadSigned();
            ids[i] = id;
            lats[i] = lat / Scale;
            lons[i] = lon / Scale;
        }

        return (ids, lats, lons);
    }
}
