using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Adversa.Runtime;

/// <summary>Applies <c>key=value</c> settings and configuration files to a configuration record (a GAN's or a map's), by its snake_case keys.</summary>
public static class ConfigOverrides
{
    private static class Keys<TConfig>
    {
        public static readonly Dictionary<string, PropertyInfo> PropertiesByKey =
            typeof(TConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));

        // Records' compiler-generated copy method: the same copy `with { }` makes.
        public static readonly MethodInfo Clone = typeof(TConfig).GetMethod("<Clone>$")
            ?? throw new InvalidOperationException($"{typeof(TConfig).Name} is not a record");
    }

    /// <summary>The keys a configuration of type <typeparamref name="TConfig"/> accepts.</summary>
    public static IEnumerable<string> KeysOf<TConfig>() => Keys<TConfig>.PropertiesByKey.Keys.Order();

    /// <summary>Applies one <c>key=value</c> text.</summary>
    public static TConfig ApplyAssignment<TConfig>(TConfig config, string assignment) where TConfig : class
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new InvalidInputException("set", assignment, "expected key=value");
        return Apply(config, assignment[..equals].Trim(), assignment[(equals + 1)..].Trim());
    }

    /// <summary>Sets <paramref name="key"/> from its text form; errors name the key.</summary>
    public static TConfig Apply<TConfig>(TConfig config, string key, string value) where TConfig : class
    {
        if (!Keys<TConfig>.PropertiesByKey.TryGetValue(key, out var property))
            throw new InvalidInputException(key, null, $"unknown key (valid keys: {string.Join(", ", KeysOf<TConfig>())})");
        object parsed = property.PropertyType switch
        {
            var t when t == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw BadValue(key, value, "an integer"),
            var t when t == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : throw BadValue(key, value, "an integer"),
            var t when t == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : throw BadValue(key, value, "a number"),
            var t when t == typeof(bool) => bool.TryParse(value, out var b) ? b : throw BadValue(key, value, "true or false"),
            var t when t.IsEnum => ConfigEnum.Parse(t, value, key),
            _ => value,
        };
        var copy = (TConfig)Keys<TConfig>.Clone.Invoke(config, null)!;
        property.SetValue(copy, parsed);
        return copy;
    }

    /// <summary>Applies every key of a JSON object file (a configuration file), in file order; errors name the file.</summary>
    public static TConfig ApplyFile<TConfig>(TConfig config, string path) where TConfig : class
    {
        if (!File.Exists(path))
            throw new InvalidInputException("config", path, "file not found");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException error)
        {
            throw new InvalidInputException($"{path}: not valid JSON ({error.Message})", error);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException($"{path}: expected a JSON object of key: value pairs");
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var text = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
                try
                {
                    config = Apply(config, entry.Name, text);
                }
                catch (InvalidInputException error)
                {
                    throw new InvalidInputException($"{path}: {error.Message}", error);
                }
            }
        }
        return config;
    }

    private static InvalidInputException BadValue(string key, string value, string expected) => new(key, value, $"must be {expected}");
}
