using System.CommandLine;
using System.Text.Json;
using Zordic.Agents.Training;

namespace Zordic.Server.Cli;

/// <summary><c>zordic train</c>: refits every agent model from ../shared/data and writes the parameter files.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The data folder (default: $ZORDIC_DATA, else ../shared/data beside the repository)" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the model files (default: src/Zordic.Agents/Models of this checkout)" };
        var command = new Command("train", "Refit the agents' models (Groove MIDI Dataset, Nottingham tunes) and write their parameters") { data, output };
        command.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            string folder;
            try
            {
                folder = SharedDataFolder.Locate(parse.GetValue(data));
            }
            catch (DirectoryNotFoundException e)
            {
                throw new CliException(e.Message);
            }
            var target = parse.GetValue(output)
                ?? (SharedDataFolder.RepositoryRoot() is { } root ? Path.Combine(root, "src", "Zordic.Agents", "Models")
                    : throw new CliException("cannot find the repository (Zordic.slnx); pass -o FOLDER"));
            var started = System.Diagnostics.Stopwatch.StartNew();
            var models = await Task.Run(() => AgentTrainer.TrainAll(folder, m => Console.Error.WriteLine(m)), ct);
            var written = AgentTrainer.Write(models, target);
            if (parse.GetValue(ZordicCommand.Json))
                Console.WriteLine(JsonSerializer.Serialize(new { files = written, seconds = Math.Round(started.Elapsed.TotalSeconds, 1) }));
            else
                foreach (var file in written) Console.WriteLine(file);
            return 0;
        }));
        return command;
    }
}
