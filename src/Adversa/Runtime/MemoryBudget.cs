using System.Globalization;

namespace Adversa.Runtime;

/// <summary>Refuses a size the user chose when holding it would take more memory than this machine can spare, before allocating.</summary>
public static class MemoryBudget
{
    /// <summary>Half of the memory the runtime sees: room for the rest of the process and its temporaries.</summary>
    public static long Bytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>Throws, naming <paramref name="setting"/> and the count, when <paramref name="count"/> items of <paramref name="bytesEach"/> exceed <see cref="Bytes"/>.</summary>
    public static void Check(long count, long bytesEach, string setting)
    {
        var needed = (double)count * bytesEach;
        if (needed > Bytes)
            throw new InvalidInputException(setting, count.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"would take {needed / (1L << 30):F1} GiB of memory at once, beyond the {Bytes / (double)(1L << 30):F1} GiB this machine can spare"));
    }
}
