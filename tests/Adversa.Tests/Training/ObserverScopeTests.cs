using System.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

/// <summary>
/// The trainer calls OnStart, OnEpochEnd and OnStop of each observer in its own dispose scope and garbage-collection
/// pause: tensors an observer leaves undisposed are freed when it returns (not by the finalizer thread, which could free
/// one while libtorch reads it), and the epoch's samples outlive every observer's scope.
/// </summary>
public sealed class ObserverScopeTests
{
    [Fact]
    public void Tensors_an_observer_leaves_are_freed_when_it_returns_and_the_samples_outlive_each_observer()
    {
        var first = new LeavingObserver();
        var second = new LeavingObserver();
        using (var trainer = GanTrainer.Create(TinyRuns.Shapes(epochs: 2, iterations: 1)))
        {
            trainer.Observers.Add(first);
            trainer.Observers.Add(second);
            trainer.Train();
        }

        foreach (var observer in new[] { first, second })
        {
            // Start, two epoch ends and the stop each made one tensor; all four were freed, and none before its call returned.
            Assert.Equal(4, observer.Left.Count);
            Assert.All(observer.Left, tensor => Assert.True(tensor.IsInvalid));
            Assert.Equal([true, true, true, true], observer.ValidDuringCall);
            Assert.Equal([GCLatencyMode.NoGCRegion, GCLatencyMode.NoGCRegion, GCLatencyMode.NoGCRegion, GCLatencyMode.NoGCRegion], observer.LatencyModes);
        }
        // The second observer saw the samples the first had drawn, still alive: 4 images of the shapes (3 x 64 x 64) each epoch.
        Assert.Equal([[4L, 3, 64, 64], [4L, 3, 64, 64]], second.SampleShapes);
        Assert.Equal(first.SampleSums, second.SampleSums);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    private sealed class LeavingObserver : ITrainingObserver
    {
        public List<Tensor> Left { get; } = [];
        public List<bool> ValidDuringCall { get; } = [];
        public List<GCLatencyMode> LatencyModes { get; } = [];
        public List<long[]> SampleShapes { get; } = [];
        public List<double> SampleSums { get; } = [];

        public void OnStart(GanTrainer trainer, TrainingPlan plan) => Leave();

        public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
        {
            SampleShapes.Add(epoch.Samples.shape);
            SampleSums.Add(epoch.Samples.sum().item<float>());
            Leave();
        }

        public void OnStop(GanTrainer trainer, TrainingOutcome outcome) => Leave();

        private void Leave()
        {
            var tensor = ones(3) * 2;
            Left.Add(tensor);
            ValidDuringCall.Add(!tensor.IsInvalid && tensor.sum().item<float>() == 6);
            LatencyModes.Add(GCSettings.LatencyMode);
        }
    }
}
