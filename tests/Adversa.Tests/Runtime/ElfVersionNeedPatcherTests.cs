using Adversa.Runtime;

namespace Adversa.Tests.Runtime;

public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private readonly TempDirectory _temp = new();

    private static string PackageCopy()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's native library should be in the NuGet cache at {path}");
        return path;
    }

    private string UnpatchedCopy()
    {
        var copy = _temp.File("libLibTorchSharp.so");
        File.Copy(PackageCopy(), copy);
        return copy;
    }

    [Fact]
    public void The_package_cache_copy_is_never_patched()
    {
        Assert.False(ElfVersionNeedPatcher.IsVersionNeedWeak(PackageCopy(), Version));
    }

    [Fact]
    public void Patching_sets_the_weak_flag_on_that_version_only()
    {
        var copy = UnpatchedCopy();
        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeedPatcher.MakeVersionNeedWeak(copy, Version));
        Assert.True(ElfVersionNeedPatcher.IsVersionNeedWeak(copy, Version));
        Assert.False(ElfVersionNeedPatcher.IsVersionNeedWeak(copy, "GLIBCXX_3.4.30"));

        var original = File.ReadAllBytes(PackageCopy());
        var patched = File.ReadAllBytes(copy);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Single(differing);
        Assert.Equal(ElfVersionNeedPatcher.WeakFlag, patched[differing[0]] ^ original[differing[0]]);
    }

    [Fact]
    public void Patching_twice_changes_nothing()
    {
        var copy = UnpatchedCopy();
        ElfVersionNeedPatcher.MakeVersionNeedWeak(copy, Version);
        var once = File.ReadAllBytes(copy);
        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeedPatcher.MakeVersionNeedWeak(copy, Version));
        Assert.Equal(once, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_version_the_file_does_not_need_is_reported_and_left_alone()
    {
        var copy = UnpatchedCopy();
        Assert.Equal(ElfPatchOutcome.VersionNotReferenced, ElfVersionNeedPatcher.MakeVersionNeedWeak(copy, "GLIBCXX_9.9.99"));
        Assert.Equal(File.ReadAllBytes(PackageCopy()), File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused_with_its_name()
    {
        var text = _temp.File("not-a-library.so");
        File.WriteAllText(text, "this is plain text, long enough to pass the header-size check, surely it is");
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MakeVersionNeedWeak(text, Version));
        Assert.Contains(text, error.Message);
        Assert.Contains("not an ELF file", error.Message);
    }

    [Fact]
    public void A_truncated_ELF_file_is_refused()
    {
        var truncated = _temp.File("truncated.so");
        File.WriteAllBytes(truncated, File.ReadAllBytes(PackageCopy())[..4096]);
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MakeVersionNeedWeak(truncated, Version));
    }

    [Fact]
    public void A_system_library_defines_a_version_when_its_name_appears_NUL_delimited()
    {
        var library = _temp.File("libstdc++.so.6");
        File.WriteAllBytes(library, [1, 2, 0, .. "GLIBCXX_3.4.32"u8, 0, 7]);
        Assert.True(ElfVersionNeedPatcher.LibraryDefinesVersion(library, Version));
        Assert.False(ElfVersionNeedPatcher.LibraryDefinesVersion(library, "GLIBCXX_3.4.3"));
    }

    [Fact]
    public void The_build_output_copy_is_patched_unless_the_system_has_the_version()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(output), $"expected {output}");
        var systemHasVersion = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .Any(p => File.Exists(p) && ElfVersionNeedPatcher.LibraryDefinesVersion(p, Version));
        Assert.Equal(!systemHasVersion, ElfVersionNeedPatcher.IsVersionNeedWeak(output, Version));
    }

    public void Dispose() => _temp.Dispose();
}
