using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Beat;

/// <summary>A generated beat: the drum sketch, its grid per bar (for embeddings and comparison) and where its feel came from.</summary>
/// <param name="Source">The Groove style it was learned from, or "idiom:house" for a written idiom with a learned feel.</param>
public sealed record DrumBeat(MusicPrompt Prompt, long Seed, Sketch Sketch, IReadOnlyList<DrumBar> Bars, string Source)
{
    /// <summary>Ticks of the strong hits (kick, snare, clap), for a melody or bass to lock onto.</summary>
    public IReadOnlyList<int> Accents => Sketch.Tracks[0].Notes
        .Where(n => n.Pitch is 36 or 38 or 39 or 40)
        .Select(n => n.Start).Distinct().Order().ToList();
}
