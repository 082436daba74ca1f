using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace Itinera.Core.Maps;

/// <summary>The roads, railways and points of interest of an OSM extract, with its bounds.</summary>
/// <param name="CountryCode">The country whose legal defaults were applied to untagged roads (null = generic).</param>
public sealed record MapExtract(
    IReadOnlyList<MapRoad> Roads,
    IReadOnlyList<MapPoi> Pois,
    double MinLatitude,
    double MinLongitude,
    double MaxLatitude,
    double MaxLongitude,
    string? CountryCode)
{
    /// <summary>Rail, light rail, subway and tram tracks as <see cref="MapRoad"/>s whose <see cref="MapRoad.Highway"/> is
    /// <c>railway:VALUE</c>: context for transport modes, never for map matching.</summary>
    public IReadOnlyList<MapRoad> Railways { get; init; } = [];

    /// <summary>Bus and tram stops and railway stations: context for transport modes (a vehicle that halts at the stops
    /// it passes is a bus or a tram), never places.</summary>
    public IReadOnlyList<MapTransitStop> TransitStops { get; init; } = [];
}

/// <summary>
/// Reads an OSM extract (<c>.osm.pbf</c> or <c>.osm</c> XML, via OsmSharp) into drivable roads and points of
/// interest. Node coordinates are held in memory while ways are read, which suits city and region extracts.
/// </summary>
public static class OsmExtractReader
{
    /// <summary>Whether <paramref name="path"/> names a PBF file (else it is read as OSM XML).</summary>
    public static bool IsPbf(string path) => path.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an extract file; the format follows the extension (<c>.pbf</c> or XML).</summary>
    /// <param name="countryAt">Fallback country of a position when no implicit <c>maxspeed</c> tag names one.</param>
    public static MapExtract Read(string path, Func<double, double, string?>? countryAt = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, IsPbf(path), countryAt);
    }

    /// <summary>Reads an extract from a stream.</summary>
    public static MapExtract Read(Stream stream, bool pbf, Func<double, double, string?>? countryAt = null)
    {
        using OsmStreamSource source = pbf ? new PBFOsmStreamSource(stream) : new XmlOsmStreamSource(stream);
        var nodes = new Dictionary<long, (double Latitude, double Longitude)>();
        var pending = new List<(Way Way, string Highway)>();
        var rails = new List<Way>();
        var pois = new List<MapPoi>();
        var stops = new List<MapTransitStop>();
        var countryVotes = new Dictionary<string, int>(StringComparer.Ordinal);
        double minLat = 90, minLon = 180, maxLat = -90, maxLon = -180;

        foreach (var element in source)
        {
            switch (element)
            {
                case Node { Id: { } id, Latitude: { } lat, Longitude: { } lon } node:
                    nodes[id] = (lat, lon);
                    minLat = Math.Min(minLat, lat);
                    maxLat = Math.Max(maxLat, lat);
                    minLon = Math.Min(minLon, lon);
                    maxLon = Math.Max(maxLon, lon);
                    if (node.Tags is { Count: > 0 } nodeTags && PoiCategories.Of(k => Value(nodeTags, k)) is { } nodeCategories)
                    {
                        pois.Add(new MapPoi("n" + id, lat, lon, Value(nodeTags, "name"), nodeCategories));
                    }

                    if (node.Tags is { Count: > 0 } stopTags)
                    {
                        foreach (var kind in MapTransitStop.KindsOf(k => Value(stopTags, k)))
                        {
                            stops.Add(new MapTransitStop("n" + id, lat, lon, kind, Value(stopTags, "name")));
                        }
                    }

                    break;
                case Way { Id: not null, Nodes.Length: >= 2 } way when way.Tags is { } tags:
                    var highway = Value(tags, "highway");
                    // Platforms drawn as ways (and station areas) are stops at their centroid.
                    if (MapTransitStop.KindsOf(k => Value(tags, k)) is { Count: > 0 } wayStopKinds && Centroid(way.Nodes, nodes) is { } stopCentre)
                    {
                        foreach (var kind in wayStopKinds)
                        {
                            stops.Add(new MapTransitStop("w" + way.Id, stopCentre.Latitude, stopCentre.Longitude, kind, Value(tags, "name")));
                        }
                    }

                    if (Value(tags, "railway") is "rail" or "light_rail" or "subway" or "tram" or "narrow_gauge" or "monorail")
                    {
                        rails.Add(way);
                    }
                    else if (HighwayClasses.IsDrivable(highway) && Value(tags, "area") != "yes")
                    {
                        pending.Add((way, highway!));
                        foreach (var key in (string[])["maxspeed", "source:maxspeed", "maxspeed:type", "zone:maxspeed"])
                        {
                            if (SpeedLimits.CountryOf(Value(tags, key)) is { } country)
                            {
                                countryVotes[country] = countryVotes.GetValueOrDefault(country) + 1;
                            }
                        }
                    }
                    else if (PoiCategories.Of(k => Value(tags, k)) is { } wayCategories && Centroid(way.Nodes, nodes) is { } centre)
                    {
                        pois.Add(new MapPoi("w" + way.Id, centre.Latitude, centre.Longitude, Value(tags, "name"), wayCategories));
                    }

                    break;
            }
        }

        var countryCode = countryVotes.Count > 0
            ? countryVotes.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key
            : nodes.Count > 0 ? countryAt?.Invoke((minLat + maxLat) / 2, (minLon + maxLon) / 2) : null;

        var roads = new List<MapRoad>(pending.Count);
        foreach (var (way, highway) in pending)
        {
            if (ToRoad(way, highway, nodes, countryCode) is { } road)
            {
                roads.Add(road);
            }
        }

        var railways = new List<MapRoad>(rails.Count);
        foreach (var way in rails)
        {
            if (ToRoad(way, "railway:" + Value(way.Tags, "railway"), nodes, null) is { } rail)
            {
                railways.Add(rail with { SpeedLimit = new SpeedLimit(null, SpeedLimitSource.None), Oneway = Oneway.No });
            }
        }

        return (nodes.Count == 0
            ? new MapExtract(roads, pois, 0, 0, 0, 0, countryCode)
            : new MapExtract(roads, pois, minLat, minLon, maxLat, maxLon, countryCode)) with
        { Railways = railways, TransitStops = stops };
    }

    private static MapRoad? ToRoad(Way way, string highway, Dictionary<long, (double Latitude, double Longitude)> nodes, string? countryCode)
    {
        var ids = new List<long>(way.Nodes.Length);
        var lats = new List<double>(way.Nodes.Length);
        var lons = new List<double>(way.Nodes.Length);
        foreach (var nodeId in way.Nodes)
        {
            // Extracts cut ways at their boundary: keep the part whose nodes are present.
            if (nodes.TryGetValue(nodeId, out var position))
            {
                ids.Add(nodeId);
                lats.Add(position.Latitude);
                lons.Add(position.Longitude);
            }
        }

        if (ids.Count < 2)
        {
            return null;
        }

        var tags = way.Tags;
        var limit = SpeedLimits.Parse(Value(tags, "maxspeed"))
            ?? SpeedLimits.Parse(Value(tags, "maxspeed:forward"))
            ?? SpeedLimits.Parse(Value(tags, "source:maxspeed"))
            ?? SpeedLimits.Parse(Value(tags, "maxspeed:type"))
            ?? SpeedLimits.Parse(Value(tags, "zone:maxspeed"))
            ?? SpeedLimits.Default(highway, countryCode);

        var oneway = Value(tags, "oneway") switch
        {
            "yes" or "true" or "1" => Oneway.Forward,
            "-1" or "reverse" => Oneway.Backward,
            "no" or "false" or "0" => Oneway.No,
            _ when Value(tags, "junction") is "roundabout" or "circular" => Oneway.Forward,
            _ when HighwayClasses.IsImplicitlyOneway(highway) => Oneway.Forward,
            _ => Oneway.No,
        };

        return new MapRoad(way.Id!.Value, highway, limit, oneway, Value(tags, "name"), [.. ids], [.. lats], [.. lons]);
    }

    private static (double Latitude, double Longitude)? Centroid(long[] nodeIds, Dictionary<long, (double Latitude, double Longitude)> nodes)
    {
        double lat = 0, lon = 0;
        var count = 0;
        foreach (var id in nodeIds)
        {
            if (nodes.TryGetValue(id, out var p))
            {
                lat += p.Latitude;
                lon += p.Longitude;
                count++;
            }
        }

        return count == 0 ? null : (lat / count, lon / count);
    }

    private static string? Value(TagsCollectionBase? tags, string key) =>
        tags is not null && tags.TryGetValue(key, out var value) ? value : null;
}
