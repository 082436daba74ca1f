using Itinera.Core.Maps;
using Itinera.Core.Simulation;

namespace Itinera.Cli.Commands;

/// <summary>A simulated city's map as the server would hold it after <c>itinera map import</c>: the city written as
/// OSM XML (as <c>simulate-map</c> does) and read back by <see cref="OsmExtractReader"/>.</summary>
internal static class SimulatedCityMap
{
    public static MapExtract Read(SyntheticCity city)
    {
        using var osm = new MemoryStream();
        OsmXmlWriter.Write(city, osm);
        osm.Position = 0;
        return OsmExtractReader.Read(osm, pbf: false);
    }

    /// <summary>The roads, railways and stops of the city's map, as the timeline engine gets them from the server.</summary>
    public static TransportNetworks Networks(SyntheticCity city) => TransportNetworks.From(Read(city));
}
