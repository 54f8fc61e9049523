namespace Zordic.Server.Tests;

/// <summary>Files of ../shared/data next to the repository (found by walking up to Zordic.slnx).</summary>
public static class SharedData
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Zordic.slnx")))
            {
                var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", relative));
                return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"shared data missing: ../shared/data/{relative}", path);
            }
        }
        throw new DirectoryNotFoundException("cannot find the repository root (Zordic.slnx) above the test assembly");
    }
}
