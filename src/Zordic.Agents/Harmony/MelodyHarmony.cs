using Zordic.Agents.Parts;
using Zordic.Music.Document;
using Zordic.Music.Time;

namespace Zordic.Agents.Harmony;

/// <summary>
/// Turns a melody's <see cref="Harmonization"/> into parts to play under it: block chords voiced with
/// smooth voice leading and struck again on every bar line (a chord held for four bars still sounds when
/// the loop comes round), and a bass on each chord's root at the same moments. The chords sit under the
/// melody: an octave lower than the genre progressions' register when the melody itself lives there.
/// Pure: the same harmonization gives the same parts.
/// </summary>
public static class MelodyHarmony
{
    /// <summary>A melody whose middle note is below this (E5) gets its chords an octave lower, under it.</summary>
    const int HighMelody = 76;

    /// <param name="melody">The melody harmonized (for the register only).</param>
    /// <param name="bars">The length of the parts; the last chord lasts to its end.</param>
    public static ChordProgression Arrange(Harmonization harmonization, IReadOnlyList<GeneratedNote> melody, double bpm, TimeSignature timeSignature, int bars)
    {
        ArgumentNullException.ThrowIfNull(harmonization);
        ArgumentNullException.ThrowIfNull(melody);
        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        var barTicks = timeSignature.TicksPerBar;
        var end = bars * barTicks;
        var spans = harmonization.Chords.Where(s => s.Start < end).Select(s => s with { End = Math.Min(s.End, end) }).ToList();
        if (spans.Count > 0) spans[^1] = spans[^1] with { End = end };

        var pitches = melody.Select(n => n.Pitch).Order().ToArray();
        var shift = pitches.Length > 0 && pitches[pitches.Length / 2] < HighMelody ? -12 : 0;
        var chords = new List<GeneratedNote>();
        var bass = new List<GeneratedNote>();
        int[]? previous = null;
        foreach (var span in spans)
        {
            previous = VoiceLeading.Voice(span.Chord, previous);
            var root = 36 + (int)span.Chord.Root % 12; // C2..B2
            if (root > 45) root -= 12;
            for (var start = span.Start; start < span.End;)
            {
                var next = Math.Min(span.End, (start / barTicks + 1) * barTicks);
                var downbeat = start % barTicks == 0;
                foreach (var p in previous) chords.Add(new GeneratedNote(p + shift, (int)start, Math.Max(1, (int)(next - start) - 10), downbeat ? 78 : 70));
                bass.Add(new GeneratedNote(root, (int)start, Math.Max(1, (int)(next - start) - 15), downbeat ? 100 : 90));
                start = next;
            }
        }
        var sketch = new Sketch(bpm, timeSignature, harmonization.Key, bars,
        [
            new GeneratedPart("Chords", TrackKind.Chords, chords),
            new GeneratedPart("Bass", TrackKind.Bass, bass),
        ]);
        return new ChordProgression(sketch, spans);
    }
}
