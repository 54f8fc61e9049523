using System.CommandLine;
using System.Text.Json;

namespace Zordic.Server.Cli;

/// <summary><c>zordic export PROJECT_ID -o FILE.mid</c>: writes a project as a Standard MIDI File.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT_ID") { Description = "The id of the project (zordic import prints it)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the .mid file", Required = true };
        var command = new Command("export", "Export a project as a Standard MIDI File") { project, output };
        command.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            var target = parse.GetValue(output)!;
            if (target.Directory is { Exists: false } dir) throw new CliException($"no such directory: {dir.FullName}");
            using var studio = StudioConnection.Open(parse.GetValue(ZordicCommand.DataDir)!);
            var (_, file) = await studio.ExportMidiAsync(parse.GetValue(project)!, ct);
            await File.WriteAllBytesAsync(target.FullName, file, ct);
            if (parse.GetValue(ZordicCommand.Json))
                Console.WriteLine(JsonSerializer.Serialize(new { path = target.FullName, bytes = file.Length }));
            else
                await Console.Error.WriteLineAsync($"wrote {target.FullName} ({file.Length:N0} bytes)");
            return 0;
        }));
        return command;
    }
}
