using System.Globalization;

using Adversa.Training.Sweeps;

namespace Adversa.Cli;

/// <summary>
/// Workers on a cluster: the same <c>adversa sweep worker</c> command as on one machine, started by the scheduler.
/// Every worker needs the study's folder (a shared file system) and a store all of them reach (PostgreSQL for
/// Kubernetes; the folder's SQLite file is fine on a file system with working locks, such as one Slurm node's).
/// </summary>
public static class SweepCluster
{
    /// <summary>An <c>sbatch --array</c> script whose <paramref name="workers"/> tasks are workers (at most <paramref name="concurrent"/> at once).</summary>
    public static string SlurmScript(SweepFolder folder, string store, string command, int workers, int concurrent, int cpusPerWorker)
    {
        var root = Path.GetFullPath(folder.Root);
        return string.Create(CultureInfo.InvariantCulture, $"""
            #!/bin/bash
            # Adversa sweep {folder.Name}: each array task is a worker that claims and trains trials until the study is done.
            #SBATCH --job-name=adversa-{folder.Name}
            #SBATCH --array=0-{workers - 1}%{concurrent}
            #SBATCH --cpus-per-task={cpusPerWorker}
            #SBATCH --output={root}/slurm-%A_%a.out
            set -euo pipefail
            exec {command} sweep worker --study '{root}' --store '{store}' --threads {cpusPerWorker}

            """);
    }

    /// <summary>A Kubernetes Indexed Job whose <paramref name="workers"/> pods are workers, the study folder mounted from <paramref name="claim"/> (a PersistentVolumeClaim).</summary>
    public static string KubernetesJob(SweepFolder folder, string store, string image, string claim, int workers, int cpusPerWorker) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            # Adversa sweep {folder.Name}: each pod is a worker that claims and trains trials until the study is done.
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: adversa-sweep-{folder.Name.ToLowerInvariant()}
            spec:
              completionMode: Indexed
              completions: {workers}
              parallelism: {workers}
              backoffLimit: {workers * 2}
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: worker
                      image: {image}
                      command: ["adversa", "sweep", "worker", "--study", "/study", "--store", "{store}", "--threads", "{cpusPerWorker}"]
                      resources:
                        requests:
                          cpu: "{cpusPerWorker}"
                      volumeMounts:
                        - name: study
                          mountPath: /study
                  volumes:
                    - name: study
                      persistentVolumeClaim:
                        claimName: {claim}

            """);
}
