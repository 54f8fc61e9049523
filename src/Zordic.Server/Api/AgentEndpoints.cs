using System.Text.Json;
using Zordic.Agents.Prompting;
using Zordic.Agents.Runtime;
using Zordic.Agents.Swarm;
using Zordic.Agents.Visual;
using Zordic.Collab.Projects;
using Zordic.Server.Agents;
using Zordic.Server.Limits;

namespace Zordic.Server.Api;

/// <summary>The agents over HTTP: their state, composing for a project, answering their suggestions, visual effects.</summary>
public static class AgentEndpoints
{
    static readonly TimeSpan ComposeWait = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("").WithTags("Agents");
        agents.MapGet("/agents", (StudioAgents studio) => Results.Ok(studio.Engine.Status()))
            .WithSummary("Each agent's state: circuit breaker, queue depth, messages handled and failed")
            .Produces<IReadOnlyList<AgentStatus>>();

        agents.MapPost("/projects/{id}/agents/compose", ComposeAsync)
            .RequireRateLimiting(RestRateLimiting.Agents)
            .WithSummary("Ask the agents for a beat, a melody and chords")
            .WithDescription("Body: {\"prompt\": \"lo-fi beat, 85 bpm, A minor\", \"seed\"?: 42}. The beat agent answers the prompt; the melody and harmony agents answer its beat.created. Each answer also reaches everyone in the project's session as agent:suggestion. Waits up to 10 s for all three.")
            .Accepts<ComposeBody>("application/json")
            .Produces<ComposeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPost("/projects/{id}/agents/harmonize", HarmonizeAsync)
            .RequireRateLimiting(RestRateLimiting.Agents)
            .WithSummary("Ask the harmony agent for chords and a bass line to a track's melody")
            .WithDescription("Body: {\"track_id\": \"…\"}. The harmony agent hears the key and chords in the track's notes (a model fitted on the Nottingham folk tunes) and answers with a chords track and a bass track, also sent to everyone in the project's session as agent:suggestion. Waits up to 10 s.")
            .Accepts<HarmonizeBody>("application/json")
            .Produces<HarmonizeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPost("/projects/{id}/agents/suggestions/{suggestionId}/accept", async (string id, string suggestionId, HttpRequest request, SuggestionBoard board, CancellationToken ct) =>
                await board.AcceptAsync(id, suggestionId, UserIdentity.Of(request), ct) is { } results
                    ? Results.Ok(new { applied = results.Count(r => r.Status == OperationStatus.Applied), rejected = results.Count(r => r.Status == OperationStatus.Rejected) })
                    : Problems.Of(StatusCodes.Status404NotFound, "unknown_suggestion", "Suggestion not found", $"there is no open suggestion '{suggestionId}' for this project (accepted, rejected or expired)"))
            .WithSummary("Keep a suggestion: its tracks are added as operations of the agent's user, undoable by whoever accepted");

        agents.MapPost("/projects/{id}/agents/suggestions/{suggestionId}/reject", async (string id, string suggestionId, HttpRequest request, SuggestionBoard board, CancellationToken ct) =>
                await board.RejectAsync(id, suggestionId, UserIdentity.Of(request), ct)
                    ? Results.NoContent()
                    : Problems.Of(StatusCodes.Status404NotFound, "unknown_suggestion", "Suggestion not found", $"there is no open suggestion '{suggestionId}' for this project"))
            .WithSummary("Throw a suggestion away (stored as feedback for learning)");

        agents.MapPost("/visual/effect", VisualEffectAsync)
            .RequireRateLimiting(RestRateLimiting.Agents)
            .WithSummary("The visual agent's effect for an audio event")
            .WithDescription("Body: {\"instrument\": \"kick\", \"velocity\": 100, \"frequency\": 60, \"duration\"?: 0.25}. Velocity 0–127 maps to scale 0.5–2.0 and frequency 20 Hz–20 kHz to hue 0–360 (logarithmic), as in the seed; the template is found by vector search in visual_templates.")
            .Accepts<AudioEvent>("application/json");
        return api;
    }

    public sealed record ComposeBody(string? Prompt, long? Seed);

    public sealed record ComposeResponse(string RequestId, long Seed, IReadOnlyList<Suggestion> Suggestions);

    public sealed record HarmonizeBody(string? TrackId);

    public sealed record HarmonizeResponse(string RequestId, IReadOnlyList<Suggestion> Suggestions);

    static async Task<IResult> ComposeAsync(string id, HttpRequest request, ProjectCatalog catalog, SuggestionBoard board, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<ComposeBody>(request, 16 * 1024, "{\"prompt\": string, \"seed\"?: integer}", ct);
        if (problem is not null) return problem;
        if (!PromptParser.TryParse(body!.Prompt, out _, out var error)) return Problems.BadRequest("invalid_prompt", error!);
        if (await catalog.Log.GetAsync(id, ct) is null) return Problems.ProjectNotFound(id);
        var seed = body.Seed ?? Random.Shared.NextInt64(1, 1_000_000_000);
        var (requestId, suggestions) = await board.ComposeAsync(id, body.Prompt!, seed, UserIdentity.Of(request), ComposeWait, ct);
        return Results.Ok(new ComposeResponse(requestId, seed, suggestions));
    }

    static async Task<IResult> HarmonizeAsync(string id, HttpRequest request, SuggestionBoard board, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<HarmonizeBody>(request, 4 * 1024, "{\"track_id\": string}", ct);
        if (problem is not null) return problem;
        if (body!.TrackId is null) return Problems.BadRequest("invalid_value", "expected {\"track_id\": string}");
        var (requestId, suggestions) = await board.HarmonizeAsync(id, body.TrackId, UserIdentity.Of(request), ComposeWait, ct);
        return Results.Ok(new HarmonizeResponse(requestId, suggestions));
    }

    public sealed record VisualEffectBody(string? Instrument, int? Velocity, double? Frequency, double? Duration);

    const string VisualEffectUsage = "{\"instrument\": string, \"velocity\": 0–127, \"frequency\": Hz, \"duration\"?: seconds}";

    static async Task<IResult> VisualEffectAsync(HttpRequest request, StudioAgents agents, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<VisualEffectBody>(request, 4 * 1024, VisualEffectUsage, ct);
        if (problem is not null) return problem;
        if (body!.Instrument is not { Length: > 0 and <= 64 } instrument || body.Velocity is not (>= 0 and <= 127) || body.Frequency is not (> 0 and < 100_000)
            || body.Duration is < 0 or > 600)
            return Problems.BadRequest("invalid_value", $"expected {VisualEffectUsage}");
        var audio = new AudioEvent(instrument, body.Velocity.Value, body.Frequency.Value, 0, body.Duration ?? 0.25);
        var response = await agents.Engine.RequestAsync(new AgentMessage
        {
            From = "studio",
            To = [AgentIds.Visual],
            Topic = AgentTopics.VisualRender,
            Type = MessageType.Query,
            Payload = new MessagePayload { Action = "render", Data = AgentContext.Data(audio) },
        }, TimeSpan.FromSeconds(5), ct);
        return Results.Ok(response.Payload.Data);
    }
}
