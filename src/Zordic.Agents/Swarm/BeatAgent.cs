using System.Text.Json;
using Zordic.Agents.Beat;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The seed's Beat Agent: turns a prompt into drums, stores the pattern with its embedding in
/// <c>beat_patterns</c>, and publishes <c>beat.created</c> (kept in shared memory as <c>swarm/beat/{id}</c>).
/// </summary>
public sealed class BeatAgent(PatternLibrary library, BeatGenerator generator) : IAgent
{
    public string Id => AgentIds.Beat;
    public IReadOnlyList<string> Subscriptions => [AgentTopics.BeatRequested];

    public async Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        var request = message.Payload.Data!.Value.Deserialize<ComposeRequest>(AgentJson.Options)!;
        var beat = generator.Generate(PromptParser.Parse(request.Prompt), request.Seed);
        var id = Guid.CreateVersion7().ToString();
        var embedding = PatternEmbeddings.Beat(beat);
        await library.StoreBeatAsync(id, beat, request, embedding, ct);
        var created = new BeatCreated(beat.Sketch.Bpm, beat.Sketch.Key.ToString(), beat.Sketch.Bars, request,
            [.. beat.Bars.Select(b => b.Kick)], beat.Accents, JsonSerializer.SerializeToElement(SketchJson.ToMessageJson(beat.Sketch)));
        await context.PublishAsync(AgentTopics.BeatCreated,
            new MessagePayload { PatternId = id, Action = "created", Data = AgentContext.Data(created) },
            memoryKey: $"swarm/beat/{id}", vector: embedding, ct: ct);
    }
}
