using System.CommandLine;
using System.Text.Json;
using Itinera.Storage;

namespace Itinera.Cli;

/// <summary>The options every command shares and the way commands print results.</summary>
internal static class CliContext
{
    public static readonly Option<string?> DatabaseOption = new("--db")
    {
        Description = "Database: sqlite:PATH or postgres:CONNECTION_STRING (default: $ITINERA_DB or sqlite:itinera.db).",
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print the result as JSON, for scripts.",
        Recursive = true,
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    public static string DatabaseSpecification(ParseResult result)
    {
        if (result.GetValue(DatabaseOption) is { Length: > 0 } fromOption)
        {
            return fromOption;
        }

        return Environment.GetEnvironmentVariable("ITINERA_DB") is { Length: > 0 } fromEnv ? fromEnv : Database.DefaultSpecification;
    }

    public static Database OpenDatabase(ParseResult result) => Database.Open(DatabaseSpecification(result));

    /// <summary>Prints <paramref name="value"/> as one JSON line with --json, else the human text.</summary>
    public static void Print(ParseResult result, object value, string human)
    {
        Console.Out.WriteLine(result.GetValue(JsonOption) ? JsonSerializer.Serialize(value, value.GetType(), Json) : human);
    }

    /// <summary>Reports a user error on stderr (as JSON with --json) and returns exit code 1.</summary>
    public static int Fail(ParseResult result, string message)
    {
        if (result.GetValue(JsonOption))
        {
            Console.Error.WriteLine(JsonSerializer.Serialize(new { error = message }, Json));
        }
        else
        {
            Console.Error.WriteLine("error: " + message);
        }

        return 1;
    }
}
