using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itinera.Storage.Resources;

/// <summary>How derived resources are serialised in the <c>body</c> columns: the core records as JSON.</summary>
internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");
}
