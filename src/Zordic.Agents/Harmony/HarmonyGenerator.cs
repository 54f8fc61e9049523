using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Music.Document;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Harmony;

/// <summary>
/// Writes the chords of a genre: one of its progressions in the prompt's key, voiced with smooth voice
/// leading and played in the genre's rhythm, and a bass line that plays the roots on the kick drum's hits.
/// Pure: the same prompt, seed and kicks give the same harmony.
/// </summary>
public static class HarmonyGenerator
{
    const int Step = Ticks.PerSixteenth;

    /// <param name="kickSteps">The kick's 16th steps in each bar (from the beat), for the bass to lock to; null when there is no beat.</param>
    public static ChordProgression Generate(MusicPrompt prompt, long seed, IReadOnlyList<ushort>? kickSteps = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = SeededRandom.For(seed, "harmony");
        var idiom = GenreProgressions.For(prompt.Genre);
        var minor = prompt.Key.Mode is Mode.Minor or Mode.Dorian or Mode.Phrygian or Mode.Locrian;
        var choices = minor ? idiom.Minor : idiom.Major;
        var degrees = choices[random.Next(choices.Count)];
        var ticksPerBar = (int)TimeSignature.Common.TicksPerBar;

        var spans = new List<ChordSpan>(prompt.Bars);
        for (var b = 0; b < prompt.Bars; b++)
        {
            var degree = degrees[b % degrees.Length];
            // An eight-bar loop turns around: its last bar goes to the dominant when the loop would sit on the tonic.
            if (prompt.Bars >= 8 && b == prompt.Bars - 1 && degree == 0 && degrees.Length == 4) degree = 4;
            var chord = ScaleChords.OnDegree(prompt.Key, degree, idiom.Extension);
            spans.Add(new ChordSpan((long)b * ticksPerBar, (long)(b + 1) * ticksPerBar, chord));
        }

        var chordNotes = new List<GeneratedNote>();
        var pattern = Pattern(idiom.Rhythm, random);
        int[]? previous = null;
        foreach (var span in spans)
        {
            var voicing = VoiceLeading.Voice(span.Chord, previous);
            previous = voicing;
            for (var i = 0; i < pattern.Length; i++)
            {
                var (step, length) = pattern[i];
                var accent = step % 4 == 0 ? 82 : 72;
                foreach (var pitch in voicing)
                    chordNotes.Add(new GeneratedNote(pitch, (int)span.Start + step * Step, length * Step - 10, Math.Clamp(accent + random.Next(7) - 3, 1, 127)));
            }
        }

        var bass = BassLine(spans, kickSteps, prompt, random);
        chordNotes.Sort(static (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Pitch.CompareTo(y.Pitch));
        var sketch = new Sketch(prompt.Bpm, TimeSignature.Common, prompt.Key, prompt.Bars,
        [
            new GeneratedPart("Chords", TrackKind.Chords, chordNotes),
            new GeneratedPart("Bass", TrackKind.Bass, bass),
        ]);
        return new ChordProgression(sketch, spans);
    }

    // (step, length in steps) of each chord hit in a bar.
    static (int Step, int Length)[] Pattern(ChordRhythm rhythm, SeededRandom random) => rhythm switch
    {
        ChordRhythm.Sustained => [(0, 16)],
        ChordRhythm.Halves => [(0, 8), (8, 8)],
        ChordRhythm.OffbeatStabs => random.Chance(0.5) ? [(2, 2), (6, 2), (10, 2), (14, 2)] : [(0, 3), (3, 3), (6, 4), (10, 2), (12, 4)],
        ChordRhythm.Stabs => random.Chance(0.5) ? [(0, 2), (10, 2)] : [(0, 2), (3, 1), (6, 2), (10, 2), (12, 1)],
        ChordRhythm.Pulse => [(0, 3), (3, 3), (6, 2), (8, 3), (11, 3), (14, 2)],
        ChordRhythm.Charleston => [(0, 4), (6, 6)],
        ChordRhythm.Skank => [(4, 2), (12, 2)],
        _ => [(0, 2), (2, 2), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2), (14, 2)],
    };

    // Roots on the kicks (the low end moves as one), a fifth or octave now and then, and a step into the next chord.
    static List<GeneratedNote> BassLine(List<ChordSpan> spans, IReadOnlyList<ushort>? kickSteps, MusicPrompt prompt, SeededRandom random)
    {
        var notes = new List<GeneratedNote>();
        var long808 = prompt.Genre is Genre.Trap or Genre.LoFi or Genre.DrumAndBass;
        for (var b = 0; b < spans.Count; b++)
        {
            var chord = spans[b].Chord;
            var root = 36 + ((int)chord.Root + 12 - 36 % 12) % 12; // C2..B2
            if (root > 45) root -= 12;
            ushort mask = kickSteps is not null && b < kickSteps.Count && kickSteps[b] != 0 ? kickSteps[b] : (ushort)(1 | 1 << 8);
            mask |= 1; // the bass always speaks on the downbeat of its chord
            var steps = Enumerable.Range(0, 16).Where(s => (mask & (1 << s)) != 0).ToArray();
            for (var i = 0; i < steps.Length; i++)
            {
                var next = i + 1 < steps.Length ? steps[i + 1] : 16;
                var pitch = root;
                if (i > 0 && random.Chance(0.25)) pitch = random.Chance(0.5) ? root + 7 : root + 12;
                var length = long808 ? next - steps[i] : Math.Min(next - steps[i], 4);
                notes.Add(new GeneratedNote(pitch, (int)spans[b].Start + steps[i] * Step, length * Step - 15, i == 0 ? 100 : 88));
            }
        }
        return notes;
    }
}
