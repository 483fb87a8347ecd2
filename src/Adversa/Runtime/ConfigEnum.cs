using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adversa.Runtime;

/// <summary>
/// The names configuration files and <c>key=value</c> settings use for enum values: the member's snake_case name
/// (<c>NonSaturating</c> is <c>non_saturating</c>), or the name a <see cref="JsonStringEnumMemberNameAttribute"/>
/// gives it. Parsing an unknown name lists the valid ones.
/// </summary>
public static class ConfigEnum
{
    private static class Table<T> where T : struct, Enum
    {
        public static readonly (string Name, T Value)[] Entries = [.. typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Name), (T)f.GetValue(null)!))];
    }

    /// <summary>The configuration name of <paramref name="value"/>.</summary>
    public static string NameOf<T>(T value) where T : struct, Enum
    {
        foreach (var (name, candidate) in Table<T>.Entries)
            if (EqualityComparer<T>.Default.Equals(candidate, value))
                return name;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"not a member of {typeof(T).Name}");
    }

    /// <summary>Every configuration name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => [.. Table<T>.Entries.Select(e => e.Name)];

    /// <summary>The value named <paramref name="name"/>; an unknown name is an error naming <paramref name="key"/> and the valid names.</summary>
    public static T Parse<T>(string name, string key) where T : struct, Enum
    {
        foreach (var (candidate, value) in Table<T>.Entries)
            if (candidate == name)
                return value;
        throw new InvalidInputException(key, name, $"unknown value (expected one of: {string.Join(", ", Names<T>())})");
    }

    /// <summary>
    /// A [Flags] value written as a comma-separated list of names (<c>fid,kid</c>); none of them is an error
    /// naming <paramref name="key"/>, unless the enum names its empty value (<c>none</c>) and the text is that name.
    /// </summary>
    public static T ParseFlags<T>(string text, string key) where T : struct, Enum
    {
        if (EmptyName<T>() is { } empty && text.Trim() == empty)
            return default;
        ulong bits = 0;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Table<T>.Entries.Any(e => e.Name == name))
                throw new InvalidInputException(key, text, $"unknown value '{name}' (expected any of: {string.Join(", ", Names<T>())})");
            bits |= Convert.ToUInt64(Table<T>.Entries.First(e => e.Name == name).Value);
        }
        return bits != 0 ? (T)Enum.ToObject(typeof(T), bits) : throw new InvalidInputException(key, text, $"name at least one of: {string.Join(", ", Names<T>())}");
    }

    /// <summary>A [Flags] value as the comma-separated names of its single-bit members, in declaration order.</summary>
    public static string NameOfFlags<T>(T value) where T : struct, Enum
    {
        var bits = Convert.ToUInt64(value);
        if (bits == 0 && EmptyName<T>() is { } empty)
            return empty;
        return string.Join(',', Table<T>.Entries.Where(e => Convert.ToUInt64(e.Value) is var b && b != 0 && (b & (b - 1)) == 0 && (bits & b) == b).Select(e => e.Name));
    }

    // The name of a [Flags] enum's zero value, when it has one (none).
    private static string? EmptyName<T>() where T : struct, Enum =>
        Table<T>.Entries.Where(e => Convert.ToUInt64(e.Value) == 0).Select(e => e.Name).FirstOrDefault();

    /// <summary><see cref="Parse{T}"/> (or <see cref="ParseFlags{T}"/> for a [Flags] enum) for an enum type known only at run time.</summary>
    public static object Parse(Type enumType, string text, string key)
    {
        var name = enumType.IsDefined(typeof(FlagsAttribute)) ? nameof(ParseFlags) : nameof(Parse);
        return typeof(ConfigEnum).GetMethod(name, 1, [typeof(string), typeof(string)])!.MakeGenericMethod(enumType).InvokeUnwrapped(text, key);
    }

    private static object InvokeUnwrapped(this MethodInfo method, params object[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error.InnerException);
            throw;
        }
    }

    /// <summary>Reads and writes every enum by its configuration name.</summary>
    internal sealed class JsonConverterFactory : System.Text.Json.Serialization.JsonConverterFactory
    {
        /// <inheritdoc />
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        /// <inheritdoc />
        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance((typeToConvert.IsDefined(typeof(FlagsAttribute)) ? typeof(FlagsConverter<>) : typeof(Converter<>)).MakeGenericType(typeToConvert))!;

        private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
        {
            public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                if (reader.TokenType != JsonTokenType.String)
                    throw new JsonException($"expected one of: {string.Join(", ", Names<T>())}");
                var name = reader.GetString()!;
                foreach (var (candidate, value) in Table<T>.Entries)
                    if (candidate == name)
                        return value;
                throw new JsonException($"unknown value '{name}' (expected one of: {string.Join(", ", Names<T>())})");
            }

            public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));
        }

        private sealed class FlagsConverter<T> : JsonConverter<T> where T : struct, Enum
        {
            public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                if (reader.TokenType != JsonTokenType.String)
                    throw new JsonException($"expected a comma-separated list of: {string.Join(", ", Names<T>())}");
                try
                {
                    return ParseFlags<T>(reader.GetString()!, "value");
                }
                catch (InvalidInputException error)
                {
                    throw new JsonException(error.Problem);
                }
            }

            public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOfFlags(value));
        }
    }
}
