using System.CommandLine;

namespace Zordic.Server.Cli;

/// <summary>
/// The <c>zordic</c> command: <c>serve</c>, <c>import</c>, <c>export</c>, <c>generate</c>, <c>harmonize</c>, <c>compose</c>, <c>train</c>. Every verb takes
/// <c>--data-dir</c> and <c>--json</c>; errors are one line on stderr with a non-zero exit code.
/// </summary>
public static class ZordicCommand
{
    public static readonly Option<string> DataDir = new("--data-dir")
    {
        Description = "Directory of the studio's database (default ./data)",
        DefaultValueFactory = _ => "data",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output on stdout",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Zordic Music Studio: a collaborative music studio in the browser.")
        {
            ServeCommand.Create(),
            ImportCommand.Create(),
            ExportCommand.Create(),
            GenerateCommand.Create(),
            HarmonizeCommand.Create(),
            ComposeCommand.Create(),
            TrainCommand.Create(),
        };
        root.Options.Add(DataDir);
        root.Options.Add(Json);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"zordic: {string.Join("; ", parsed.Errors.Select(e => e.Message).Reverse())} (see zordic --help)");
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>Runs a verb's body and turns any failure into one line on stderr and exit code 1.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"zordic: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"zordic: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}

/// <summary>A failure a user can act on; its message is printed as is.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
