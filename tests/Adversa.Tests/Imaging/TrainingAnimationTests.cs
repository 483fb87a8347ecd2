using Adversa.Imaging;
using ImageMagick;
using static TorchSharp.torch;

namespace Adversa.Tests.Imaging;

public sealed class TrainingAnimationTests
{
    [Fact]
    public void Grids_become_a_looping_gif_whose_last_frame_lingers()
    {
        using var temp = new TempDirectory();
        var paths = new List<string>();
        foreach (var (value, i) in new[] { -1f, 0f, 1f }.Select((v, i) => (v, i)))
        {
            var path = temp.File($"epoch_{i + 1:D4}.png");
            using var images = full(4, 3, 8, 8, value);
            File.WriteAllBytes(path, ImageGrid.ToPng(images, columns: 2, padding: 1));
            paths.Add(path);
        }
        var gif = temp.File("progress.gif");
        File.WriteAllBytes(gif, TrainingAnimation.ToGif(paths));

        using var frames = new MagickImageCollection(gif);
        Assert.Equal(3, frames.Count);
        Assert.Equal([TrainingAnimation.FrameDelay, TrainingAnimation.FrameDelay, TrainingAnimation.FinalFrameDelay], frames.Select(f => f.AnimationDelay));
        Assert.All(frames, f => Assert.Equal((19u, 19u), (f.Width, f.Height))); // 2 x 9 + 1
        Assert.Equal(0u, frames[0].AnimationIterations);
        // Frame 1 shows black images, frame 3 white ones, inside the white border.
        Assert.Equal(0, frames[0].GetPixels().GetPixel(3, 3).ToColor()!.R);
        Assert.Equal(255, frames[2].GetPixels().GetPixel(3, 3).ToColor()!.R);
    }

    [Fact]
    public void Long_runs_keep_evenly_spaced_frames_with_the_first_and_the_last()
    {
        var epochs = Enumerable.Range(1, 200).ToList();
        var chosen = TrainingAnimation.EvenlySpaced(epochs, 60);
        Assert.Equal(60, chosen.Count);
        Assert.Equal(1, chosen[0]);
        Assert.Equal(200, chosen[^1]);
        Assert.Equal(chosen.Count, chosen.Distinct().Count());
        Assert.Equal(epochs.Take(5), TrainingAnimation.EvenlySpaced(epochs.Take(5).ToList(), 60));
        Assert.Throws<ArgumentException>(() => TrainingAnimation.ToGif([]));
    }
}
