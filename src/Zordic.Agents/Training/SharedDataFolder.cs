namespace Zordic.Agents.Training;

/// <summary>
/// Finds the shared data folder: the data sets live next to the repository, never inside it. It is the
/// folder the <c>ZORDIC_DATA</c> environment variable names, else <c>../shared/data</c>; both are taken from
/// the repository root, the first folder above the working directory (or the program) that holds
/// <c>Zordic.slnx</c>. The tests find it the same way (tests/helpers/Zordic.TestData).
/// </summary>
public static class SharedDataFolder
{
    public const string Variable = "ZORDIC_DATA";

    /// <summary>The data folder: <paramref name="explicitPath"/> when given, else <c>ZORDIC_DATA</c>, else <c>../shared/data</c> beside the repository.</summary>
    public static string Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            return Directory.Exists(full) ? full : throw new DirectoryNotFoundException($"no data folder at {full}");
        }
        var configured = Environment.GetEnvironmentVariable(Variable);
        var root = RepositoryRoot();
        string data;
        if (!string.IsNullOrWhiteSpace(configured)) data = Path.GetFullPath(configured, root ?? Directory.GetCurrentDirectory());
        else if (root is not null) data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        else throw new DirectoryNotFoundException($"cannot find the repository root (Zordic.slnx) above the working directory; pass the data folder explicitly or set {Variable}");
        return Directory.Exists(data) ? data
            : throw new DirectoryNotFoundException($"the shared data folder is missing (looked at {data}; set {Variable} to it or pass it explicitly)");
    }

    /// <summary>The repository root (the folder holding Zordic.slnx), or null.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Zordic.slnx"))) return dir.FullName;
            }
        }
        return null;
    }
}
