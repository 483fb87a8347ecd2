using Adversa.Imaging;
using static TorchSharp.torch;

namespace Adversa.Tests.Imaging;

public sealed class ImageGridTests
{
    [Fact]
    public void Images_in_minus_one_to_one_become_bytes_in_a_bordered_grid()
    {
        using var temp = new TempDirectory();
        // Three 1x2x2 grey images: all -1 (black), all 1 (white), all 0 (grey 128).
        using var images = stack([full(1, 2, 2, -1f), full(1, 2, 2, 1f), zeros(1, 2, 2)]);
        var path = temp.File("grid.png");
        File.WriteAllBytes(path, ImageGrid.ToPng(images, columns: 2, padding: 1));
        var png = PngImage.TryRead(path)!;
        // 2 columns x 2 rows of 2x2 images with 1-pixel borders: 2 * 3 + 1 = 7.
        Assert.Equal((7, 7), (png.Width, png.Height));
        Assert.Equal((byte)0, png.Pixel(1, 1).Red);
        Assert.Equal((byte)255, png.Pixel(4, 1).Red);
        Assert.Equal((byte)128, png.Pixel(1, 4).Green);
        Assert.Equal((byte)255, png.Pixel(0, 0).Blue); // border
    }

    [Fact]
    public void Colour_channels_keep_their_order()
    {
        using var temp = new TempDirectory();
        using var red = stack([full(1, 1, 1, 1f), full(1, 1, 1, -1f), full(1, 1, 1, -1f)], dim: 1);
        var path = temp.File("red.png");
        File.WriteAllBytes(path, ImageGrid.ToPng(red, padding: 0));
        Assert.Equal(((byte)255, (byte)0, (byte)0), PngImage.TryRead(path)!.Pixel(0, 0));
    }

    [Fact]
    public void The_default_grid_is_about_square()
    {
        Assert.Equal(8, ImageGrid.DefaultColumns(64));
        Assert.Equal(3, ImageGrid.DefaultColumns(7));
    }
}
