using System.Text.Json;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Harmony;
using Zordic.Agents.Melody;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The seed's Melody Agent: on <c>beat.created</c> it fetches the beat pattern, searches
/// <c>melody_patterns</c> for similar melodies in its key and length, and writes a melody on the
/// beat's accents over the chords the harmony agent writes for the same request (the same pure
/// function, so the two agree without waiting for each other); stores it and publishes
/// <c>melody.suggested</c> with the request's correlation id.
/// </summary>
public sealed class MelodyAgent(PatternLibrary library, MelodyGenerator generator) : IAgent
{
    public string Id => AgentIds.Melody;
    public IReadOnlyList<string> Subscriptions => [AgentTopics.BeatCreated];

    public async Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        var beatId = message.Payload.PatternId!;
        var beat = message.Payload.Data!.Value.Deserialize<BeatCreated>(AgentJson.Options)!;
        var stored = await library.FindBeatAsync(beatId, ct) ?? throw new InvalidOperationException($"beat pattern '{beatId}' is not in beat_patterns");
        var inspiration = await library.SimilarMelodiesAsync(stored.Embedding, beat.Key, beat.Duration, ct);
        var prompt = PromptParser.Parse(beat.Request.Prompt);
        var chords = HarmonyGenerator.Generate(prompt, beat.Request.Seed, beat.KickSteps).Chords;
        var melody = generator.Compose(new MelodyRequest(prompt, beat.Request.Seed, beat.Accents, chords, inspiration.Count > 0 ? inspiration : null));
        var id = Guid.CreateVersion7().ToString();
        var embedding = PatternEmbeddings.Melody([.. melody.Tracks.SelectMany(t => t.Notes)], melody.Key, melody.Bars);
        await library.StoreMelodyAsync(id, melody, beatId, embedding, ct);
        await context.PublishAsync(AgentTopics.MelodySuggested, new MessagePayload
        {
            PatternId = id,
            Action = "suggested",
            Data = AgentContext.Data(new PartSuggested(beatId, beat.Request, JsonSerializer.SerializeToElement(SketchJson.ToMessageJson(melody)))),
        }, vector: embedding, ct: ct);
    }
}
