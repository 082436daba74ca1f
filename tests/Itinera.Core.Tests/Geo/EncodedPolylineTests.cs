using System.Text.Json;
using Itinera.Core.Geo;

namespace Itinera.Core.Tests.Geo;

public sealed class EncodedPolylineTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, PolylineVector>> Vectors = new(ReadVectors);

    public static TheoryData<string> VectorNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in Vectors.Value.Keys.Order(StringComparer.Ordinal))
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public void The_vector_file_has_all_the_expected_cases()
    {
        Assert.Equal(11, Vectors.Value.Count);
        Assert.Contains("google_official_example", Vectors.Value.Keys);
        Assert.Contains("identity_backslashes", Vectors.Value.Keys);
        Assert.Contains("empty", Vectors.Value.Keys);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Encodes_every_vector_with_points(string name)
    {
        var vector = Vectors.Value[name];
        if (vector.Points is null)
        {
            // Decode-then-encode identity vectors carry no points.
            Assert.Equal(vector.Encoded, EncodedPolyline.Encode(EncodedPolyline.Decode(vector.Encoded, vector.Precision), vector.Precision));
            return;
        }

        Assert.Equal(vector.Encoded, EncodedPolyline.Encode(vector.Points, vector.Precision));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Decodes_every_vector(string name)
    {
        var vector = Vectors.Value[name];
        var decoded = EncodedPolyline.Decode(vector.Encoded, vector.Precision);

        // Re-encoding what was decoded must give the string back, whatever the vector.
        Assert.Equal(vector.Encoded, EncodedPolyline.Encode(decoded, vector.Precision));
        if (vector.Points is null)
        {
            Assert.NotEmpty(decoded);
            return;
        }

        Assert.Equal(vector.Points.Count, decoded.Count);
        var factor = Math.Pow(10, vector.Precision);
        for (var i = 0; i < decoded.Count; i++)
        {
            var (latitude, longitude) = vector.Points[i];
            var (decodedLatitude, decodedLongitude) = decoded[i];

            // Points representable at the precision come back exactly; others (encode-only vectors) come back rounded.
            Assert.Equal(Math.Round(latitude * factor, MidpointRounding.AwayFromZero) / factor, decodedLatitude);
            Assert.Equal(Math.Round(longitude * factor, MidpointRounding.AwayFromZero) / factor, decodedLongitude);
            Assert.True(Math.Abs(latitude - decodedLatitude) <= 0.5 / factor + 1e-12, $"{name} point {i} latitude");
            Assert.True(Math.Abs(longitude - decodedLongitude) <= 0.5 / factor + 1e-12, $"{name} point {i} longitude");
        }
    }

    [Fact]
    public void The_backslash_vector_contains_two_backslashes()
    {
        var encoded = Vectors.Value["identity_backslashes"].Encoded;
        Assert.Equal(2, encoded.Count(c => c == '\\'));
        Assert.Equal("_chxEn`zvN\\\\]]", encoded);
    }

    [Fact]
    public void Rounds_half_away_from_zero_not_to_even()
    {
        // Banker's rounding would give (2, -2) = "CB"; Google rounds 2.5 → 3 and -2.5 → -3.
        Assert.Equal("ED", EncodedPolyline.Encode([(2.5, -2.5)], precision: 0));
        Assert.Equal([(3.0, -3.0)], EncodedPolyline.Decode("ED", precision: 0));
        Assert.Equal("A@", EncodedPolyline.Encode([(0.5, -0.5)], precision: 0));
    }

    [Fact]
    public void Deltas_are_taken_between_rounded_values()
    {
        // 0.000006 → 1 unit, then 0.000002 → 0 units: the delta is -1 (not round(-0.4) = 0).
        Assert.Equal("?A?@", EncodedPolyline.Encode([(0, 0.000006), (0, 0.000002)]));
    }

    [Fact]
    public void Round_trips_random_tracks_at_precision_5_and_6()
    {
        var random = new Random(5);
        foreach (var precision in new[] { 5, 6 })
        {
            var factor = Math.Pow(10, precision);
            var points = new List<(double Lat, double Lon)>();
            for (var i = 0; i < 5_000; i++)
            {
                points.Add((random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180));
            }

            var decoded = EncodedPolyline.Decode(EncodedPolyline.Encode(points, precision), precision);
            Assert.Equal(points.Count, decoded.Count);
            for (var i = 0; i < points.Count; i++)
            {
                Assert.True(Math.Abs(points[i].Lat - decoded[i].Lat) <= 0.5 / factor + 1e-12);
                Assert.True(Math.Abs(points[i].Lon - decoded[i].Lon) <= 0.5 / factor + 1e-12);
            }
        }
    }

    [Theory]
    [InlineData("!")]
    [InlineData("_")]
    [InlineData("?")]
    [InlineData("??_")]
    [InlineData("?\u007f")]
    [InlineData("____________________?")]
    public void Malformed_strings_are_rejected(string encoded) =>
        Assert.Throws<FormatException>(() => EncodedPolyline.Decode(encoded));

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EncodedPolyline.Encode([(1.0, 2.0)], precision: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EncodedPolyline.Decode("??", precision: 11));
        Assert.Throws<ArgumentException>(() => EncodedPolyline.Encode([(double.NaN, 2.0)]));
        Assert.Throws<ArgumentException>(() => EncodedPolyline.Encode([(1.0, double.PositiveInfinity)]));
        Assert.Throws<ArgumentNullException>(() => EncodedPolyline.Decode(null!));
    }

    private static Dictionary<string, PolylineVector> ReadVectors()
    {
        using var stream = File.OpenRead(SharedDataFolder.Path("formats", "polyline_vectors.json"));
        using var document = JsonDocument.Parse(stream);
        var vectors = new Dictionary<string, PolylineVector>(StringComparer.Ordinal);
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var pointsElement = vector.GetProperty("points");
            List<(double Lat, double Lon)>? points = null;
            if (pointsElement.ValueKind == JsonValueKind.Array)
            {
                points = [];
                foreach (var point in pointsElement.EnumerateArray())
                {
                    points.Add((point[0].GetDouble(), point[1].GetDouble()));
                }
            }

            var name = vector.GetProperty("name").GetString()!;
            vectors.Add(name, new PolylineVector(
                vector.GetProperty("precision").GetInt32(),
                points,
                vector.GetProperty("encoded").GetString()!));
        }

        return vectors;
    }

    private sealed record PolylineVector(int Precision, IReadOnlyList<(double Lat, double Lon)>? Points, string Encoded);
}
