using System.CommandLine;
using System.Text.Json;

namespace Zordic.Server.Cli;

/// <summary><c>zordic import FILE.mid</c>: makes a project from a MIDI file and prints its id.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A Standard MIDI File (.mid)" };
        var name = new Option<string?>("--name") { Description = "Name of the new project (default: the file's title)" };
        var into = new Option<string?>("--into") { Description = "Add the file's tracks to this existing project instead" };
        var command = new Command("import", "Import a MIDI file as a new project (prints the project id)") { file, name, into };
        command.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new CliException($"no such file: {path.FullName}");
            var bytes = await File.ReadAllBytesAsync(path.FullName, ct);
            using var studio = StudioConnection.Open(parse.GetValue(ZordicCommand.DataDir)!);
            var result = await studio.ImportMidiAsync(bytes, parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(path.Name), parse.GetValue(into), ct);
            if (parse.GetValue(ZordicCommand.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    id = result.Project.Id, name = result.Project.Name, tracks_added = result.TracksAdded,
                    notes_added = result.NotesAdded, notices = result.Notices,
                }));
            }
            else
            {
                Console.WriteLine(result.Project.Id);
                await Console.Error.WriteLineAsync($"imported '{result.Project.Name}': {result.TracksAdded} track(s), {result.NotesAdded} note(s)");
                foreach (var notice in result.Notices) await Console.Error.WriteLineAsync($"  note: {notice}");
            }
            return 0;
        }));
        return command;
    }
}
