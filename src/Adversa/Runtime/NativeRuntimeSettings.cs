using System.Runtime.InteropServices;

namespace Adversa.Runtime;

/// <summary>
/// Settings libtorch's native code reads from the process environment once, when it loads: oneDNN's ISA cap.
/// Adversa sets none: oneDNN picks its fastest kernels for the processor (AVX-512, bfloat16, AMX where present).
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
