using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Server;
using Zordic.Server.Api;
using Zordic.Server.Hubs;
using Zordic.Server.Limits;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Bench.Fuzz;

/// <summary>
/// The studio in this process on Kestrel at 127.0.0.1 (a free port, a fresh data directory), as the fuzz
/// target: real sockets, and its replica and error log within reach for the checks. Rate limits are off
/// and the hub's op budget wide, as in the tests, so that the checks' own edits are never throttled.
/// </summary>
public sealed class InProcessStudio : IFuzzTarget, IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ErrorLog _errors;
    readonly string _data;

    InProcessStudio(WebApplication app, ErrorLog errors, string data)
    {
        _app = app;
        _errors = errors;
        _data = data;
        Url = app.Urls.First();
        Http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromMinutes(2) };
    }

    public string Url { get; }
    public HttpClient Http { get; }

    public static async Task<InProcessStudio> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("zordic-fuzz-").FullName;
        var errors = new ErrorLog();
        var app = StudioApp.Create(new StudioOptions
        {
            DataDirectory = data,
            Port = 0,
            RateLimits = RateLimits.Unlimited,
            Hub = new StudioHubOptions { OpsPerSecond = 1_000_000, OpsBurst = 1_000_000 },
        }, builder =>
        {
            // stdout carries the one JSON line: the server logs only to the counter.
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(errors);
        });
        await app.StartAsync();
        return new InProcessStudio(app, errors, data);
    }

    public HubConnection NewHubConnection() => new HubConnectionBuilder()
        .WithUrl(Url + "/hubs/studio", o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
        .AddJsonProtocol(o => StudioJson.Configure(o.PayloadSerializerOptions))
        .Build();

    public Task<byte[]> ServerStateAsync(string projectId) =>
        _app.Services.GetRequiredService<ProjectCatalog>().ReadAsync(projectId, (replica, _) => ReplicaSnapshot.Write(replica), CancellationToken.None);

    public (int Count, string? Latest) ServerErrors() => _errors.Snapshot();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
