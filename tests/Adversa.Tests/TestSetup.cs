using System.Runtime.CompilerServices;
using Adversa.Runtime;

namespace Adversa.Tests;

internal static class TestSetup
{
    /// <summary>
    /// The tests check Adversa's behaviour, so they run libtorch's oneDNN on its SSE4.1 kernels, where no
    /// fault was ever seen on our machines. Under the production AVX2 cap, rare faults appear as NaN and
    /// the trainer recomputes the step (FaultRecoveryTests checks that logic with injected faults), but
    /// a fault that leaves finite garbage cannot be detected, and one in a reproducibility test's few
    /// hundred steps would make it flaky. Must run before the first TorchSharp call; test-spawned
    /// adversa processes inherit it.
    /// </summary>
#pragma warning disable CA2255 // Runs before any test touches TorchSharp.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseFaultFreeKernels() => NativeRuntimeSettings.CapOneDnnIsa("SSE41");
}
