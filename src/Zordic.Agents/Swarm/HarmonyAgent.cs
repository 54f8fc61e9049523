using System.Text.Json;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The seed's Harmony Agent. On <c>beat.created</c> it writes the genre's chords and a bass line locked to
/// the beat's kicks; on <c>harmony.requested</c> it harmonizes a melody someone wrote with the
/// <see cref="Harmonizer"/> fitted on the Nottingham tunes, preferring the project's key. Either way it
/// stores the progression in <c>harmony_patterns</c> and publishes <c>harmony.suggested</c> with the
/// request's correlation id.
/// </summary>
public sealed class HarmonyAgent(PatternLibrary library, Harmonizer? harmonizer = null) : IAgent
{
    readonly Harmonizer _harmonizer = harmonizer ?? Harmonizer.Default;

    public string Id => AgentIds.Harmony;
    public IReadOnlyList<string> Subscriptions => [AgentTopics.BeatCreated, AgentTopics.HarmonyRequested];

    public Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct) => message.Topic switch
    {
        AgentTopics.BeatCreated => AnswerBeatAsync(message, context, ct),
        AgentTopics.HarmonyRequested => HarmonizeAsync(message, context, ct),
        _ => throw new ArgumentException($"the harmony agent does not handle '{message.Topic}'"),
    };

    async Task AnswerBeatAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        var beatId = message.Payload.PatternId!;
        var beat = message.Payload.Data!.Value.Deserialize<BeatCreated>(AgentJson.Options)!;
        var progression = HarmonyGenerator.Generate(PromptParser.Parse(beat.Request.Prompt), beat.Request.Seed, beat.KickSteps);
        await SuggestAsync(progression, beat.Request, beatId, null, context, ct);
    }

    async Task HarmonizeAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        var request = message.Payload.Data!.Value.Deserialize<HarmonizeRequest>(AgentJson.Options)!;
        var melody = SketchJson.FromJson(request.Melody);
        var notes = melody.Tracks.SelectMany(t => t.Notes).ToList();
        var harmonization = _harmonizer.Harmonize(notes, melody.TimeSignature, melody.Key);
        if (harmonization.Chords.Count == 0) throw new ArgumentException("the melody has no notes to harmonize");
        var progression = MelodyHarmony.Arrange(harmonization, notes, melody.Bpm, melody.TimeSignature, melody.Bars);
        await SuggestAsync(progression, request.Request, null, request.TrackId, context, ct);
    }

    async Task SuggestAsync(ChordProgression progression, ComposeRequest request, string? beatId, string? melodyTrackId, AgentContext context, CancellationToken ct)
    {
        var id = Guid.CreateVersion7().ToString();
        var embedding = PatternEmbeddings.Progression(progression.Chords, progression.Sketch.Key);
        await library.StoreHarmonyAsync(id, progression, beatId, melodyTrackId, embedding, ct);
        await context.PublishAsync(AgentTopics.HarmonySuggested, new MessagePayload
        {
            PatternId = id,
            Action = "suggested",
            Data = AgentContext.Data(new PartSuggested(beatId, request, JsonSerializer.SerializeToElement(SketchJson.ToMessageJson(progression.Sketch)))),
        }, vector: embedding, ct: ct);
    }
}
