using System.Globalization;
using System.Text;
using System.Xml;

namespace Itinera.Core.Simulation;

/// <summary>
/// Writes a <see cref="SyntheticCity"/> as an OSM XML 0.6 document: untagged road and rail nodes, tagged POI and
/// stop nodes, ways (<c>highway=*</c> with <c>maxspeed</c>, <c>name</c> and <c>oneway</c>; <c>railway=rail|tram|subway</c>)
/// and one <c>type=route</c> relation per transit line. Elements are written nodes, ways, relations, each by
/// ascending positive id, with coordinates to seven decimals, so the output is byte-identical for a seed.
/// </summary>
public static class OsmXmlWriter
{
    /// <summary>The value of the root element's <c>generator</c> attribute.</summary>
    public const string Generator = "itinera-simulator";

    /// <summary>Writes the document to a stream as UTF-8 without a byte-order mark; the stream is left open.</summary>
    public static void Write(SyntheticCity city, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        Write(city, writer);
    }

    /// <summary>Writes the document to a text writer (its encoding is declared in the XML declaration); the writer is flushed, not closed.</summary>
    public static void Write(SyntheticCity city, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(writer);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", CloseOutput = false };
        using (var xml = XmlWriter.Create(writer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("osm");
            xml.WriteAttributeString("version", "0.6");
            xml.WriteAttributeString("generator", Generator);
            WriteBounds(xml, city);
            foreach (var node in city.Nodes)
            {
                WriteNode(xml, node.Id, node.Latitude, node.Longitude, []);
            }

            foreach (var poi in city.PointsOfInterest)
            {
                WriteNode(xml, poi.Id, poi.Latitude, poi.Longitude, poi.Tags);
            }

            foreach (var line in city.Lines)
            {
                foreach (var stop in line.Stops)
                {
                    WriteNode(xml, stop.Id, stop.Latitude, stop.Longitude, StopTags(line.Kind, stop.Name));
                }
            }

            foreach (var way in city.Ways)
            {
                WriteWay(xml, way);
            }

            foreach (var line in city.Lines)
            {
                WriteRelation(xml, line);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        writer.Write('\n');
        writer.Flush();
    }

    private static void WriteBounds(XmlWriter xml, SyntheticCity city)
    {
        var latitudes = city.Nodes.Select(n => n.Latitude).Concat(city.PointsOfInterest.Select(p => p.Latitude)).ToList();
        var longitudes = city.Nodes.Select(n => n.Longitude).Concat(city.PointsOfInterest.Select(p => p.Longitude)).ToList();
        xml.WriteStartElement("bounds");
        xml.WriteAttributeString("minlat", Coordinate(latitudes.Min() - 0.001));
        xml.WriteAttributeString("minlon", Coordinate(longitudes.Min() - 0.001));
        xml.WriteAttributeString("maxlat", Coordinate(latitudes.Max() + 0.001));
        xml.WriteAttributeString("maxlon", Coordinate(longitudes.Max() + 0.001));
        xml.WriteEndElement();
    }

    private static void WriteNode(XmlWriter xml, long id, double latitude, double longitude, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        xml.WriteStartElement("node");
        xml.WriteAttributeString("id", Id(id));
        xml.WriteAttributeString("version", "1");
        xml.WriteAttributeString("lat", Coordinate(latitude));
        xml.WriteAttributeString("lon", Coordinate(longitude));
        foreach (var (key, value) in tags)
        {
            WriteTag(xml, key, value);
        }

        xml.WriteEndElement();
    }

    private static void WriteWay(XmlWriter xml, CityWay way)
    {
        xml.WriteStartElement("way");
        xml.WriteAttributeString("id", Id(way.Id));
        xml.WriteAttributeString("version", "1");
        foreach (var nodeId in way.NodeIds)
        {
            xml.WriteStartElement("nd");
            xml.WriteAttributeString("ref", Id(nodeId));
            xml.WriteEndElement();
        }

        var maxSpeed = way.MaxSpeedKmh.ToString(CultureInfo.InvariantCulture);
        switch (way.Kind)
        {
            case WayKind.Road:
                WriteTag(xml, "highway", way.RoadClass!.Value.ToOsmValue());
                if (way.RoadClass == RoadClass.Motorway)
                {
                    WriteTag(xml, "ref", way.Name);
                }
                else if (way.Name.Length > 0)
                {
                    // Unnamed map roads stay unnamed (generated roads always have a name).
                    WriteTag(xml, "name", way.Name);
                }

                WriteTag(xml, "maxspeed", maxSpeed);
                if (way.Oneway)
                {
                    WriteTag(xml, "oneway", "yes");
                }

                break;
            case WayKind.Rail:
                WriteTag(xml, "railway", "rail");
                WriteTag(xml, "usage", "main");
                WriteTag(xml, "name", way.Name);
                WriteTag(xml, "maxspeed", maxSpeed);
                break;
            case WayKind.Tram:
                WriteTag(xml, "railway", "tram");
                WriteTag(xml, "name", way.Name);
                WriteTag(xml, "maxspeed", maxSpeed);
                break;
            case WayKind.Subway:
                WriteTag(xml, "railway", "subway");
                WriteTag(xml, "tunnel", "yes");
                WriteTag(xml, "layer", "-1");
                WriteTag(xml, "name", way.Name);
                WriteTag(xml, "maxspeed", maxSpeed);
                break;
            default:
                throw new InvalidOperationException($"Unknown way kind {way.Kind}.");
        }

        xml.WriteEndElement();
    }

    private static void WriteRelation(XmlWriter xml, TransitLine line)
    {
        xml.WriteStartElement("relation");
        xml.WriteAttributeString("id", Id(line.RelationId));
        xml.WriteAttributeString("version", "1");
        foreach (var stop in line.Stops)
        {
            WriteMember(xml, "node", stop.Id, "stop");
        }

        foreach (var wayId in line.WayIds)
        {
            WriteMember(xml, "way", wayId, string.Empty);
        }

        WriteTag(xml, "type", "route");
        WriteTag(xml, "route", line.Kind.ToOsmRoute());
        WriteTag(xml, "ref", line.Ref);
        WriteTag(xml, "name", line.Name);
        xml.WriteEndElement();
    }

    private static void WriteMember(XmlWriter xml, string type, long id, string role)
    {
        xml.WriteStartElement("member");
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("ref", Id(id));
        xml.WriteAttributeString("role", role);
        xml.WriteEndElement();
    }

    private static void WriteTag(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("tag");
        xml.WriteAttributeString("k", key);
        xml.WriteAttributeString("v", value);
        xml.WriteEndElement();
    }

    private static KeyValuePair<string, string>[] StopTags(TransitKind kind, string name) => kind switch
    {
        TransitKind.Bus => [new("highway", "bus_stop"), new("public_transport", "platform"), new("bus", "yes"), new("name", name)],
        TransitKind.Tram => [new("railway", "tram_stop"), new("public_transport", "stop_position"), new("tram", "yes"), new("name", name)],
        TransitKind.Subway => [new("railway", "station"), new("station", "subway"), new("public_transport", "station"), new("subway", "yes"), new("name", name)],
        _ => [new("railway", "station"), new("public_transport", "station"), new("train", "yes"), new("name", name)],
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Coordinate(double degrees) => degrees.ToString("F7", CultureInfo.InvariantCulture);
}
