namespace Adversa.Tests;

/// <summary>
/// A test that submits jobs to a real Slurm cluster on this machine: skipped, with the reason, unless
/// <c>ADVERSA_TEST_SLURM</c> is set (.ci/run installs slurm-wlm and munge, starts a one-node cluster and sets it).
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ADVERSA_TEST_SLURM")))
            Skip = "ADVERSA_TEST_SLURM is not set (.ci/run starts a one-node Slurm cluster and sets it)";
    }
}
