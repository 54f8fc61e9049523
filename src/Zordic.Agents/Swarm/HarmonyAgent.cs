using System.Text.Json;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The seed's Harmony Agent: on <c>beat.created</c> writes a progression idiomatic to the genre, voiced
/// smoothly with a bass line that follows the beat's kicks; stores it in <c>harmony_patterns</c> and
/// publishes <c>harmony.suggested</c>.
/// </summary>
public sealed class HarmonyAgent(PatternLibrary library) : IAgent
{
    public string Id => AgentIds.Harmony;
    public IReadOnlyList<string> Subscriptions => [AgentTopics.BeatCreated];

    public async Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        var beatId = message.Payload.PatternId!;
        var beat = message.Payload.Data!.Value.Deserialize<BeatCreated>(AgentJson.Options)!;
        var progression = HarmonyGenerator.Generate(PromptParser.Parse(beat.Request.Prompt), beat.Request.Seed, beat.KickSteps);
        var id = Guid.CreateVersion7().ToString();
        var embedding = PatternEmbeddings.Progression(progression.Chords, progression.Sketch.Key);
        await library.StoreHarmonyAsync(id, progression, beatId, embedding, ct);
        await context.PublishAsync(AgentTopics.HarmonySuggested, new MessagePayload
        {
            PatternId = id,
            Action = "suggested",
            Data = AgentContext.Data(new PartSuggested(beatId, beat.Request, JsonSerializer.SerializeToElement(SketchJson.ToMessageJson(progression.Sketch)))),
        }, vector: embedding, ct: ct);
    }
}
