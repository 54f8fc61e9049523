using Zordic.Music.Midi;
using Zordic.Music.Time;

namespace Zordic.Agents.Harmony;

/// <summary>
/// A melody cut into eighth-note frames, the grid the harmonizer decodes on (a quarter-note grid cannot
/// change chords on the dotted quarter of 6/8). For each frame it holds the pitch classes sounding in
/// the frame, its beat, its half bar and its bar, weighted by how long they sound there.
/// </summary>
internal sealed class MelodyFrames
{
    public const int FrameTicks = Ticks.PerQuarter / 2;
    /// <summary>
    /// Frame, beat, half bar, bar, previous bar, next bar, the bar's beats, the next frame, previous and next
    /// half bar, and the four- and eight-bar group (the phrase and the strain: whether this part of the tune
    /// leans to the relative minor or to the dominant).
    /// </summary>
    public const int Scopes = 12;
    public const int MeterGroups = 6;
    public const int MaxPosition = 16;

    public int Count { get; }
    public int MeterGroup { get; }
    public int[] Position { get; }
    public int[] Bar { get; }
    /// <summary>
    /// Bars counted from the melody's first full bar: a tune that opens with a pickup has it as bar −1, so
    /// bar 0 of its phrases is where its first phrase starts and not the pickup's bar.
    /// </summary>
    public int[] BarInTune { get; }
    public int LastBar { get; }
    /// <summary>[scope][frame × 12 + pitch class] duration weight (fraction of the scope).</summary>
    public float[][] PitchWeights { get; }
    /// <summary>Pitch class of the note sounding at each frame's start, or −1 for a rest.</summary>
    public int[] OnsetPitchClass { get; }
    /// <summary>Pitch class of the note struck exactly at each frame's start, or −1.</summary>
    public int[] StruckPitchClass { get; }
    public int BarFrames { get; }
    public int BeatFrames { get; }
    public int HalfFrames { get; }
    /// <summary>The whole melody's pitch-class durations, normalised (for choosing the key).</summary>
    public float[] KeyProfile { get; } = new float[12];
    public int FirstPitchClass { get; } = -1;
    public int LastPitchClass { get; } = -1;

    public MelodyFrames(IReadOnlyList<MidiNote> melody, TimeSignature timeSignature, long endTick)
    {
        var ts = timeSignature.IsValid ? timeSignature : TimeSignature.Common;
        var barFrames = (int)Math.Max(1, ts.TicksPerBar / FrameTicks);
        MeterGroup = MeterGroupOf(ts);
        var compound = ts.Denominator == 8 && ts.Numerator % 3 == 0;
        var beatFrames = compound ? 3 : Math.Max(1, 8 / ts.Denominator);
        var halfFrames = (ts.Numerator, ts.Denominator) switch { (4, 4) or (2, 2) => 4, (2, 4) => 2, (6, 8) => 3, (12, 8) => 6, _ => barFrames };
        var end = Math.Max(endTick, melody.Count > 0 ? melody[^1].EndTick : 0);
        Count = (int)Math.Max(1, (end + FrameTicks - 1) / FrameTicks);
        Position = new int[Count];
        Bar = new int[Count];
        for (var t = 0; t < Count; t++) { Position[t] = t % barFrames; Bar[t] = t / barFrames; }
        LastBar = Bar[Count - 1];
        var firstBar = 0;
        if (melody.Count > 0)
        {
            var barTicks = (long)barFrames * FrameTicks;
            firstBar = (int)(melody[0].StartTick / barTicks) + (melody[0].StartTick % barTicks != 0 ? 1 : 0);
        }
        BarInTune = new int[Count];
        for (var t = 0; t < Count; t++) BarInTune[t] = Bar[t] - firstBar;
        OnsetPitchClass = new int[Count];
        Array.Fill(OnsetPitchClass, -1);
        StruckPitchClass = new int[Count];
        Array.Fill(StruckPitchClass, -1);
        (BarFrames, BeatFrames, HalfFrames) = (barFrames, beatFrames, halfFrames);
        var frame = new float[Count * 12];
        foreach (var note in melody)
        {
            var pc = ((note.Pitch % 12) + 12) % 12;
            KeyProfile[pc] += note.DurationTicks;
            for (var t = (int)(note.StartTick / FrameTicks); t < Count && (long)t * FrameTicks < note.EndTick; t++)
            {
                var from = Math.Max(note.StartTick, (long)t * FrameTicks);
                var to = Math.Min(note.EndTick, (long)(t + 1) * FrameTicks);
                if (to > from) frame[t * 12 + pc] += (to - from) / (float)FrameTicks;
                if (from == (long)t * FrameTicks) OnsetPitchClass[t] = pc;
                if (note.StartTick == (long)t * FrameTicks) StruckPitchClass[t] = pc;
            }
        }
        if (melody.Count > 0)
        {
            FirstPitchClass = ((melody[0].Pitch % 12) + 12) % 12;
            LastPitchClass = ((melody[^1].Pitch % 12) + 12) % 12;
        }
        var total = KeyProfile.Sum();
        if (total > 0) for (var i = 0; i < 12; i++) KeyProfile[i] /= total;
        var bar = Window(frame, barFrames, barFrames);
        Strength = new int[Count];
        for (var t = 0; t < Count; t++) Strength[t] = Position[t] == 0 ? 0 : Position[t] % beatFrames == 0 ? 1 : 2;
        // The notes struck on the bar's beats: the ones a chord must fit.
        var onBeats = new float[Count * 12];
        for (var t = 0; t < Count; t++) if (Strength[t] <= 1 && OnsetPitchClass[t] >= 0) onBeats[t * 12 + OnsetPitchClass[t]] = 1;
        var half = Window(frame, halfFrames, barFrames);
        PitchWeights = [frame, Window(frame, beatFrames, barFrames), half, bar, Shift(bar, -barFrames), Shift(bar, barFrames),
            Window(onBeats, barFrames, barFrames), Shift(frame, 1), Shift(half, -halfFrames), Shift(half, halfFrames),
            Bars(frame, 4), Bars(frame, 8)];
    }

    /// <summary>The bar of frame <paramref name="t"/> within its phrase of <paramref name="phraseBars"/> bars (a pickup is the last).</summary>
    public int PhraseBar(int t, int phraseBars) => ((BarInTune[t] % phraseBars) + phraseBars) % phraseBars;

    /// <summary>Metrical strength of each frame: 0 bar line, 1 beat, 2 between beats.</summary>
    public int[] Strength { get; }

    // The window of the bar before (negative) or after: cadences and progressions look across bar lines.
    float[] Shift(float[] window, int frames)
    {
        var result = new float[window.Length];
        for (var t = 0; t < Count; t++)
        {
            var from = t + frames;
            if (from < 0 || from >= Count) continue;
            Array.Copy(window, from * 12, result, t * 12, 12);
        }
        return result;
    }

    // Each frame sees the mean over its group of bars, counted from the first full bar (a pickup joins the first group).
    float[] Bars(float[] frame, int bars)
    {
        var result = new float[frame.Length];
        var group = new int[Count];
        for (var t = 0; t < Count; t++) group[t] = Math.Max(0, BarInTune[t]) / bars;
        var start = 0;
        while (start < Count)
        {
            var end = start;
            while (end < Count && group[end] == group[start]) end++;
            var sum = new float[12];
            for (var t = start; t < end; t++) for (var pc = 0; pc < 12; pc++) sum[pc] += frame[t * 12 + pc];
            for (var t = start; t < end; t++) for (var pc = 0; pc < 12; pc++) result[t * 12 + pc] = sum[pc] / (end - start);
            start = end;
        }
        return result;
    }

    // Each frame sees the mean of its group of frames (its beat, half bar or bar).
    float[] Window(float[] frame, int size, int barFrames)
    {
        var result = new float[frame.Length];
        Span<float> sum = stackalloc float[12];
        for (var start = 0; start < Count; start += barFrames)
        {
            for (var g = start; g < Math.Min(Count, start + barFrames); g += size)
            {
                var groupEnd = Math.Min(Math.Min(Count, start + barFrames), g + size);
                sum.Clear();
                for (var t = g; t < groupEnd; t++) for (var pc = 0; pc < 12; pc++) sum[pc] += frame[t * 12 + pc];
                for (var t = g; t < groupEnd; t++) for (var pc = 0; pc < 12; pc++) result[t * 12 + pc] = sum[pc] / size;
            }
        }
        return result;
    }

    public static int MeterGroupOf(TimeSignature ts) => (ts.Numerator, ts.Denominator) switch
    {
        (4, 4) or (2, 2) or (4, 2) => 0,
        (2, 4) => 1,
        (3, 4) or (3, 2) => 2,
        (6, 8) or (6, 4) => 3,
        (9, 8) or (12, 8) => 4,
        _ => 5,
    };
}
