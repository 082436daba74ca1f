using System.Text.Json;
using System.Text.RegularExpressions;

namespace Itinera.Testing.Contract;

/// <summary>
/// Compares the shape of an actual JSON response with a reference example: the same keys at every
/// level, the same value kinds, the same <c>type</c> discriminators, and timestamps written with the
/// same precision and offset style. Values themselves may differ.
/// </summary>
public static partial class ShapeMatcher
{
    /// <summary>Every difference found, as readable JSON paths; empty when the shapes match.</summary>
    public static IReadOnlyList<string> Differences(JsonElement expected, JsonElement actual)
    {
        var problems = new List<string>();
        Compare(expected, actual, "$", problems);
        return problems;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> problems)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (actual.ValueKind == JsonValueKind.Null)
        {
            // Sub-objects may be absent (null) where the example shows one; scalars may not.
            if (expected.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}: null where the example has {expected.ValueKind}");
            }

            return;
        }

        if (Kind(expected) != Kind(actual))
        {
            problems.Add($"{path}: {actual.ValueKind} where the example has {expected.ValueKind}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                CompareObjects(expected, actual, path, problems);
                break;
            case JsonValueKind.Array:
                CompareArrays(expected, actual, path, problems);
                break;
            case JsonValueKind.String:
                var e = expected.GetString()!;
                var a = actual.GetString()!;
                if (Timestamp().IsMatch(e) && Signature(e) != Signature(a))
                {
                    problems.Add($"{path}: timestamp '{a}' is not formatted like the example '{e}'");
                }

                break;
        }
    }

    private static void CompareObjects(JsonElement expected, JsonElement actual, string path, List<string> problems)
    {
        var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in expectedKeys.Except(actualKeys))
        {
            problems.Add($"{path}.{missing}: missing");
        }

        foreach (var extra in actualKeys.Except(expectedKeys))
        {
            problems.Add($"{path}.{extra}: not in the example");
        }

        if (expected.TryGetProperty("type", out var et) && actual.TryGetProperty("type", out var at)
            && et.ValueKind == JsonValueKind.String && et.GetString() != at.GetString())
        {
            problems.Add($"{path}.type: '{at.GetString()}' where the example has '{et.GetString()}'");
            return;
        }

        foreach (var key in expectedKeys.Intersect(actualKeys))
        {
            Compare(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}", problems);
        }
    }

    private static void CompareArrays(JsonElement expected, JsonElement actual, string path, List<string> problems)
    {
        var examples = expected.EnumerateArray().ToList();
        if (examples.Count == 0)
        {
            return;
        }

        var items = actual.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            problems.Add($"{path}: empty where the example has {examples.Count} item(s)");
            return;
        }

        // Items are matched to the example of the same type; every type the example shows must be present.
        var exampleTypes = examples.Select(TypeOf).Where(t => t is not null).Distinct().ToList();
        foreach (var type in exampleTypes)
        {
            if (!items.Any(i => TypeOf(i) == type))
            {
                problems.Add($"{path}: no item of type '{type}' although the example has one");
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var type = TypeOf(items[i]);
            var candidates = examples.Where(x => TypeOf(x) == type).ToList();
            if (candidates.Count == 0)
            {
                if (exampleTypes.Count > 0)
                {
                    // A type the example does not show (e.g. a further annotation kind) is checked elsewhere.
                    continue;
                }

                candidates = [examples[0]];
            }

            // Examples of one type differ in which members are null; the item must match one of them.
            var best = candidates
                .Select(example =>
                {
                    var found = new List<string>();
                    Compare(example, items[i], $"{path}[{i}]", found);
                    return found;
                })
                .MinBy(found => found.Count)!;
            problems.AddRange(best);
        }
    }

    private static string? TypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        var k => k.ToString(),
    };

    /// <summary>Digits become 'd', so 2019-03-22T08:37:45.000+01:00 and 2026-01-01T00:00:00.000-05:00 agree.</summary>
    private static string Signature(string s) => Digits().Replace(s, "d").Replace('-', '±').Replace('+', '±');

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();
}
