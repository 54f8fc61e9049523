using System.Diagnostics;
using Zordic.Agents.Beat;
using Zordic.Agents.Harmony;
using Zordic.Agents.Melody;
using Zordic.Agents.Models;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Composition;

/// <summary>
/// Beat, then harmony on the beat's kicks, then a melody on the beat's accents and the chords: the chain
/// the agents run on <c>beat.created</c>, in process. Each agent's seed is derived from the one seed.
/// </summary>
public sealed class Composer(AgentModels models)
{
    public static Composer Default { get; } = new(AgentModels.Default);

    readonly BeatGenerator _beats = new(models.Beat);
    readonly MelodyGenerator _melodies = new(models.Melody);

    public Composition Compose(MusicPrompt prompt, long seed, IReadOnlyList<IReadOnlyList<GeneratedNote>>? inspiration = null)
    {
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var beat = _beats.Generate(prompt, seed);
        var beatMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var harmony = HarmonyGenerator.Generate(prompt, seed, beat.Bars.Select(b => b.Kick).ToList());
        var harmonyMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var melody = _melodies.Compose(new MelodyRequest(prompt, seed, beat.Accents, harmony.Chords, inspiration));
        var melodyMs = clock.Elapsed.TotalMilliseconds;
        return new Composition(beat, melody, harmony, new AgentTimings(beatMs, harmonyMs, melodyMs, total.Elapsed.TotalMilliseconds));
    }
}
