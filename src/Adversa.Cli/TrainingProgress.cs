using System.Diagnostics;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli;

/// <summary>Shows a run's progress: a Spectre progress bar on a terminal, a line per epoch (and every 30 s) otherwise; both give losses, iterations per second and time left.</summary>
public static class TrainingProgress
{
    /// <summary>Trains <paramref name="trainer"/> to completion while drawing its progress.</summary>
    public static void Show(GanTrainer trainer, TextWriter output, CancellationToken cancellation)
    {
        var console = ConsoleOutput.For(output);
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("starting");
                    trainer.Train(new BarObserver(task), cancellation);
                });
        }
        else
        {
            trainer.Train(new LineObserver(output), cancellation);
        }
    }

    private abstract class RateObserver : ITrainingObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _firstIteration;

        protected TrainingPlan Plan { get; private set; } = new(1, 1, 1, 0);

        protected double IterationsPerSecond(long iteration) =>
            (iteration - _firstIteration) / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);

        protected TimeSpan Remaining(long iteration)
        {
            var rate = IterationsPerSecond(iteration);
            return rate > 0 ? TimeSpan.FromSeconds((Plan.TotalIterations - iteration) / rate) : TimeSpan.Zero;
        }

        protected static string Describe(LossRecord r, TrainingPlan plan, double rate) =>
            $"epoch {r.Epoch}/{plan.Epochs}  iter {r.Iteration}/{plan.TotalIterations}  D {r.CriticLoss:F3}  G {r.GeneratorLoss:F3}" +
            (r.Penalty is { } gp ? $"  gp {gp:F3}" : "") + $"  {rate:F2} it/s";

        public virtual void OnStart(TrainingPlan plan)
        {
            Plan = plan;
            _firstIteration = plan.StartIteration;
            _clock.Restart();
        }

        public abstract void OnIteration(LossRecord record);

        public abstract void OnEpochEnd(int epoch, string sampleGridPath);
    }

    private sealed class BarObserver(ProgressTask task) : RateObserver
    {
        public override void OnStart(TrainingPlan plan)
        {
            base.OnStart(plan);
            task.MaxValue = plan.TotalIterations;
            task.Value = plan.StartIteration;
        }

        public override void OnIteration(LossRecord record)
        {
            task.Value = record.Iteration;
            task.Description = Markup.Escape(Describe(record, Plan, IterationsPerSecond(record.Iteration)));
        }

        public override void OnEpochEnd(int epoch, string sampleGridPath) { }
    }

    private sealed class LineObserver(TextWriter output) : RateObserver
    {
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
        private LossRecord? _last;

        public override void OnIteration(LossRecord record)
        {
            _last = record;
            if (_sinceLine.Elapsed.TotalSeconds >= 30)
                Print(record);
        }

        public override void OnEpochEnd(int epoch, string sampleGridPath)
        {
            if (_last is not null)
                Print(_last);
        }

        private void Print(LossRecord record)
        {
            _sinceLine.Restart();
            output.WriteLine($"{Describe(record, Plan, IterationsPerSecond(record.Iteration))}  left {Remaining(record.Iteration):hh\\:mm\\:ss}");
        }
    }
}
