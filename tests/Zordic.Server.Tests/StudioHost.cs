using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zordic.Server;
using Zordic.Server.Api;
using Zordic.Server.Hubs;

namespace Zordic.Server.Tests;

/// <summary>
/// The real studio application, in-process with its own data directory: on a test server (no sockets), or
/// with <c>realSockets</c> on Kestrel at 127.0.0.1 on a free port, for what needs real TCP (backpressure).
/// </summary>
public sealed class StudioHost : IAsyncDisposable
{
    readonly WebApplication _app;

    StudioHost(WebApplication app, string dataDirectory, bool ownsDirectory, string? url)
    {
        _app = app;
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
        Url = url;
        Client = url is null ? app.GetTestClient() : new HttpClient { BaseAddress = new Uri(url) };
    }

    /// <summary>Where Kestrel listens (http://127.0.0.1:PORT) when started with real sockets; null on the test server.</summary>
    public string? Url { get; }

    public string DataDirectory { get; }
    bool OwnsDirectory { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Warnings and errors the server logged: a test of bad input expects none.</summary>
    public LogSink Log { get; private set; } = new();

    /// <param name="limits">Rate limits; none by default, so that tests of other things are never throttled.</param>
    /// <param name="realSockets">Listen on Kestrel at 127.0.0.1 on a free port instead of the in-memory test server.</param>
    public static async Task<StudioHost> StartAsync(string? dataDirectory = null, int snapshotEvery = 1000, StudioHubOptions? hub = null, TimeSpan? keepIdleProjectsOpen = null,
        Zordic.Server.Limits.RateLimits? limits = null, Zordic.Collab.Projects.ProjectQuotas? quotas = null, bool realSockets = false)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("zordic-test-").FullName;
        var log = new LogSink();
        var options = new StudioOptions
        {
            DataDirectory = dataDirectory, SnapshotEvery = snapshotEvery, Hub = hub ?? new StudioHubOptions(),
            RateLimits = limits ?? Zordic.Server.Limits.RateLimits.Unlimited, Quotas = quotas ?? Zordic.Collab.Projects.ProjectQuotas.Default,
        };
        if (keepIdleProjectsOpen is { } keep) options = options with { KeepIdleProjectsOpen = keep };
        if (realSockets) options = options with { Host = "127.0.0.1", Port = 0 };
        var app = StudioApp.Create(options,
            builder =>
            {
                if (!realSockets) builder.WebHost.UseTestServer();
                // Linux sizes a loopback socket's send buffer from its 64 KB segments, so one connection can hold
                // megabytes the client never read before the server feels it. A send buffer of a real network's
                // size (inherited by every accepted socket) makes a reader that stops show after little data.
                else builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = endpoint =>
                {
                    var socket = Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                    socket.SendBufferSize = 64 * 1024;
                    return socket;
                });
                builder.Logging.AddProvider(log);
            });
        await app.StartAsync();
        return new StudioHost(app, dataDirectory, owns, realSockets ? app.Urls.First() : null) { Log = log };
    }

    /// <summary>A real SignalR client connection to this server's hub (WebSockets over the test server, or over TCP with real sockets).</summary>
    public HubConnection HubConnection(Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null)
    {
        if (Url is not null)
        {
            return new HubConnectionBuilder()
                .WithUrl(Url + "/hubs/studio", o =>
                {
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                    configure?.Invoke(o);
                })
                .AddJsonProtocol(o => StudioJson.Configure(o.PayloadSerializerOptions))
                .Build();
        }
        var server = _app.GetTestServer();
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/studio"), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.WebSocketFactory = async (context, ct) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                configure?.Invoke(o);
            })
            .AddJsonProtocol(o => StudioJson.Configure(o.PayloadSerializerOptions))
            .Build();
    }

    /// <summary>The server's own replica state, canonical bytes.</summary>
    public Task<byte[]> ReplicaStateAsync(string projectId) =>
        Services.GetRequiredService<Zordic.Collab.Projects.ProjectCatalog>().ReadAsync(projectId, (replica, _) => Zordic.Collab.Replica.ReplicaSnapshot.Write(replica), CancellationToken.None);

    /// <summary>The server's document, as JSON, for comparing with a client's.</summary>
    public Task<string> ReplicaDocumentAsync(string projectId) =>
        Services.GetRequiredService<Zordic.Collab.Projects.ProjectCatalog>().ReadAsync(projectId, (replica, _) => JsonSerializer.Serialize(replica.ToDocument()), CancellationToken.None);

    /// <summary>Stops this server and starts another on the same data, as a restart would.</summary>
    public async Task<StudioHost> RestartAsync(int snapshotEvery = 1000)
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        return await StartAsync(DataDirectory, snapshotEvery);
    }

    public async Task<JsonElement> CreateProjectAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/projects", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await Client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostOpsAsync(string projectId, string jsonArray)
    {
        var response = await Client.PostAsync($"/api/projects/{projectId}/ops", new StringContent(jsonArray, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonSerializerOptions Json => StudioJson.Options;

    public async ValueTask DisposeAsync()
    {
        if (Url is not null) Client.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (OwnsDirectory)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
