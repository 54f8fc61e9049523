using System.Text.Json;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The data of <c>beat.created</c>: the seed's bpm, key and duration, and what the melody and harmony
/// agents need to answer (the prompt, the seed, the beat's kicks and accents), plus the beat itself.
/// </summary>
public sealed record BeatCreated(
    double Bpm,
    string Key,
    int Duration,
    ComposeRequest Request,
    IReadOnlyList<ushort> KickSteps,
    IReadOnlyList<int> Accents,
    JsonElement Sketch);

/// <summary>
/// The data of <c>melody.suggested</c> and <c>harmony.suggested</c>: what was made, for which request and
/// beat (none when the harmony answers <c>harmony.requested</c>, a melody someone wrote).
/// </summary>
public sealed record PartSuggested(string? BeatPatternId, ComposeRequest Request, JsonElement Sketch);
