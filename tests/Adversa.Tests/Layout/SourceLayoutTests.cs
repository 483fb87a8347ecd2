using System.Text.RegularExpressions;

namespace Adversa.Tests.Layout;

/// <summary>The library's shape, read from its source: layered folders, small files, messages in the library's own terms.</summary>
public sealed partial class SourceLayoutTests
{
    private static readonly string Library = Path.Combine(RepositoryRoot(), "src", "Adversa");

    // Each folder may use only the folders below it (docs/ARCHITECTURE.md draws this).
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Runtime"] = [],
        ["Data"] = ["Runtime"],
        ["Imaging"] = ["Runtime"],
        ["Models"] = ["Runtime"],
        ["Losses"] = ["Runtime", "Models"],
        ["Evaluation"] = ["Runtime", "Data", "Imaging", "Models"],
        ["Som"] = ["Runtime", "Data", "Imaging"],
        ["Training"] = ["Runtime", "Data", "Imaging", "Models", "Losses", "Evaluation"],
    };

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Adversa.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }

    private static IEnumerable<(string Folder, string File, string Code)> Sources() =>
        from folder in Allowed.Keys
        from file in Directory.EnumerateFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories)
        select (folder, file, Comments().Replace(File.ReadAllText(file), ""));

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bAdversa\.(\w+)|(?<![\w.])(Runtime|Data|Imaging|Models|Losses|Evaluation|Som|Training)\.[A-Z]")]
    private static partial Regex FolderReference();

    [GeneratedRegex("\"[^\"\\n]*--[a-z][^\"\\n]*\"")]
    private static partial Regex FlagInString();

    [Fact]
    public void Every_folder_uses_only_the_folders_below_it()
    {
        Assert.Equal(Allowed.Keys.Order(), Directory.GetDirectories(Library).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).Order());
        var violations = Sources()
            .SelectMany(s => FolderReference().Matches(s.Code).Select(m => (s.Folder, s.File, Used: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)))
            .Where(r => Allowed.ContainsKey(r.Used) && r.Used != r.Folder && !Allowed[r.Folder].Contains(r.Used))
            .Select(r => $"{Path.GetRelativePath(Library, r.File)} uses {r.Used}")
            .Distinct();
        Assert.Empty(violations);
    }

    [Fact]
    public void No_source_file_exceeds_300_lines()
    {
        var root = Path.Combine(RepositoryRoot(), "src");
        var long_ = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetRelativePath(root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 300);
        Assert.Empty(long_);
    }

    [Fact]
    public void The_library_names_settings_not_command_line_flags()
    {
        var flags = Sources().SelectMany(s => FlagInString().Matches(s.Code).Select(m => $"{Path.GetRelativePath(Library, s.File)}: {m.Value}"));
        Assert.Empty(flags);
    }
}
