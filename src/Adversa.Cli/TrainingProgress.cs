using System.Diagnostics;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli;

/// <summary>
/// Shows a run's progress: a Spectre progress bar on a terminal, a line per epoch (and every 30 s) otherwise; both give
/// losses, iterations per second and time left, and each epoch's mean losses and critic scores (as epochs.csv has them).
/// </summary>
public static class TrainingProgress
{
    /// <summary>Runs <paramref name="work"/> with a token that Ctrl+C cancels: training stops at the next iteration, its last checkpoint valid for a resume.</summary>
    public static int Interruptible(Func<CancellationToken, int> work)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Trains <paramref name="trainer"/> to completion while drawing its progress; returns the last step's record.</summary>
    public static LossRecord? Show(GanTrainer trainer, TextWriter output, CancellationToken cancellation)
    {
        var console = ConsoleOutput.For(output);
        if (console.Profile.Capabilities.Interactive)
        {
            LossRecord? last = null;
            console.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context => last = TrainWith(trainer, new BarObserver(context.AddTask("starting"), console), cancellation));
            return last;
        }
        return TrainWith(trainer, new LineObserver(output), cancellation);
    }

    private static LossRecord? TrainWith(GanTrainer trainer, RateObserver observer, CancellationToken cancellation)
    {
        trainer.Observers.Add(observer);
        try
        {
            trainer.Train(cancellation);
            return observer.Last;
        }
        finally
        {
            trainer.Observers.Remove(observer);
        }
    }

    private abstract class RateObserver : ITrainingObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _firstIteration;

        protected TrainingPlan Plan { get; private set; } = new(1, 1, 1, 0);

        public LossRecord? Last { get; private set; }

        protected double IterationsPerSecond(long iteration) =>
            (iteration - _firstIteration) / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);

        protected TimeSpan Remaining(long iteration)
        {
            var rate = IterationsPerSecond(iteration);
            return rate > 0 ? TimeSpan.FromSeconds((Plan.TotalIterations - iteration) / rate) : TimeSpan.Zero;
        }

        protected static string Describe(LossRecord r, TrainingPlan plan, double rate) =>
            $"epoch {r.Epoch}/{plan.Epochs}  iter {r.Iteration}/{plan.TotalIterations}  D {r.CriticLoss:F3}  G {r.GeneratorLoss:F3}" +
            string.Concat(r.Scalars.Select(s => $"  {s.Name} {s.Value:F3}")) + $"  {rate:F2} it/s";

        public virtual void OnStart(GanTrainer trainer, TrainingPlan plan)
        {
            Plan = plan;
            _firstIteration = plan.StartIteration;
            _clock.Restart();
        }

        public void OnIteration(GanTrainer trainer, LossRecord record)
        {
            Last = record;
            Show(record);
        }

        public virtual void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) =>
            ShowLine($"epoch {epoch.Epoch} means:" + string.Concat(epoch.Means.Select(m => $"  {m.Name} {m.Value:F3}")));

        protected abstract void Show(LossRecord record);

        protected abstract void ShowLine(string line);
    }

    private sealed class BarObserver(ProgressTask task, IAnsiConsole console) : RateObserver
    {
        public override void OnStart(GanTrainer trainer, TrainingPlan plan)
        {
            base.OnStart(trainer, plan);
            task.MaxValue = plan.TotalIterations;
            task.Value = plan.StartIteration;
        }

        protected override void Show(LossRecord record)
        {
            task.Value = record.Iteration;
            task.Description = Markup.Escape(Describe(record, Plan, IterationsPerSecond(record.Iteration)));
        }

        protected override void ShowLine(string line) => console.WriteLine(line);
    }

    private sealed class LineObserver(TextWriter output) : RateObserver
    {
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

        protected override void Show(LossRecord record)
        {
            if (_sinceLine.Elapsed.TotalSeconds >= 30)
                Print(record);
        }

        public override void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
        {
            if (Last is not null)
                Print(Last);
            base.OnEpochEnd(trainer, epoch);
        }

        protected override void ShowLine(string line) => output.WriteLine(line);

        private void Print(LossRecord record)
        {
            _sinceLine.Restart();
            output.WriteLine($"{Describe(record, Plan, IterationsPerSecond(record.Iteration))}  left {Remaining(record.Iteration):hh\\:mm\\:ss}");
        }
    }
}
