using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Adversa.Runtime;

/// <summary>
/// Settings of the native code under libtorch, applied when the Adversa assembly loads, before any TorchSharp call:
/// glibc's allocator is told to keep freed memory for reuse, and oneDNN's ISA is left to oneDNN (AVX-512, bfloat16,
/// AMX where present) unless the user caps it.
/// </summary>
/// <remarks>
/// Until November 2026 Adversa capped oneDNN at AVX2 for everyone, after sporadic NaN on an AMD EPYC. Checked against
/// float64 (`adversa bench --part faults`), the faults were not sporadic but systematic: oneDNN 3.7.1's direct
/// convolution kernels compute wrong values whenever a channel count ends in a partial SIMD block (AVX2 as well as
/// AVX-512; only SSE4.1 was right), and the AVX2 cap had been training every DCGAN critic with a wrong input gradient
/// through its one-channel scoring layer. Models.Convolutions pads such counts; with that, every convolution of the
/// built-in networks is right and repeatable under every ISA level checked, so the cap costs speed and buys nothing.
/// A user who sets ONEDNN_MAX_CPU_ISA (or DNNL_MAX_CPU_ISA) keeps their choice; the trainer still recomputes a step
/// whose values are not finite.
/// </remarks>
public static class NativeRuntimeSettings
{
    /// <summary>The variable oneDNN reads.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

#pragma warning disable CA2255 // A module initializer is the one place that runs before any TorchSharp call from any entry point (CLI, tests, user code).
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        // libtorch's CPU tensors come from malloc, and a training step frees and takes back megabytes every few
        // milliseconds. glibc serves such sizes from fresh pages (mmap) or trims its heap as they are freed, so every
        // step faults its memory in again: measured here (a 2-core VM), a 1 MB tensor took 1 ms instead of 0.05 and a
        // convolution's backward pass 13 ms instead of 2. Keeping freed memory for reuse makes the process as large as
        // its largest step, and no larger.
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            // mallopt answers 0 when it refuses a value; glibc's allocator then keeps its defaults, which is only slower.
            mallopt(MmapThreshold, FreshPagesThreshold);
            mallopt(TrimThreshold, int.MaxValue);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): its allocator keeps its own policy.
        }
    }

    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    // Allocations of at least this many bytes glibc serves from fresh memory pages (its largest setting).
    private const int FreshPagesThreshold = 32 << 20;

    [DllImport("libc")]
    private static extern int mallopt(int parameter, int value);

    /// <summary>The ISA cap in force for this process's oneDNN, or null for oneDNN's own choice.</summary>
    public static string? EffectiveIsa => Environment.GetEnvironmentVariable(IsaVariable) ?? Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA");

    /// <summary>Caps oneDNN at <paramref name="isa"/> (e.g. SSE41, AVX2, ALL); only effective before the first TorchSharp call of the process. Child processes inherit it.</summary>
    public static void CapOneDnnIsa(string isa)
    {
        if (!OperatingSystem.IsLinux())
            return;
        // .NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix; libc's setenv does.
        // The managed copy is updated too, so that child processes started from .NET inherit the value.
        if (setenv(IsaVariable, isa, 1) == 0)
            Environment.SetEnvironmentVariable(IsaVariable, isa);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
