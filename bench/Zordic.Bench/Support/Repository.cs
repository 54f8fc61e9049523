namespace Zordic.Bench.Support;

/// <summary>Finds the repository root (the folder with Zordic.slnx) from the working directory.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Zordic.slnx"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException("run benchmarks from inside the repository (bench/run NAME)");
        }
    }
}
