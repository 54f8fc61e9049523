namespace Zordic.Bench.Support;

/// <summary>The few flags benchmarks take: <c>--quick</c> and <c>--name value</c> pairs.</summary>
public sealed class BenchArgs(string[] args)
{
    public bool Quick => args.Contains("--quick");

    public int Int(string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    public string? Text(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
