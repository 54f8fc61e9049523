using Zordic.Agents.Beat;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Agents.Visual;
using Zordic.Music.Theory;

namespace Zordic.Agents.Embeddings;

/// <summary>
/// Deterministic 64-dimensional embeddings of a beat, a melody, a chord progression and an audio event.
/// Each block describes one musical aspect and is weighted so that no aspect drowns the others; similar
/// patterns (same groove with a ghost note more, same tune transposed) land close together.
/// </summary>
public static class PatternEmbeddings
{
    /// <summary>
    /// Beat: onset rate per 16th step for kick, snare (+clap, side stick), hats (+ride) [48], onset
    /// density per voice group [8], tempo, swing-ish offbeat share, toms and cymbals [8].
    /// </summary>
    public static float[] Beat(DrumBeat beat)
    {
        var v = new float[Embedding.Dimensions];
        var bars = beat.Bars.Count == 0 ? 1 : beat.Bars.Count;
        foreach (var bar in beat.Bars)
        {
            for (var s = 0; s < DrumBar.Steps; s++)
            {
                if (bar.Has(DrumVoice.Kick, s)) v[s] += 1f / bars;
                if (bar.Has(DrumVoice.Snare, s) || bar.Has(DrumVoice.Clap, s) || bar.Has(DrumVoice.SideStick, s)) v[16 + s] += 1f / bars;
                if (bar.Has(DrumVoice.ClosedHat, s) || bar.Has(DrumVoice.OpenHat, s) || bar.Has(DrumVoice.Ride, s)) v[32 + s] += 0.7f / bars;
            }
            v[48] += int.PopCount(bar.Kick) / 16f / bars;
            v[49] += int.PopCount((ushort)(bar.Snare | bar.Clap | bar.SideStick)) / 16f / bars;
            v[50] += int.PopCount((ushort)(bar.ClosedHat | bar.OpenHat)) / 16f / bars;
            v[51] += int.PopCount(bar.Ride) / 16f / bars;
            v[52] += int.PopCount((ushort)(bar.LowTom | bar.MidTom | bar.HighTom)) / 16f / bars;
            v[53] += int.PopCount(bar.Crash) / 4f / bars;
            v[54] += int.PopCount((ushort)(bar.Kick & 0xAAAA)) / 8f / bars; // kicks off the eighths: syncopation
        }
        v[56] = (float)(beat.Sketch.Bpm / 200.0);
        v[57] = (float)beat.Prompt.Swing;
        return Embedding.Normalize(v);
    }

    /// <summary>
    /// Melody: scale-degree histogram relative to the key's major tonic [12], interval histogram −12…+12
    /// [25], onset rate per 16th step [16], contour (up/down/same), range, density [11 in all].
    /// Transposing a melody together with its key leaves it unchanged.
    /// </summary>
    public static float[] Melody(IReadOnlyList<GeneratedNote> notes, MusicalKey key, int bars)
    {
        var v = new float[Embedding.Dimensions];
        if (notes.Count == 0) return Embedding.Normalize(v);
        var tonic = KeyReference.MajorTonic(key);
        var total = (float)notes.Count;
        for (var i = 0; i < notes.Count; i++)
        {
            var n = notes[i];
            v[((n.Pitch - tonic) % 12 + 12) % 12] += 1 / total;
            v[37 + (n.Start / 120 % 16)] += 1 / total;
            if (i == 0) continue;
            var interval = Math.Clamp(n.Pitch - notes[i - 1].Pitch, -12, 12);
            v[12 + interval + 12] += 1 / total;
            v[53 + Math.Sign(interval) + 1] += 1 / total;
        }
        v[56] = (notes.Max(n => n.Pitch) - notes.Min(n => n.Pitch)) / 24f;
        v[57] = notes.Count / (float)Math.Max(1, bars) / 16f;
        v[58] = (float)notes.Average(n => n.Duration) / 960f;
        return Embedding.Normalize(v);
    }

    /// <summary>
    /// Chord progression: roots relative to the key's major tonic [12] by time, qualities [4], root
    /// motions between chords (0–11 semitones) [12], chord-tone pitch classes relative to the key [12],
    /// extensions [10], chord changes per bar [1].
    /// </summary>
    public static float[] Progression(IReadOnlyList<ChordSpan> chords, MusicalKey key)
    {
        var v = new float[Embedding.Dimensions];
        if (chords.Count == 0) return Embedding.Normalize(v);
        var tonic = KeyReference.MajorTonic(key);
        var length = (float)chords.Sum(c => c.Duration);
        for (var i = 0; i < chords.Count; i++)
        {
            var c = chords[i];
            var share = c.Duration / length;
            var root = ((int)c.Chord.Root - tonic + 12) % 12;
            v[root] += share;
            v[12 + (int)c.Chord.Quality] += share;
            foreach (var interval in c.Chord.Intervals()) v[28 + (root + interval) % 12] += share / 3;
            v[40 + (int)c.Chord.Extension] += share;
            if (i > 0) v[16 + ((int)c.Chord.Root - (int)chords[i - 1].Chord.Root + 12) % 12] += 1f / chords.Count;
        }
        v[50] = chords.Count / (length / 1920f) / 4f;
        return Embedding.Normalize(v);
    }

    /// <summary>
    /// An audio event, for choosing visual templates: effect family one-hot [6], velocity and its scale,
    /// hue as a point on the colour circle (so 359° is near 0°), log frequency, duration.
    /// </summary>
    public static float[] AudioEvent(AudioEvent audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var v = new float[Embedding.Dimensions];
        v[(int)VisualEffects.EffectFor(audio.Instrument)] = 1;
        v[8] = Math.Clamp(audio.Velocity, 0, 127) / 127f;
        v[9] = (float)(VisualMappings.VelocityToScale(audio.Velocity) / 2);
        var hue = VisualMappings.FrequencyToHue(audio.Frequency) * Math.PI / 180;
        v[10] = (float)Math.Cos(hue) * 0.5f;
        v[11] = (float)Math.Sin(hue) * 0.5f;
        v[12] = (float)(VisualMappings.FrequencyToHue(audio.Frequency) / 360);
        v[13] = (float)Math.Min(1, Math.Max(0, audio.Duration) / 2);
        return Embedding.Normalize(v);
    }
}
