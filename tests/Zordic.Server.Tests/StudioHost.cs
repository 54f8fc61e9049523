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

/// <summary>The real studio application, in-process on a test server, with its own data directory.</summary>
public sealed class StudioHost : IAsyncDisposable
{
    readonly WebApplication _app;

    StudioHost(WebApplication app, string dataDirectory, bool ownsDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
        Client = app.GetTestClient();
    }

    public string DataDirectory { get; }
    bool OwnsDirectory { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Warnings and errors the server logged: a test of bad input expects none.</summary>
    public LogSink Log { get; private set; } = new();

    /// <param name="limits">Rate limits; none by default, so that tests of other things are never throttled.</param>
    public static async Task<StudioHost> StartAsync(string? dataDirectory = null, int snapshotEvery = 1000, StudioHubOptions? hub = null, TimeSpan? keepIdleProjectsOpen = null,
        Zordic.Server.Limits.RateLimits? limits = null, Zordic.Collab.Projects.ProjectQuotas? quotas = null)
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
        var app = StudioApp.Create(options,
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Logging.AddProvider(log);
            });
        await app.StartAsync();
        return new StudioHost(app, dataDirectory, owns) { Log = log };
    }

    /// <summary>A real SignalR client connection to this server's hub (WebSockets over the test server).</summary>
    public HubConnection HubConnection()
    {
        var server = _app.GetTestServer();
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/studio"), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.WebSocketFactory = async (context, ct) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
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
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (OwnsDirectory)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
