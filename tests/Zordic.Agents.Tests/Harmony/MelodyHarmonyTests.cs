using CsCheck;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Music.Document;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Tests.Harmony;

public sealed class MelodyHarmonyTests
{
    static readonly TimeSignature[] Meters = [TimeSignature.Common, new(3, 4), new(6, 8), new(2, 4)];

    // A melody in a random major key and metre: notes of the scale on an eighth-note grid, with rests.
    static readonly Gen<(TimeSignature Meter, int Bars, List<GeneratedNote> Notes)> Melodies =
        from meter in Gen.Int[0, Meters.Length - 1].Select(i => Meters[i])
        from bars in Gen.Int[1, 12]
        from tonic in Gen.Int[0, 11]
        from low in Gen.Int[55, 79]
        from steps in Gen.Int[0, 14].Array[1, 64]
        from lengths in Gen.Int[1, 4].Array[64]
        select (meter, bars, Notes(meter, bars, tonic, low, steps, lengths));

    static List<GeneratedNote> Notes(TimeSignature meter, int bars, int tonic, int low, int[] steps, int[] lengths)
    {
        int[] major = [0, 2, 4, 5, 7, 9, 11];
        var end = bars * meter.TicksPerBar;
        var notes = new List<GeneratedNote>();
        var t = 0;
        for (var i = 0; i < steps.Length && t < end; i++)
        {
            var length = (int)Math.Min(lengths[i] * 240, end - t);
            if (steps[i] < 14)
            {
                var pitch = low + (tonic + major[steps[i] % 7] - low % 12 + 24) % 12 + 12 * (steps[i] / 7);
                notes.Add(new GeneratedNote(pitch, t, length, 90));
            }
            t += length;
        }
        return notes;
    }

    static ChordProgression Arrange(TimeSignature meter, int bars, List<GeneratedNote> notes)
    {
        var harmonization = Harmonizer.Default.Harmonize(notes.Select(n => new MidiNote(n.Start, n.Duration, n.Pitch, n.Velocity)).ToList(), meter);
        return MelodyHarmony.Arrange(harmonization, notes, 100, meter, bars);
    }

    [Fact]
    public void Chords_and_bass_play_the_harmonizers_chords_bar_by_bar_to_the_end() =>
        Melodies.Where(m => m.Notes.Count > 0).Sample(m =>
        {
            var progression = Arrange(m.Meter, m.Bars, m.Notes);
            var (chords, bass) = (progression.Sketch.Tracks[0], progression.Sketch.Tracks[1]);
            Assert.Equal([TrackKind.Chords, TrackKind.Bass], progression.Sketch.Tracks.Select(t => t.Kind));
            var barTicks = m.Meter.TicksPerBar;
            var end = m.Bars * barTicks;
            Assert.Equal(end, progression.Chords[^1].End);
            for (var i = 1; i < progression.Chords.Count; i++) Assert.Equal(progression.Chords[i - 1].End, progression.Chords[i].Start);
            foreach (var span in progression.Chords)
            {
                // Struck at the chord's start and on every bar line inside it; each strike lasts to the next.
                var strikes = bass.Notes.Where(n => n.Start >= span.Start && n.Start < span.End).ToList();
                var expected = new List<long> { span.Start };
                for (var bar = (span.Start / barTicks + 1) * barTicks; bar < span.End; bar += barTicks) expected.Add(bar);
                Assert.Equal(expected, strikes.Select(n => (long)n.Start));
                Assert.All(strikes, n => Assert.Equal((int)span.Chord.Root, n.Pitch % 12));
                Assert.All(strikes, n => Assert.InRange(n.Pitch, 34, 45));
                var tones = chords.Notes.Where(n => n.Start >= span.Start && n.Start < span.End).ToList();
                Assert.All(tones, n => Assert.True(span.Chord.Contains(n.Pitch % 12), $"{n.Pitch} is not in {span.Chord}"));
                Assert.All(tones, n => Assert.True(n.End <= Math.Min(span.End, (n.Start / barTicks + 1) * barTicks), "a chord note rings past its bar or chord"));
                Assert.Equal(expected.Count, tones.Select(n => n.Start).Distinct().Count());
            }
            // Under the melody: a melody in the middle register gets its chords an octave down.
            var median = m.Notes.Select(n => n.Pitch).Order().ElementAt(m.Notes.Count / 2);
            if (median < 76) Assert.All(chords.Notes, n => Assert.True(n.Pitch <= VoiceLeading.High - 12, $"chord note {n.Pitch} over a melody around {median}"));
        }, iter: 100);

    [Fact]
    public void The_same_melody_gives_the_same_parts_and_a_cut_melody_the_chords_up_to_the_cut()
    {
        var notes = Notes(TimeSignature.Common, 8, 7, 67, [0, 2, 4, 2, 0, 4, 3, 1, 0, 6, 5, 4, 3, 2, 1, 0], [2, 2, 2, 2, 4, 4, 2, 2, 4, 2, 2, 2, 2, 2, 2, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
        var a = Arrange(TimeSignature.Common, 8, notes);
        var b = Arrange(TimeSignature.Common, 8, [.. notes]);
        Assert.Equal(a.Chords, b.Chords);
        Assert.Equal(a.Sketch.Tracks.SelectMany(t => t.Notes), b.Sketch.Tracks.SelectMany(t => t.Notes));
        Assert.Equal(new MusicalKey(PitchClass.G, Mode.Major), a.Sketch.Key);
        // Two bars of parts for an eight-bar melody: the chords stop at the end of bar two.
        var cut = MelodyHarmony.Arrange(Harmonizer.Default.Harmonize(notes.Select(n => new MidiNote(n.Start, n.Duration, n.Pitch, n.Velocity)).ToList(), TimeSignature.Common), notes, 100, TimeSignature.Common, 2);
        Assert.Equal(2 * 1920, cut.Chords[^1].End);
        Assert.All(cut.Sketch.Tracks.SelectMany(t => t.Notes), n => Assert.True(n.End <= 2 * 1920));
        Assert.Throws<ArgumentOutOfRangeException>(() => MelodyHarmony.Arrange(new Harmonization(a.Sketch.Key, a.Chords), notes, 100, TimeSignature.Common, 0));
    }
}
