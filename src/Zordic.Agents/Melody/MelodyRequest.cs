using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Melody;

/// <summary>What the melody agent is asked: the prompt and seed, and optionally what to fit.</summary>
/// <param name="Accents">Ticks of the beat's strong hits (kick, snare) to lock onto; none = the plain beats.</param>
/// <param name="Chords">The chords to write over; none = the genre progression the harmony agent would write for this seed.</param>
/// <param name="Inspiration">Similar melodies (e.g. found in AgentDb) whose bar rhythms the new melody may borrow.</param>
public sealed record MelodyRequest(
    MusicPrompt Prompt,
    long Seed,
    IReadOnlyList<int>? Accents = null,
    IReadOnlyList<ChordSpan>? Chords = null,
    IReadOnlyList<IReadOnlyList<GeneratedNote>>? Inspiration = null);
