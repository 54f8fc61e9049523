namespace Zordic.Agents.Training;

/// <summary>
/// Finds <c>../shared/data</c>: the data sets live next to the repository, never inside it. The root is
/// the first folder above the working directory (or the program) that holds <c>Zordic.slnx</c>.
/// </summary>
public static class SharedDataFolder
{
    /// <summary>The data folder: <paramref name="explicitPath"/> when given, else <c>../shared/data</c> beside the repository.</summary>
    public static string Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            return Directory.Exists(full) ? full : throw new DirectoryNotFoundException($"no data folder at {full}");
        }
        var root = RepositoryRoot() ?? throw new DirectoryNotFoundException("cannot find the repository root (Zordic.slnx) above the working directory; pass the data folder explicitly");
        var data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return Directory.Exists(data) ? data : throw new DirectoryNotFoundException($"the shared data folder ../shared/data is missing (looked at {data})");
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
