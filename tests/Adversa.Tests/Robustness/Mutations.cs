using System.Text;

namespace Adversa.Tests.Robustness;

/// <summary>Seeded random damage to a valid file, as a hostile user or a bad disk would do it.</summary>
public static class Mutations
{
    /// <summary>The kinds of damage.</summary>
    public static readonly string[] Kinds = ["truncate", "flip", "huge", "negative", "text"];

    /// <summary><paramref name="original"/> damaged by <paramref name="kind"/>, drawn from <paramref name="random"/>.</summary>
    public static byte[] Apply(byte[] original, string kind, Random random)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length == 0)
            return bytes;
        switch (kind)
        {
            case "truncate":
                return bytes[..random.Next(0, bytes.Length)];
            case "flip":
                for (var i = 0; i < 1 + random.Next(8); i++)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case "huge":
                // A size field set to its maximum, wherever it lands (headers sit near the start).
                var at = random.Next(Math.Min(bytes.Length, 64));
                for (var i = at; i < Math.Min(bytes.Length, at + 4); i++)
                    bytes[i] = 0xFF;
                return bytes;
            case "negative":
                bytes[random.Next(Math.Min(bytes.Length, 64))] = 0x80;
                return bytes;
            default:
                // Text formats: a field replaced by something a parser must refuse or survive.
                var text = Encoding.UTF8.GetString(bytes);
                var tokens = new[] { "NaN", "-1", "1e308", "", "x", "999999999999", ",,,", "\"", "{", "-0" };
                var position = random.Next(text.Length);
                var length = Math.Min(text.Length - position, random.Next(1, 6));
                return Encoding.UTF8.GetBytes(text[..position] + tokens[random.Next(tokens.Length)] + text[(position + length)..]);
        }
    }
}
