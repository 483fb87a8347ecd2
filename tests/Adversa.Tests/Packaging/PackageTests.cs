namespace Adversa.Tests.Packaging;

/// <summary>
/// The two NuGet packages as a user meets them: packed from a copy of the sources, the library referenced by a fresh
/// console project that trains two steps (with nothing installed by hand: the package's build targets make the
/// libLibTorchSharp.so of that project's output load on Debian 12), and the tool installed from the folder.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Adversa.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("the repository root (Adversa.slnx) is not above the test folder");
    }

    private static string Dotnet(string workingDirectory, params string[] arguments) => ChildProcess.Succeed("dotnet", arguments, workingDirectory);

    // A clean copy of what packing needs, so the pack neither races nor overwrites the build these tests run from.
    private string CopySources()
    {
        var root = RepositoryRoot();
        var copy = _temp.File("sources");
        foreach (var file in new[] { "Adversa.slnx", "Directory.Build.props", "Directory.Packages.props", "global.json" })
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file).EnsureParent());
        foreach (var folder in new[] { "src", "bench", "build" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                    continue;
                File.Copy(file, Path.Combine(copy, relative).EnsureParent());
            }
        return copy;
    }

    [Fact]
    public void The_library_package_trains_in_a_fresh_project_and_the_tool_installs_and_runs()
    {
        var sources = CopySources();
        var feed = _temp.File("feed");
        Dotnet(sources, "pack", "src/Adversa", "-c", "Release", "-o", feed);
        Dotnet(sources, "pack", "src/Adversa.Cli", "-c", "Release", "-o", feed);
        Assert.True(File.Exists(Path.Combine(feed, "Adversa.0.1.0.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed, "Adversa.Cli.linux-x64.0.1.0.nupkg")));
        // A package of this version cached by an earlier run would hide this one.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "adversa", "adversa.cli", "adversa.cli.linux-x64" })
            if (Directory.Exists(Path.Combine(cache, id, "0.1.0")))
                Directory.Delete(Path.Combine(cache, id, "0.1.0"), recursive: true);

        var consumer = _temp.File("consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="adversa" value="{feed}" /></packageSources></configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Adversa" Version="0.1.0" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Adversa.Training;
            var config = PresetCatalog.Get("wgan-gp-shapes").Config with { Epochs = 1, IterationsPerEpoch = 2, GeneratorWidth = 2, CriticWidth = 2, BatchSize = 4, SampleCount = 4 };
            using var trainer = GanTrainer.Create(config);
            trainer.Train();
            Console.WriteLine($"trained {trainer.Iteration} steps");
            """);
        Assert.Contains("trained 2 steps", Dotnet(consumer, "run", "-c", "Release"));

        var tools = _temp.File("tools");
        Dotnet(consumer, "tool", "install", "Adversa.Cli", "--version", "0.1.0", "--tool-path", tools, "--add-source", feed);
        Assert.Contains("wgan-gp-shapes", ChildProcess.Succeed(Path.Combine(tools, "adversa"), ["presets"], consumer));
    }

    public void Dispose() => _temp.Dispose();
}

internal static class PathExtensions
{
    /// <summary>Creates the folder of <paramref name="path"/>; returns the path.</summary>
    public static string EnsureParent(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
