using Zordic.Agents.Harmony;
using Zordic.Agents.Models;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Music.Document;
using Zordic.Music.Time;

namespace Zordic.Agents.Melody;

/// <summary>
/// Composes a melody in phrases of four bars — a motif, an answer, the motif again fitted to its new
/// chord, and a cadence — with rhythms from the tunes' bar library chosen to fall on the beat's accents,
/// and pitches drawn from the learned pitch model, kept in key and on chord tones where the beat is strong.
/// Every note is in the key (the generator writes no chromatic notes). Pure: same request, same melody.
/// </summary>
public sealed class MelodyGenerator(MelodyModel model)
{
    public static MelodyGenerator Default { get; } = new(AgentModels.Default.Melody);

    const int Step = Ticks.PerSixteenth;
    const int Steps = 16;
    public const int Low = 62, High = 86, Center = 72;

    public Sketch Compose(MelodyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = request.Prompt;
        var random = SeededRandom.For(request.Seed, "melody");
        var chords = request.Chords ?? HarmonyGenerator.Generate(prompt, request.Seed).Chords;
        var tonic = KeyReference.MajorTonic(prompt.Key);
        var accents = AccentMasks(request.Accents, prompt.Bars);
        var library = Library(request.Inspiration);
        var target = TargetNotes(prompt);

        var notes = new List<GeneratedNote>();
        var prev2 = int.MinValue;
        var prev1 = int.MinValue;
        var last = Center;
        // Per phrase: the motif's rhythm and pitches, kept for the repeat.
        ushort motifRhythm = 0, answerRhythm = 0;
        List<(int Step, int Pitch)> motif = [];
        for (var b = 0; b < prompt.Bars; b++)
        {
            var role = b == prompt.Bars - 1 ? 3 : b % 4;
            var barStart = b * Steps * Step;
            ushort rhythm;
            if (role == 0 && b % 8 == 4 && motifRhythm != 0) rhythm = motifRhythm; // the second phrase restates the motif
            else if (role == 0) rhythm = motifRhythm = PickRhythm(library, accents[b], target, random);
            else if (role == 1) rhythm = answerRhythm = PickRhythm(library, accents[b], target, random, avoid: motifRhythm);
            else if (role == 2) rhythm = motifRhythm != 0 ? motifRhythm : PickRhythm(library, accents[b], target, random);
            else rhythm = CadenceRhythm(library, accents[b], random);
            if (rhythm == 0) rhythm = 1;

            var onsets = Enumerable.Range(0, Steps).Where(s => (rhythm & (1 << s)) != 0).ToArray();
            var barNotes = new List<(int Step, int Pitch)>();
            for (var i = 0; i < onsets.Length; i++)
            {
                var s = onsets[i];
                var tick = barStart + s * Step;
                var chord = ChordAt(chords, tick);
                var strong = s % 4 == 0;
                int pitch;
                var isFinal = role == 3 && i == onsets.Length - 1;
                if (isFinal)
                {
                    // The last phrase comes home to the tonic; inner phrases close on a tone of their chord.
                    pitch = b == prompt.Bars - 1 ? Nearest((int)prompt.Key.Tonic, last) : NearestChordTone(chord, last, prompt);
                }
                else if (role == 2 && motif.FirstOrDefault(m => m.Step == s) is { Pitch: > 0 } echo)
                {
                    // The motif returns; strong notes that clash with the new chord move to its nearest tone.
                    pitch = strong && !chord.Contains(echo.Pitch) ? NearestChordTone(chord, echo.Pitch, prompt) : echo.Pitch;
                    if (random.Chance(0.15 + 0.2 * prompt.Complexity)) pitch = Sample(prev2, prev1, last, chord, strong, tonic, prompt, random);
                }
                else if (role == 0 && b % 8 == 4 && motif.FirstOrDefault(m => m.Step == s) is { Pitch: > 0 } restated && random.Chance(0.7))
                {
                    pitch = strong && !chord.Contains(restated.Pitch) ? NearestChordTone(chord, restated.Pitch, prompt) : restated.Pitch;
                }
                else pitch = Sample(prev2, prev1, last, chord, strong, tonic, prompt, random);

                var next = i + 1 < onsets.Length ? onsets[i + 1] : Steps;
                var length = isFinal ? Steps - s : Math.Min(next - s, 8);
                var velocity = (strong ? 92 : 80) + random.Next(9) - 4 + prompt.Mood switch { Mood.Energetic or Mood.Aggressive => 8, Mood.LaidBack or Mood.Chill => -8, _ => 0 };
                notes.Add(new GeneratedNote(pitch, tick, length * Step - 12, Math.Clamp(velocity, 1, 127)));
                barNotes.Add((s, pitch));
                prev2 = prev1;
                prev1 = pitch - tonic;
                last = pitch;
            }
            if (role == 0 && b % 8 != 4) motif = barNotes;
        }
        _ = answerRhythm;
        return new Sketch(prompt.Bpm, TimeSignature.Common, prompt.Key, prompt.Bars, [new GeneratedPart("Melody", TrackKind.Lead, notes)]);
    }

    static Chord ChordAt(IReadOnlyList<ChordSpan> chords, long tick)
    {
        foreach (var c in chords) if (c.Start <= tick && tick < c.End) return c.Chord;
        return chords[^1].Chord;
    }

    // Draws a pitch from the learned model, in key, near the last note, and on a chord tone when the beat is strong.
    int Sample(int prev2, int prev1, int last, Chord chord, bool strong, int tonic, MusicPrompt prompt, SeededRandom random)
    {
        Span<double> weights = stackalloc double[High - Low + 1];
        for (var p = Low; p <= High; p++)
        {
            var w = 0.0;
            if (prompt.Key.Contains(p))
            {
                w = model.Pitches.Probability(prev2 == int.MinValue ? -100 : prev2, prev1 == int.MinValue ? -100 : prev1, p - tonic);
                // The folk tunes' register sits near this one; the pull keeps long melodies from drifting.
                w *= Math.Exp(-Math.Abs(p - Center) / 9.0);
                var leap = Math.Abs(p - last);
                if (leap > 9) w *= 0.15;
                if (leap == 0) w *= 0.6;
                if (strong) w *= chord.Contains(p) ? 5 : 0.25;
                // Sharpen: a producer wants the likely line more often than the adventurous one.
                w = Math.Pow(w, 1.3);
            }
            weights[p - Low] = w;
        }
        return Low + random.Choose(weights);
    }

    static int Nearest(int pitchClass, int near)
    {
        var best = near;
        var bestDistance = int.MaxValue;
        for (var p = Low; p <= High; p++)
            if (p % 12 == pitchClass && Math.Abs(p - near) < bestDistance) { best = p; bestDistance = Math.Abs(p - near); }
        return best;
    }

    static int NearestChordTone(Chord chord, int near, MusicPrompt prompt)
    {
        var best = near;
        var bestDistance = int.MaxValue;
        for (var p = Low; p <= High; p++)
        {
            if (!chord.IsTriadTone(p) || !prompt.Key.Contains(p)) continue;
            if (Math.Abs(p - near) < bestDistance) { best = p; bestDistance = Math.Abs(p - near); }
        }
        return best;
    }

    static ushort[] AccentMasks(IReadOnlyList<int>? accents, int bars)
    {
        var masks = new ushort[bars];
        if (accents is null || accents.Count == 0)
        {
            Array.Fill(masks, (ushort)(1 | 1 << 4 | 1 << 8 | 1 << 12));
            return masks;
        }
        foreach (var tick in accents)
        {
            var step = (int)Math.Round(tick / (double)Step);
            var bar = step / Steps;
            if (bar >= 0 && bar < bars) masks[bar] |= (ushort)(1 << (step % Steps));
        }
        return masks;
    }

    List<BarRhythm> Library(IReadOnlyList<IReadOnlyList<GeneratedNote>>? inspiration)
    {
        var library = new List<BarRhythm>(model.Rhythms);
        if (inspiration is null) return library;
        // Bars of similar melodies join the library with the weight of a common folk rhythm.
        var weight = model.Rhythms.Count > 0 ? model.Rhythms[0].Count : 1;
        foreach (var melody in inspiration)
        {
            foreach (var bar in melody.GroupBy(n => n.Start / (Steps * Step)))
            {
                ushort mask = 0;
                foreach (var n in bar) if (n.Start % Step == 0) mask |= (ushort)(1 << (n.Start / Step % Steps));
                if ((mask & 1) != 0 && int.PopCount(mask) >= 2) library.Add(new BarRhythm(mask, weight));
            }
        }
        return library;
    }

    static double TargetNotes(MusicPrompt prompt)
    {
        var notes = prompt.Genre switch
        {
            Genre.LoFi or Genre.Techno or Genre.Trap or Genre.DrumAndBass => 4.0,
            Genre.House or Genre.Reggaeton or Genre.Pop or Genre.Rock or Genre.HipHop or Genre.Soul or Genre.Reggae => 5.0,
            Genre.Jazz or Genre.Funk or Genre.Latin => 7.0,
            _ => 6.0,
        };
        return notes + 3 * (prompt.Complexity - 0.4);
    }

    // Rhythms near the genre's density whose notes land on the beat's accents.
    static ushort PickRhythm(List<BarRhythm> library, ushort accents, double target, SeededRandom random, ushort avoid = 0)
    {
        Span<double> weights = stackalloc double[library.Count];
        for (var i = 0; i < library.Count; i++)
        {
            var r = library[i];
            var onAccent = int.PopCount(r.Onsets & accents) / (double)Math.Max(1, r.Notes);
            var w = Math.Sqrt(r.Count) * Math.Exp(-Math.Abs(r.Notes - target) / 1.5) * (0.3 + 2 * onAccent);
            if (r.Onsets == avoid) w *= 0.2;
            weights[i] = w;
        }
        return library[random.Choose(weights)].Onsets;
    }

    // A cadence bar: few notes, the last one long, all starting on the beat or the accents.
    static ushort CadenceRhythm(List<BarRhythm> library, ushort accents, SeededRandom random)
    {
        Span<double> weights = stackalloc double[library.Count];
        for (var i = 0; i < library.Count; i++)
        {
            var r = library[i];
            var lastOnset = 15 - int.LeadingZeroCount(r.Onsets) + 16;
            var ok = r.Notes is >= 1 and <= 4 && lastOnset <= 8;
            weights[i] = ok ? Math.Sqrt(r.Count) * (1 + int.PopCount(r.Onsets & accents)) : 0;
        }
        var any = false;
        foreach (var w in weights) any |= w > 0;
        return any ? library[random.Choose(weights)].Onsets : (ushort)(1 | 1 << 4);
    }
}
