using System.Text;
using Itinera.Core.Maps;

namespace Itinera.Core.Tests.Maps;

public sealed class OsmExtractReaderTests
{
    [Fact]
    public void TheHelsinkiExtract_HasDrivableRoadsWithLimitsAndNamedPois()
    {
        var extract = OsmExtractReader.Read(Itinera.Core.Tests.Geo.SharedDataFolder.Path("maps", "Helsinki.osm.pbf"), (_, _) => "FI");
        Assert.True(extract.Roads.Count > 500);
        Assert.All(extract.Roads, r => Assert.True(HighwayClasses.IsDrivable(r.Highway)));
        Assert.Contains(extract.Roads, r => r.SpeedLimit.Source == SpeedLimitSource.Tagged && r.SpeedLimitKmh == 30);
        Assert.Contains(extract.Roads, r => r.SpeedLimit.Source == SpeedLimitSource.CountryDefault);
        Assert.Contains(extract.Pois, p => p.Name is not null && p.CategoryHierarchy[0] == "amenity");
        Assert.InRange(extract.MinLatitude, 60.0, 60.3);
        Assert.Equal("FI", extract.CountryCode);
    }

    [Fact]
    public void AnXmlExtract_GivesRoadsWithDirectionAndImplicitLimitsAndTheirCountry()
    {
        const string Xml = """
            <osm version="0.6">
              <node id="1" lat="60.0" lon="25.0"/>
              <node id="2" lat="60.001" lon="25.0"/>
              <node id="3" lat="60.002" lon="25.0"><tag k="amenity" v="restaurant"/><tag k="name" v="Ravintola"/></node>
              <way id="100"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="maxspeed" v="FI:urban"/><tag k="oneway" v="-1"/></way>
              <way id="101"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="junction" v="roundabout"/></way>
              <way id="102"><nd ref="1"/><nd ref="3"/><tag k="highway" v="footway"/></way>
              <way id="103"><nd ref="1"/><nd ref="99"/><tag k="highway" v="service"/></way>
              <way id="104"><nd ref="1"/><nd ref="3"/><tag k="railway" v="rail"/></way>
            </osm>
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Xml));
        var extract = OsmExtractReader.Read(stream, pbf: false);

        Assert.Equal("FI", extract.CountryCode);
        Assert.Equal([100L, 101L], extract.Roads.Select(r => r.WayId));
        var primary = extract.Roads[0];
        Assert.Equal(Oneway.Backward, primary.Oneway);
        Assert.Equal(new SpeedLimit(50, SpeedLimitSource.Implicit), primary.SpeedLimit);
        var residential = extract.Roads[1];
        Assert.Equal(Oneway.Forward, residential.Oneway);
        Assert.Equal(new SpeedLimit(50, SpeedLimitSource.CountryDefault), residential.SpeedLimit);
        var rail = Assert.Single(extract.Railways);
        Assert.Equal((104L, "railway:rail"), (rail.WayId, rail.Highway));
        var poi = Assert.Single(extract.Pois);
        Assert.Equal(("n3", "Ravintola"), (poi.PoiId, poi.Name));
    }

    [Fact]
    public void BusAndTramStopsAndStations_AreReadAsTransitStopsNotAsPlaces()
    {
        const string Xml = """
            <osm version="0.6">
              <node id="1" lat="60.0" lon="25.0"><tag k="highway" v="bus_stop"/><tag k="name" v="Kauppatori"/></node>
              <node id="2" lat="60.001" lon="25.0"><tag k="railway" v="tram_stop"/></node>
              <node id="3" lat="60.002" lon="25.0"><tag k="public_transport" v="platform"/><tag k="bus" v="yes"/><tag k="tram" v="yes"/></node>
              <node id="4" lat="60.003" lon="25.0"><tag k="railway" v="station"/><tag k="station" v="subway"/></node>
              <node id="5" lat="60.004" lon="25.0"><tag k="railway" v="halt"/></node>
              <node id="6" lat="60.005" lon="25.0"><tag k="public_transport" v="platform"/></node>
            </osm>
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Xml));
        var extract = OsmExtractReader.Read(stream, pbf: false);

        Assert.Equal(
            [("n1", TransitStopKind.Bus), ("n2", TransitStopKind.Tram), ("n3", TransitStopKind.Bus), ("n3", TransitStopKind.Tram),
             ("n4", TransitStopKind.Subway), ("n5", TransitStopKind.Train)],
            extract.TransitStops.Select(s => (s.StopId, s.Kind)));
        Assert.Equal("Kauppatori", extract.TransitStops[0].Name);
        Assert.Empty(extract.Pois);
    }

    [Fact]
    public void AStoredStop_IsReadBackFromItsPointOfInterestRow()
    {
        var stop = new MapTransitStop("n7", 60, 25, TransitStopKind.Tram, "Senaatintori");
        var poi = stop.ToPoi();
        Assert.Equal("n7:tram", poi.PoiId);
        Assert.Equal(["public_transport", "tram"], poi.CategoryHierarchy);
        Assert.Equal(stop, MapTransitStop.FromPoi(poi));
        Assert.Null(MapTransitStop.FromPoi(new MapPoi("n8", 60, 25, "Cafe", ["amenity", "food", "cafe"])));
    }

    [Fact]
    public void RoadGeometry_SurvivesEncoding()
    {
        var road = new MapRoad(5, "primary", new SpeedLimit(50, SpeedLimitSource.Tagged), Oneway.No, null, [7, 3, 9_000_000_000],
            [60.1234567, 60.1234, -33.5], [24.9876543, 24.98, 151.25]);
        var (ids, lats, lons) = RoadGeometryCodec.Decode(RoadGeometryCodec.Encode(road));
        Assert.Equal(road.NodeIds, ids);
        Assert.Equal(road.Latitudes, lats);
        Assert.Equal(road.Longitudes, lons);
    }
}
