using System.CommandLine;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Zordic.Server.Cli;

/// <summary><c>zordic serve</c>: runs the studio until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 5170 };
        var host = new Option<string>("--host") { Description = "Address to bind (default 127.0.0.1: this machine only)", DefaultValueFactory = _ => "127.0.0.1" };
        var durability = new Option<string>("--durability") { Description = "process: survive a crash of the server (default); full: also survive power loss (fsync per append)", DefaultValueFactory = _ => "process" };
        durability.AcceptOnlyFromAmong("process", "full");
        var command = new Command("serve", "Run the studio: the web UI, the REST API and the collaboration hub") { port, host, durability };
        command.SetAction((parse, ct) => ZordicCommand.GuardAsync(async () =>
        {
            if (parse.GetValue(port) is < 0 or > 65535) throw new CliException("--port must be from 0 to 65535", 2);
            var options = new StudioOptions
            {
                DataDirectory = parse.GetValue(ZordicCommand.DataDir)!,
                Port = parse.GetValue(port),
                Host = parse.GetValue(host)!,
                FullDurability = parse.GetValue(durability) == "full",
            };
            await using var app = StudioApp.Create(options);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e)
            {
                throw new CliException($"cannot listen on {options.Host}:{options.Port}: {e.Message}");
            }
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            await using var beacon = await RunningStudio.AnnounceAsync(options.DataDirectory, url);
            Console.WriteLine(parse.GetValue(ZordicCommand.Json)
                ? JsonSerializer.Serialize(new { url, data_dir = Path.GetFullPath(options.DataDirectory) })
                : $"Zordic Music Studio is running at {url} (data in {Path.GetFullPath(options.DataDirectory)}; Ctrl+C stops it)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return command;
    }
}
