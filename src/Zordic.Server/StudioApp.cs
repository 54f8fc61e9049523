using Microsoft.AspNetCore.SignalR;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Zordic.Agents.Runtime;
using Zordic.Collab.Projects;
using Zordic.Collab.Undo;
using Zordic.Server.Agents;
using Zordic.Server.Api;
using Zordic.Server.Fanout;
using Zordic.Server.Hubs;
using Zordic.Server.Limits;
using Zordic.Server.Sessions;
using Zordic.Server.Storage;
using Zordic.Server.Web;

namespace Zordic.Server;

/// <summary>The composition root: builds the studio's web application from its options.</summary>
public static class StudioApp
{
    public static WebApplication Create(StudioOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A start that fails (a port in use) is reported once, by the caller (`zordic serve` prints one line);
        // the host's own error log of it would repeat it with a stack trace. A crashing background service
        // still shows: the host logs that as critical.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IProjectStore>(_ => new SqliteProjectStore(options.DataDirectory, options.FullDurability));
        builder.Services.AddSingleton(sp =>
        {
            var catalog = new ProjectCatalog(sp.GetRequiredService<IProjectStore>(), sp.GetRequiredService<TimeProvider>(), options.SnapshotEvery, options.Quotas);
            var log = sp.GetRequiredService<ILogger<ProjectCatalog>>();
            catalog.SnapshotFailed += (projectId, e) => log.LogWarning(e, "saving a snapshot of project {Project} failed; the next edit tries again", projectId);
            return catalog;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options.Hub);
        builder.Services.AddSingleton(options.RateLimits);
        builder.Services.AddSingleton<HubRateLimiter>();
        builder.Services.AddSingleton<StudioHubFilter>();
        builder.Services.AddSingleton<ISessionState, InMemorySessionState>();
        builder.Services.AddSingleton<UndoHistories>();
        builder.Services.AddSingleton<SessionFanout>();
        // The agents and their database open with the studio, so that a broken agentdb fails at start.
        var agents = StudioAgents.StartAsync(options.DataDirectory, TimeProvider.System).GetAwaiter().GetResult();
        builder.Services.AddSingleton(_ => agents);
        builder.Services.AddSingleton<SuggestionBoard>();
        // Traces and metrics: an HTTP request and every agent that worked on it form one trace. They are
        // exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. to a local Jaeger or collector).
        var otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("zordic"))
            .WithTracing(t =>
            {
                t.AddSource(AgentTelemetry.SourceName).AddAspNetCoreInstrumentation();
                if (otlp) t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(AgentTelemetry.SourceName);
                if (otlp) m.AddOtlpExporter();
            });
        builder.Services.AddHostedService<AwarenessExpiry>();
        builder.Services.AddHostedService<IdleProjectEviction>();
        builder.Services.AddHostedService<PatternRetention>();
        builder.Services.AddSingleton<AgentWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentWarmUp>());
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = options.Hub.MaxMessageBytes;
                o.EnableDetailedErrors = false;
                o.AddFilter<StudioHubFilter>();
            })
            .AddJsonProtocol(o => StudioJson.Configure(o.PayloadSerializerOptions));
        builder.Services.ConfigureHttpJsonOptions(o => StudioJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StudioExceptionHandler>();
        builder.Services.AddStudioRateLimiting(options.RateLimits);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Zordic Music Studio API";
            document.Info.Description = "Projects, operations (the seed's CollaborativeOperation), op-log catch-up and MIDI. Errors are RFC 7807 problem+json with a `code`.";
            return Task.CompletedTask;
        }));
        configure?.Invoke(builder);

        var app = builder.Build();
        // Open the database now, so that a bad data directory fails at start, not at the first request;
        // and start fanning out applied ops before any can be applied.
        app.Services.GetRequiredService<IProjectStore>();
        app.Services.GetRequiredService<SessionFanout>();
        app.Services.GetRequiredService<SuggestionBoard>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Zordic Music Studio API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        var api = app.MapGroup("/api");
        api.MapProjectEndpoints().MapOperationEndpoints().MapMidiEndpoints();
        api.MapAgentEndpoints();
        app.MapHub<StudioHub>("/hubs/studio");
        app.MapStudioWebUi(options);
        return app;
    }
}
