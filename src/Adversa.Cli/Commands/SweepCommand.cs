using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Adversa.Runtime;
using Adversa.Training.Sweeps;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa sweep run|worker|status|report|slurm|kubernetes</c>: seed 000's hyperparameter search, on one machine
/// with nothing installed (an SQLite store in the study's folder) or across a cluster (PostgreSQL, Slurm, Kubernetes).
/// </summary>
public static class SweepCommand
{
    private static Option<string> StudyOption() => new("--study") { Description = "The study's folder (study.json, trials/, trials.db).", Required = true };
    private static Option<string?> StoreOption() => new("--store") { Description = "Trial store: postgresql://user:password@host:port/database, or an SQLite file (default: the folder's trials.db)." };
    private static Option<int> ThreadsOption() => new("--threads") { Description = "libtorch threads per worker (default: the cores shared among the workers)." };
    private static Option<double> LeaseOption() => new("--lease") { Description = "Seconds a worker holds a trial between renewals before another may take it over.", DefaultValueFactory = _ => 120 };

    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create(TextWriter output) => new("sweep", "Hyperparameter studies (seed 000's search): trials in a shared store, workers local or on a cluster.")
    {
        CreateRun(output), CreateWorker(output), CreateStatus(output), CreateReport(output), CreateSlurm(output), CreateKubernetes(output),
    };

    private static TrialStore StoreOf(SweepFolder folder, string? url) => TrialStore.Open(url ?? folder.DefaultStore, folder.Name);

    private static Command CreateRun(TextWriter output)
    {
        var preset = new Argument<string?>("preset") { Description = "The preset every trial starts from (omit to continue the study in --study).", Arity = ArgumentArity.ZeroOrOne };
        var study = StudyOption();
        var store = StoreOption();
        var parameters = new Option<string[]>("--param") { Description = "key=a,b,c or key=low..high[:log]; repeatable." };
        var settings = new Option<string[]>("--set") { Description = "key=value for every trial; repeatable." };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per trial.", DefaultValueFactory = _ => 1 };
        var iterations = new Option<int>("--iterations") { Description = "Generator steps per epoch (default: the preset's)." };
        var objective = new Option<string>("--objective") { Description = "fid, kid, d_loss or g_loss (mean over the last epochs), minimised.", DefaultValueFactory = _ => "fid" };
        var sampler = new Option<string>("--sampler") { Description = "grid, random or refine (the grid, then random values around the best, round after round).", DefaultValueFactory = _ => "grid" };
        var trials = new Option<int>("--trials") { Description = "random: trials; refine: trials per round.", DefaultValueFactory = _ => 8 };
        var rounds = new Option<int>("--rounds") { Description = "refine: the most rounds, the grid's included.", DefaultValueFactory = _ => 3 };
        var tolerance = new Option<double>("--tolerance") { Description = "refine: stop when a round improves the best by less than this fraction.", DefaultValueFactory = _ => 0.01 };
        var seed = new Option<long>("--seed") { Description = "Seeds the sampler and every trial.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Local worker processes.", DefaultValueFactory = _ => 1 };
        var lease = LeaseOption();
        var command = new Command("run", "Create a study (or continue one) and train its trials with local workers, then write its report.")
        {
            preset, study, store, parameters, settings, epochs, iterations, objective, sampler, trials, rounds, tolerance, seed, workers, lease,
        };
        command.SetAction(parse => TrainingProgress.Interruptible(cancellation =>
        {
            var root = parse.GetValue(study)!;
            var url = parse.GetValue(store);
            SweepFolder folder;
            if (parse.GetValue(preset) is { } presetName)
            {
                var definition = new SweepStudy
                {
                    Name = SweepFolder.DefaultName(root), Preset = presetName, Parameters = parse.GetValue(parameters) ?? [], Settings = parse.GetValue(settings) ?? [],
                    Epochs = parse.GetValue(epochs), Iterations = parse.GetValue(iterations), Objective = ConfigEnum.Parse<SweepObjective>(parse.GetValue(objective)!, "objective"),
                    Sampler = ConfigEnum.Parse<SweepSamplerKind>(parse.GetValue(sampler)!, "sampler"), Trials = parse.GetValue(trials), Rounds = parse.GetValue(rounds),
                    Tolerance = parse.GetValue(tolerance), Seed = parse.GetValue(seed),
                };
                folder = SweepFolder.Create(root, definition, f => StoreOf(f, url));
            }
            else
                folder = SweepFolder.Open(root);
            var trialStore = StoreOf(folder, url);
            var count = parse.GetValue(workers);
            if (count < 1)
                throw new InvalidInputException("workers", count.ToString(CultureInfo.InvariantCulture), "at least one");
            var threads = Math.Max(1, Environment.ProcessorCount / count);
            var clock = Stopwatch.StartNew();
            output.WriteLine($"study {folder.Name} in {folder.Root}: {trialStore.All().Count} trials so far; {count} worker(s) of {threads} thread(s)");
            if (count == 1)
                RunWorker(output, folder, trialStore, threads, TimeSpan.FromSeconds(parse.GetValue(lease)), cancellation);
            else
                RunChildWorkers(folder.Root, url, count, threads, parse.GetValue(lease), cancellation);
            var all = trialStore.All();
            PrintTable(output, folder, all);
            AtomicFile.WriteAllText(folder.ReportPath, SweepReport.Page(folder, all, trialStore.Description));
            output.WriteLine($"wall time {clock.Elapsed:hh\\:mm\\:ss}; report: {folder.ReportPath}" +
                (SweepReport.Best(all) is { } best ? string.Create(CultureInfo.InvariantCulture, $"; best: trial {best.Number} ({string.Join(" ", best.Values.Select(v => $"{v.Key}={v.Value}"))}), {best.Objective:G6}") : ""));
            return 0;
        }));
        return command;
    }

    private static Command CreateWorker(TextWriter output)
    {
        var study = StudyOption();
        var store = StoreOption();
        var threads = ThreadsOption();
        var lease = LeaseOption();
        var command = new Command("worker", "Claim and train trials of a study until it is done (what run, Slurm and Kubernetes start).") { study, store, threads, lease };
        command.SetAction(parse => TrainingProgress.Interruptible(cancellation =>
        {
            var folder = SweepFolder.Open(parse.GetValue(study)!);
            RunWorker(output, folder, StoreOf(folder, parse.GetValue(store)), parse.GetValue(threads), TimeSpan.FromSeconds(parse.GetValue(lease)), cancellation);
            return 0;
        }));
        return command;
    }

    private static void RunWorker(TextWriter output, SweepFolder folder, TrialStore store, int threads, TimeSpan lease, CancellationToken cancellation)
    {
        var worker = new SweepWorker(folder, store, SweepWorker.DefaultOwner(), lease, threads)
        {
            Log = line => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss} {SweepWorker.DefaultOwner()}] {line}"),
            Train = (trainer, _) => TrainingProgress.Show(trainer, output, cancellation),
        };
        var finished = worker.Run(cancellation);
        output.WriteLine($"worker {worker.Owner}: finished {finished} trial(s)");
    }

    // Each worker is this program again ("adversa sweep worker ..."), so one that dies leaves the others running.
    private static void RunChildWorkers(string root, string? store, int count, int threads, double lease, CancellationToken cancellation)
    {
        var (program, prefix) = SelfCommand();
        var children = Enumerable.Range(0, count).Select(_ =>
        {
            var info = new ProcessStartInfo(program) { UseShellExecute = false };
            foreach (var argument in prefix.Concat(["sweep", "worker", "--study", root, "--threads", threads.ToString(CultureInfo.InvariantCulture),
                         "--lease", lease.ToString(CultureInfo.InvariantCulture), .. store is null ? Array.Empty<string>() : ["--store", store]]))
                info.ArgumentList.Add(argument);
            return Process.Start(info)!;
        }).ToList();
        using var stop = cancellation.Register(() => children.ForEach(c => { if (!c.HasExited) c.Kill(); }));
        foreach (var child in children)
        {
            child.WaitForExit();
            child.Dispose();
        }
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>How to start this program again: its apphost, or dotnet with its assembly.</summary>
    public static (string Program, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath!;
        var assembly = typeof(SweepCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [assembly]) : (process, []);
    }

    private static Command CreateStatus(TextWriter output)
    {
        var study = StudyOption();
        var store = StoreOption();
        var command = new Command("status", "The study's trials: parameters, state, objective, training time.") { study, store };
        command.SetAction(parse =>
        {
            var folder = SweepFolder.Open(parse.GetValue(study)!);
            PrintTable(output, folder, StoreOf(folder, parse.GetValue(store)).All());
            return 0;
        });
        return command;
    }

    private static void PrintTable(TextWriter output, SweepFolder folder, IReadOnlyList<Trial> trials)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var name in SweepReport.Header(folder))
            table.AddColumn(Markup.Escape(name));
        foreach (var row in SweepReport.Rows(folder, trials))
            table.AddRow([.. row.Select(Markup.Escape)]);
        ConsoleOutput.For(output).Write(table);
    }

    private static Command CreateReport(TextWriter output)
    {
        var study = StudyOption();
        var store = StoreOption();
        var outPath = new Option<string?>("--out") { Description = "The page to write (default: report.html in the study's folder)." };
        var command = new Command("report", "One self-contained page: the table, the objective against each parameter, the best trial's grid and losses.") { study, store, outPath };
        command.SetAction(parse =>
        {
            var folder = SweepFolder.Open(parse.GetValue(study)!);
            var target = parse.GetValue(outPath) ?? folder.ReportPath;
            OutputPath.CheckFile(target, "out");
            var storeOfStudy = StoreOf(folder, parse.GetValue(store));
            AtomicFile.WriteAllText(target, SweepReport.Page(folder, storeOfStudy.All(), storeOfStudy.Description));
            output.WriteLine($"wrote {target}");
            return 0;
        });
        return command;
    }

    private static Command CreateSlurm(TextWriter output)
    {
        var study = StudyOption();
        var store = StoreOption();
        var workers = new Option<int>("--workers") { Description = "Array tasks (workers).", DefaultValueFactory = _ => 4 };
        var concurrent = new Option<int>("--concurrent") { Description = "Tasks running at once.", DefaultValueFactory = _ => 2 };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per task (libtorch threads).", DefaultValueFactory = _ => 1 };
        var outPath = new Option<string?>("--out") { Description = "The script to write (default: sweep.sbatch in the study's folder)." };
        var submit = new Option<bool>("--submit") { Description = "Submit it with sbatch." };
        var command = new Command("slurm", "Write (and with --submit, submit) an sbatch --array script whose tasks are workers.") { study, store, workers, concurrent, cpus, outPath, submit };
        command.SetAction(parse =>
        {
            var folder = SweepFolder.Open(parse.GetValue(study)!);
            var target = parse.GetValue(outPath) ?? Path.Combine(folder.Root, "sweep.sbatch");
            var (program, prefix) = SelfCommand();
            // Tasks start elsewhere: a file store is named by its absolute path.
            var storeUrl = parse.GetValue(store) is { } given ? (given.Contains("://", StringComparison.Ordinal) ? given : Path.GetFullPath(given)) : Path.GetFullPath(folder.DefaultStore);
            var script = SweepCluster.SlurmScript(folder, storeUrl, string.Join(' ', prefix.Prepend(program).Select(p => $"'{p}'")),
                parse.GetValue(workers), parse.GetValue(concurrent), parse.GetValue(cpus));
            AtomicFile.WriteAllText(target, script);
            output.WriteLine($"wrote {target}");
            if (parse.GetValue(submit))
                output.Write(Run("sbatch", target));
            return 0;
        });
        return command;
    }

    private static Command CreateKubernetes(TextWriter output)
    {
        var study = StudyOption();
        var store = new Option<string>("--store") { Description = "postgresql://... that every pod reaches.", Required = true };
        var image = new Option<string>("--image") { Description = "A container image with the adversa tool on its PATH.", Required = true };
        var claim = new Option<string>("--claim") { Description = "The PersistentVolumeClaim holding the study's folder (mounted at /study).", Required = true };
        var workers = new Option<int>("--workers") { Description = "Pods (workers).", DefaultValueFactory = _ => 4 };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per pod (libtorch threads).", DefaultValueFactory = _ => 2 };
        var outPath = new Option<string?>("--out") { Description = "The manifest to write (default: sweep-job.yaml in the study's folder)." };
        var command = new Command("kubernetes", "Write an Indexed Job manifest whose pods are workers (kubectl apply -f it).") { study, store, image, claim, workers, cpus, outPath };
        command.SetAction(parse =>
        {
            var folder = SweepFolder.Open(parse.GetValue(study)!);
            var target = parse.GetValue(outPath) ?? Path.Combine(folder.Root, "sweep-job.yaml");
            AtomicFile.WriteAllText(target, SweepCluster.KubernetesJob(folder, parse.GetValue(store)!, parse.GetValue(image)!, parse.GetValue(claim)!, parse.GetValue(workers), parse.GetValue(cpus)));
            output.WriteLine($"wrote {target}");
            return 0;
        });
        return command;
    }

    private static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : throw new InvalidInputException("submit", program, $"exited with {process.ExitCode}: {text.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidInputException("submit", program, "not found: is Slurm installed here?");
        }
    }
}
