using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Adversa.Runtime;

/// <summary>
/// Settings libtorch's native code reads from the process environment once, when it loads; applied
/// when the Adversa assembly loads, before any TorchSharp call.
/// </summary>
/// <remarks>
/// libtorch 2.10's oneDNN convolutions return sporadic NaN on this project's machines (2-core AMD EPYC
/// with AVX-512, in a VM): NaN input gradients in 9 to 27 of 150 runs of a 3-to-8-channel 3x3
/// convolution on two threads with the AVX-512 kernels, and a WGAN-GP critic step that stayed NaN in 11
/// attempts out of 11. With the AVX2 kernels the faults are rare (0 to 5 in 1,200 steps of a small
/// WGAN-GP, also on one thread) and with SSE4.1 none were seen, but SSE4.1 halves the demonstration's
/// speed. Capping at AVX2 costs about 30% on the seed-000 DCGAN step (adversa bench) against AVX-512;
/// turning oneDNN off instead cost 2x to 4x. The faults left under the cap are transient and show as NaN
/// or infinity: the trainer recomputes such a step from the same inputs, random state and buffers, and
/// four runs with 1 to 5 recomputed steps were bit-identical. Once in 13 test-suite runs a resumed run
/// still drifted past 1e-4, so a fault may occasionally leave finite garbage, which nothing can detect;
/// the tests therefore run on SSE4.1. A user who sets ONEDNN_MAX_CPU_ISA (or DNNL_MAX_CPU_ISA) keeps
/// their choice.
/// </remarks>
public static class NativeRuntimeSettings
{
    /// <summary>The variable oneDNN reads.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The ISA cap applied when the user has not chosen one.</summary>
    public const string SafeIsa = "AVX2";

    /// <summary>The ISA cap in force for this process's oneDNN, or null for oneDNN's own choice.</summary>
    public static string? EffectiveIsa => Environment.GetEnvironmentVariable(IsaVariable) ?? Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA");

#pragma warning disable CA2255 // A module initializer is the one place that runs before any TorchSharp call from any entry point (CLI, tests, user code).
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (EffectiveIsa is null)
            SetIsa(SafeIsa);
    }

    /// <summary>Caps oneDNN at <paramref name="isa"/> (e.g. SSE41, AVX2); only effective before the first TorchSharp call of the process. Child processes inherit it.</summary>
    public static void CapOneDnnIsa(string isa) => SetIsa(isa);

    private static void SetIsa(string isa)
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
