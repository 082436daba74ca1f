using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;


namespace Itinera.Testing.Contract;

/// <summary>One documented endpoint of the reference with its example responses by status.</summary>
public sealed record ReferenceEndpoint(string Method, string Path, IReadOnlyDictionary<int, IReadOnlyList<JsonElement>> Examples);

/// <summary>
/// Reads the endpoints and their example responses out of <c>shared/reference/sentiance-rest-api.txt</c>
/// itself, so the contract tests follow the document, not a copy of it.
/// </summary>
public static partial class ReferenceExamples
{
    private static readonly Lazy<IReadOnlyList<ReferenceEndpoint>> Parsed = new(Parse);

    public static IReadOnlyList<ReferenceEndpoint> All => Parsed.Value;

    public static ReferenceEndpoint Get(string method, string path) =>
        All.Single(e => e.Method == method && e.Path == path);

    private static List<ReferenceEndpoint> Parse()
    {
        var text = File.ReadAllText(SharedFiles.Find("reference/sentiance-rest-api.txt"));
        var endpoints = new List<ReferenceEndpoint>();
        foreach (Match block in SwaggerBlock().Matches(text))
        {
            var header = block.Groups["header"].Value;
            var path = Attribute(header, "path");
            var method = Attribute(header, "method").ToUpperInvariant();
            var examples = new Dictionary<int, IReadOnlyList<JsonElement>>();
            foreach (Match response in ResponseBlock().Matches(block.Groups["body"].Value))
            {
                var status = int.Parse(response.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture);
                examples[status] = ParseValues(response.Groups["json"].Value);
            }

            endpoints.Add(new ReferenceEndpoint(method, path, examples));
        }

        return endpoints;
    }

    private static string Attribute(string header, string name)
    {
        var m = Regex.Match(header, name + "=\"(?<v>[^\"]*)\"");
        return m.Success ? m.Groups["v"].Value : throw new InvalidDataException($"No {name} in '{header}'.");
    }

    /// <summary>Parses zero or more concatenated JSON values (the reference lists alternatives one after another).</summary>
    private static List<JsonElement> ParseValues(string json)
    {
        var values = new List<JsonElement>();
        var bytes = Encoding.UTF8.GetBytes(json.Trim());
        if (bytes.Length == 0)
        {
            return values;
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, AllowTrailingCommas = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            values.Add(document.RootElement.Clone());
        }

        return values;
    }

    [GeneratedRegex(@"\{% swagger (?<header>[^%]*?)%\}(?<body>.*?)\{% endswagger %\}", RegexOptions.Singleline)]
    private static partial Regex SwaggerBlock();

    [GeneratedRegex(@"\{% swagger-response status=""(?<status>\d+)[^""]*""[^%]*%\}(?<json>.*?)\{% endswagger-response %\}", RegexOptions.Singleline)]
    private static partial Regex ResponseBlock();
}
