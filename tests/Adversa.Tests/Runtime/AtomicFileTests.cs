using Adversa.Runtime;

namespace Adversa.Tests.Runtime;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_content_and_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var path = temp.File("data.txt");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial new content"u8);
            throw new InvalidOperationException("disk went away");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["data.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_replaces_the_content()
    {
        using var temp = new TempDirectory();
        var path = temp.File("data.txt");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
    }
}
