using System.Globalization;
using System.Xml;
using Itinera.Core.Simulation;

namespace Itinera.Core.Tests.Simulation;

public sealed class OsmXmlWriterTests
{
    private static readonly SyntheticCity City = SyntheticCity.Generate(7);

    [Fact]
    public void The_document_is_well_formed_osm_0_6_from_the_simulator()
    {
        var document = Parse(Write(City));

        Assert.Equal("osm", document.Root);
        Assert.Equal("0.6", document.RootAttributes["version"]);
        Assert.Equal("itinera-simulator", document.RootAttributes["generator"]);
        Assert.True(document.HasBounds);
        Assert.Equal(City.Nodes.Count + City.PointsOfInterest.Count + City.Lines.Sum(l => l.Stops.Count), document.NodeIds.Count);
        Assert.Equal(City.Ways.Count, document.Ways.Count);
        Assert.Equal(City.Lines.Count, document.RelationCount);
    }

    [Fact]
    public void Every_way_and_relation_references_existing_elements_and_ids_are_positive()
    {
        var document = Parse(Write(City));

        Assert.All(document.NodeIds, id => Assert.True(id > 0));
        Assert.All(document.Ways, way =>
        {
            Assert.True(way.Refs.Count >= 2, $"Way {way.Id} has {way.Refs.Count} nodes.");
            Assert.All(way.Refs, nodeRef => Assert.Contains(nodeRef, document.NodeIds));
        });
        var wayIds = document.Ways.Select(w => w.Id).ToHashSet();
        Assert.All(document.Members, member => Assert.Contains(member.Ref, member.Type == "way" ? wayIds : document.NodeIds));
    }

    [Fact]
    public void Ways_carry_osm_tags()
    {
        var document = Parse(Write(City));

        var highways = document.Ways.Where(w => w.Tags.ContainsKey("highway")).ToList();
        Assert.All(highways, way => Assert.True(int.TryParse(way.Tags["maxspeed"], NumberStyles.None, CultureInfo.InvariantCulture, out _)));
        Assert.Equal(
            ["motorway", "primary", "residential", "secondary", "service", "tertiary"],
            highways.Select(w => w.Tags["highway"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(highways, w => w.Tags.GetValueOrDefault("oneway") == "yes");
        Assert.All(highways.Where(w => w.Tags["highway"] != "motorway"), way => Assert.True(way.Tags.ContainsKey("name")));
        Assert.Equal(
            ["rail", "subway", "tram"],
            document.Ways.Where(w => w.Tags.ContainsKey("railway")).Select(w => w.Tags["railway"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("amenity=restaurant", document.NodeTags);
        Assert.Contains("shop=supermarket", document.NodeTags);
        Assert.Contains("leisure=fitness_centre", document.NodeTags);
        Assert.Contains("tourism=museum", document.NodeTags);
        Assert.Contains("office=company", document.NodeTags);
        Assert.Contains("highway=bus_stop", document.NodeTags);
        Assert.Contains("railway=station", document.NodeTags);
    }

    [Fact]
    public void The_output_is_byte_identical_for_a_seed_and_differs_between_seeds()
    {
        var first = Write(SyntheticCity.Generate(7));
        var second = Write(City);
        var other = Write(SyntheticCity.Generate(8));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_text_writer_overload_writes_the_same_document()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        OsmXmlWriter.Write(City, text);

        // A StringWriter is UTF-16, which the declaration states; the content is the same as the UTF-8 stream's.
        var xml = text.ToString();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>", xml, StringComparison.Ordinal);
        var utf8 = System.Text.Encoding.UTF8.GetString(Write(City));
        Assert.Equal(utf8[utf8.IndexOf("<osm", StringComparison.Ordinal)..], xml[xml.IndexOf("<osm", StringComparison.Ordinal)..]);
    }

    private static byte[] Write(SyntheticCity city)
    {
        using var stream = new MemoryStream();
        OsmXmlWriter.Write(city, stream);
        return stream.ToArray();
    }

    private static OsmDocument Parse(byte[] bytes)
    {
        var document = new OsmDocument();
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        OsmWay? way = null;
        var inNode = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.Name == "way")
                {
                    way = null;
                }
                else if (reader.Name == "node")
                {
                    inNode = false;
                }

                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            long Long(string name) => long.Parse(reader.GetAttribute(name)!, CultureInfo.InvariantCulture);
            switch (reader.Name)
            {
                case "osm":
                    document.Root = "osm";
                    document.RootAttributes["version"] = reader.GetAttribute("version")!;
                    document.RootAttributes["generator"] = reader.GetAttribute("generator")!;
                    break;
                case "bounds":
                    document.HasBounds = true;
                    break;
                case "node":
                    Assert.True(document.NodeIds.Add(Long("id")), "Duplicate node id.");
                    _ = double.Parse(reader.GetAttribute("lat")!, CultureInfo.InvariantCulture);
                    _ = double.Parse(reader.GetAttribute("lon")!, CultureInfo.InvariantCulture);
                    inNode = !reader.IsEmptyElement;
                    break;
                case "way":
                    way = new OsmWay(Long("id"));
                    document.Ways.Add(way);
                    break;
                case "nd":
                    way!.Refs.Add(Long("ref"));
                    break;
                case "tag":
                    var (key, value) = (reader.GetAttribute("k")!, reader.GetAttribute("v")!);
                    if (way is not null)
                    {
                        way.Tags[key] = value;
                    }
                    else if (inNode)
                    {
                        document.NodeTags.Add($"{key}={value}");
                    }

                    break;
                case "relation":
                    document.RelationCount++;
                    break;
                case "member":
                    document.Members.Add((reader.GetAttribute("type")!, Long("ref")));
                    break;
            }
        }

        return document;
    }

    private sealed class OsmDocument
    {
        public string? Root { get; set; }

        public Dictionary<string, string> RootAttributes { get; } = [];

        public bool HasBounds { get; set; }

        public HashSet<long> NodeIds { get; } = [];

        public HashSet<string> NodeTags { get; } = [];

        public List<OsmWay> Ways { get; } = [];

        public int RelationCount { get; set; }

        public List<(string Type, long Ref)> Members { get; } = [];
    }

    private sealed record OsmWay(long Id)
    {
        public List<long> Refs { get; } = [];

        public Dictionary<string, string> Tags { get; } = [];
    }
}
