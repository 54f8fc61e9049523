namespace Zordic.TestData;

/// <summary>
/// The shared data folder: corpora that live beside the repository, never inside it (see README.md, Tests).
/// It is the folder <c>ZORDIC_DATA</c> names, else <c>../shared/data</c>; both relative to the repository
/// root, the folder holding Zordic.slnx above the test assembly. <c>zordic train</c> reads the same
/// variable the same way (Zordic.Agents.Training.SharedDataFolder).
/// </summary>
public static class SharedData
{
    public const string Variable = "ZORDIC_DATA";

    static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>The data folder, whether or not it exists; null when no repository root is found.</summary>
    public static string? Root => Folder.Value;

    /// <summary>Why a test that reads these files or folders (relative to the data folder) cannot run, or null when they are all there.</summary>
    public static string? Missing(params string[] relativePaths)
    {
        if (Root is null) return "needs the shared data, but no repository root (Zordic.slnx) is above the test assembly to find it from";
        var missing = relativePaths.Where(p => !Exists(Combine(p))).ToList();
        return missing.Count == 0 ? null
            : $"needs the shared data ({string.Join(", ", missing)}), not found in {Root}; set {Variable} to the shared data folder";
    }

    /// <summary>The full path of a file or folder of the data folder; throws when it is missing.</summary>
    public static string Path(string relativePath)
    {
        var reason = Missing(relativePath);
        return reason is null ? Combine(relativePath) : throw new FileNotFoundException(reason, relativePath);
    }

    static string Combine(string relativePath) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root!, relativePath));

    static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Zordic.slnx"))) continue;
            var configured = Environment.GetEnvironmentVariable(Variable);
            var folder = string.IsNullOrWhiteSpace(configured) ? System.IO.Path.Combine("..", "shared", "data") : configured;
            return System.IO.Path.GetFullPath(folder, dir.FullName);
        }
        return null;
    }
}
