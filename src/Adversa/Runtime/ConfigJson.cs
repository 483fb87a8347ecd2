using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adversa.Runtime;

/// <summary>The JSON form of configuration records (config.json, checkpoints, saved maps, configuration files): indented, snake_case keys, enums by their <see cref="ConfigEnum"/> names, unknown keys refused.</summary>
internal static class ConfigJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new ConfigEnum.JsonConverterFactory() },
    };

    /// <summary>Serialises a configuration.</summary>
    public static string Serialize<TConfig>(TConfig config) => JsonSerializer.Serialize(config, Options);

    /// <summary>Parses a configuration written by <see cref="Serialize"/>.</summary>
    public static TConfig Deserialize<TConfig>(string json) =>
        JsonSerializer.Deserialize<TConfig>(json, Options) ?? throw new JsonException("empty configuration");
}
