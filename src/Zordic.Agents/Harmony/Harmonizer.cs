using Zordic.Agents.Models;
using Zordic.Agents.Parts;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Harmony;

/// <summary>
/// Harmonizes a melody: the key and a chord sequence decoded from the melody alone with the fitted
/// <see cref="HarmonizerModel"/>. Pure and thread-safe.
/// </summary>
public sealed class Harmonizer(HarmonizerModel model)
{
    /// <summary>The harmonizer with the committed parameters.</summary>
    public static Harmonizer Default { get; } = new(AgentModels.Default.Harmonizer);

    public HarmonizerModel Model => model;

    /// <summary>
    /// What the key the musician chose adds to that key's decoding score (the model's log-potential: e³,
    /// about twenty to one). It settles a near tie and leaves a melody that plainly says another key alone;
    /// the model is sure of most keys even from two bars, so it rarely decides, and forcing the musician's
    /// key on every melody would cost far more chords than it saves (docs/experiments/harmonizer.md).
    /// </summary>
    public const float ProjectKeyPreference = 3f;

    public Harmonization Harmonize(IReadOnlyList<GeneratedNote> melody, TimeSignature timeSignature, MusicalKey? projectKey = null) =>
        Harmonize(melody.Select(n => new MidiNote(n.Start, n.Duration, n.Pitch, n.Velocity)).ToList(), timeSignature, projectKey);

    /// <summary>
    /// Chords for a monophonic melody (the highest note wins where notes overlap), on the metre's bar grid
    /// from tick 0. The key comes from the melody; a <paramref name="projectKey"/> among the keys the melody
    /// fits is preferred (<see cref="ProjectKeyPreference"/>), and then named as the project names it.
    /// </summary>
    public Harmonization Harmonize(IReadOnlyList<MidiNote> melody, TimeSignature timeSignature, MusicalKey? projectKey = null)
    {
        ArgumentNullException.ThrowIfNull(melody);
        var ordered = Monophonic(melody);
        if (ordered.Count == 0) return new Harmonization(projectKey ?? MusicalKey.CMajor, []);
        var frames = new MelodyFrames(ordered, timeSignature, ordered[^1].EndTick);
        int? preferred = projectKey is { } pk ? KeyReference.MajorTonic(pk) : null;
        var (key, path) = model.Decode(frames, preferredKey: preferred, preference: ProjectKeyPreference);
        var spans = new List<ChordSpan>();
        var first = (int)(ordered[0].StartTick / MelodyFrames.FrameTicks);
        for (var t = first; t < path.Length;)
        {
            var end = t + 1;
            while (end < path.Length && path[end] == path[t]) end++;
            spans.Add(new ChordSpan((long)t * MelodyFrames.FrameTicks, (long)end * MelodyFrames.FrameTicks, model.ChordOf(path[t], key)));
            t = end;
        }
        var musicalKey = key == preferred ? projectKey!.Value : KeyOf(key, spans);
        return new Harmonization(musicalKey, Decorate(spans, key));
    }

    /// <summary>The chord of every eighth-note frame from tick 0 to <paramref name="endTick"/> (as the evaluation compares them).</summary>
    public Chord[] FrameChords(IReadOnlyList<MidiNote> melody, TimeSignature timeSignature, long endTick)
    {
        var frames = new MelodyFrames(melody, timeSignature, endTick);
        var (key, path) = model.Decode(frames);
        return path.Select(s => model.ChordOf(s, key)).ToArray();
    }

    // Minor when the tune ends on the relative minor's tonic chord (vi), else the major key.
    static MusicalKey KeyOf(int majorTonic, List<ChordSpan> spans)
    {
        var relativeMinor = (PitchClass)((majorTonic + 9) % 12);
        return spans.Count > 0 && spans[^1].Chord.Root == relativeMinor && spans[^1].Chord.Quality == ChordQuality.Minor
            ? new MusicalKey(relativeMinor, Mode.Minor)
            : new MusicalKey((PitchClass)majorTonic, Mode.Major);
    }

    // The key's dominant resolving to its tonic (or the relative minor's) gets its seventh (D7 → G), as the tunes write it.
    static List<ChordSpan> Decorate(List<ChordSpan> spans, int majorTonic)
    {
        var result = new List<ChordSpan>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var chord = spans[i].Chord;
            if (chord.Quality == ChordQuality.Major && i + 1 < spans.Count)
            {
                var next = spans[i + 1].Chord;
                var root = ((int)chord.Root - majorTonic + 12) % 12;
                var nextRoot = ((int)next.Root - majorTonic + 12) % 12;
                if ((root, nextRoot) is (7, 0) or (4, 9))
                    chord = chord with { Extension = ChordExtension.Seventh };
            }
            result.Add(spans[i] with { Chord = chord });
        }
        return result;
    }

    static List<MidiNote> Monophonic(IReadOnlyList<MidiNote> melody)
    {
        var sorted = melody.Where(n => n.DurationTicks > 0).OrderBy(n => n.StartTick).ThenByDescending(n => n.Pitch).ToList();
        var result = new List<MidiNote>(sorted.Count);
        foreach (var n in sorted)
        {
            if (result.Count > 0 && result[^1].StartTick == n.StartTick) continue;
            if (result.Count > 0 && result[^1].EndTick > n.StartTick) result[^1] = result[^1] with { DurationTicks = n.StartTick - result[^1].StartTick };
            result.Add(n);
        }
        return result;
    }
}
