using Zordic.Agents.Models;
using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Music.Document;
using Zordic.Music.Time;

namespace Zordic.Agents.Beat;

/// <summary>
/// Writes drum parts: a main groove drawn from the style's most played bars (or its written idiom),
/// varied bar to bar with the style's own ghost-note probabilities and syncopation, a fill closing each
/// four-bar phrase, velocities and micro-timing drawn from what the drummers of that style played, with
/// each bar's looseness and dynamics drawn from how those drummers' bars varied.
/// Pure: the same prompt and seed give the same beat.
/// </summary>
public sealed class BeatGenerator(BeatModel model)
{
    public static BeatGenerator Default { get; } = new(AgentModels.Default.Beat);

    const int Step = Ticks.PerSixteenth;
    const int FillFallbackBars = 4;
    /// <summary>How sharply the choice of the main bar follows the beat's drawn syncopation (share of onsets on odd 16ths).</summary>
    const double SyncopationFit = 0.1;

    /// <summary>The Groove style a genre learns from (its own, or the one whose feel an idiom borrows).</summary>
    public static string LearnedStyle(Genre genre) => genre switch
    {
        Genre.Rock => "rock",
        Genre.Funk => "funk",
        Genre.Jazz => "jazz",
        Genre.Latin => "latin",
        Genre.HipHop => "hiphop",
        Genre.Afrobeat => "afrobeat",
        Genre.Pop => "pop",
        Genre.Punk => "punk",
        Genre.Soul => "soul",
        Genre.Reggae => "reggae",
        Genre.Disco => "dance",
        Genre.Blues => "blues",
        Genre.Country => "country",
        Genre.NewOrleans => "neworleans",
        _ => DrumIdiom.For(genre)!.FeelFrom,
    };

    /// <summary>The median tempo the drummers of a learned style played at.</summary>
    public double ModelBpm(string style) => model.Style(style).Bpm;

    public DrumBeat Generate(MusicPrompt prompt, long seed)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = SeededRandom.For(seed, "beat");
        var idiom = DrumIdiom.For(prompt.Genre);
        var style = model.Style(LearnedStyle(prompt.Genre));
        var fills = style.Fills.Count > 0 ? style.Fills : model.Style("rock").Fills;
        var startsOnDownbeat = GenreDefaults.For(prompt.Genre).StartsOnDownbeat;
        var c = Math.Clamp(prompt.Complexity, 0, 1);

        // The main groove and a close cousin for the third bar of a phrase.
        DrumBar main, cousin;
        string[]? ghostMarks = null;
        if (idiom is null)
        {
            var syncopation = GrooveStyle.Quantile(style.BarSyncopation, random.NextDouble());
            main = PickPattern(style.Patterns, random, c, startsOnDownbeat, prompt.Genre, null, syncopation);
            cousin = PickPattern(style.Patterns, random, c, startsOnDownbeat, prompt.Genre, main, syncopation);
        }
        else
        {
            var variant = idiom.Variants[random.Next(idiom.Variants.Count)];
            main = FromTemplate(variant, random, c);
            cousin = FromTemplate(variant, random, c);
            ghostMarks = Marks(variant);
        }

        var bars = new DrumBar[prompt.Bars];
        var fillFrom = new int[prompt.Bars];
        for (var b = 0; b < prompt.Bars; b++)
        {
            var bar = b % 4 == 2 && random.Chance(0.5) ? cousin : main;
            bar = idiom is null
                ? Syncopate(Vary(bar, style, random, c), style, GrooveStyle.Quantile(style.BarSyncopation, random.NextDouble()), random)
                : Reghost(bar, ghostMarks!, random, c);
            fillFrom[b] = DrumBar.Steps;
            var phraseEnd = b % 4 == 3 || (b == prompt.Bars - 1 && prompt.Bars >= 2);
            if (phraseEnd && random.Chance(0.55 + 0.4 * c))
            {
                if (idiom is null)
                {
                    var fill = fills[random.Next(Math.Min(fills.Count, FillFallbackBars * 4))].Bar;
                    fillFrom[b] = random.Chance(0.35 + 0.4 * c) ? 8 : 12;
                    bar = Splice(bar, fill, fillFrom[b]);
                }
                else
                {
                    var template = idiom.Fills[random.Next(idiom.Fills.Count)];
                    bar = FromTemplate(template, random, c);
                    fillFrom[b] = 8;
                }
            }
            // A crash marks the top of a phrase in the styles whose drummers play one there.
            if (b % 4 == 0 && idiom is null && style.OnsetProbability[GrooveStyle.Cell(DrumVoice.Crash, 0)] > 0.04 && random.Chance(b == 0 ? 0.5 : 0.8))
                bar = bar.Set(DrumVoice.Crash, 0);
            if (b == 0 && startsOnDownbeat && !bar.StartsOnDownbeat) bar = bar.Set(DrumVoice.Kick, 0);
            bars[b] = bar;
        }

        var notes = Render(bars, style, idiom, ghostMarks, prompt, random, startsOnDownbeat);
        var sketch = new Sketch(prompt.Bpm, TimeSignature.Common, prompt.Key, prompt.Bars,
            [new GeneratedPart("Drums", TrackKind.Drums, notes)]);
        return new DrumBeat(prompt, seed, sketch, bars, idiom is null ? style.Name : "idiom:" + prompt.Genre.Name());
    }

    // Most played bars weigh most; complexity prefers fuller or sparser ones, and a syncopation drawn for the beat
    // from the style's recorded bars prefers bars about that syncopated; the first bar must start on the downbeat.
    static DrumBar PickPattern(IReadOnlyList<WeightedBar> patterns, SeededRandom random, double complexity, bool downbeat, Genre genre, DrumBar? near, double syncopation)
    {
        Span<double> weights = stackalloc double[patterns.Count];
        var densities = patterns.Select(p => p.Bar.Onsets).Order().ToArray();
        var target = densities[(int)Math.Clamp(complexity * (densities.Length - 1), 0, densities.Length - 1)];
        for (var i = 0; i < patterns.Count; i++)
        {
            var bar = patterns[i].Bar;
            var ok = !downbeat || (genre == Genre.Jazz ? bar.StartsOnDownbeat : bar.Has(DrumVoice.Kick, 0));
            if (!ok) { weights[i] = 0; continue; }
            var w = Math.Sqrt(patterns[i].Count) * Math.Exp(-Math.Abs(bar.Onsets - target) / 4.0);
            if (near is { } n) w *= bar == n ? 0.05 : Math.Exp(-bar.Distance(n) / 2.0);
            w *= Math.Exp(-Math.Abs(bar.Syncopation - syncopation) / SyncopationFit);
            weights[i] = w;
        }
        return patterns[random.Choose(weights)].Bar;
    }

    // Ghost notes come and go where the style's drummers put them; strong hits stay.
    static DrumBar Vary(DrumBar bar, GrooveStyle style, SeededRandom random, double complexity)
    {
        for (var v = 0; v < DrumVoices.LearnedCount; v++)
        {
            var voice = (DrumVoice)v;
            if (voice == DrumVoice.Crash) continue;
            for (var s = 0; s < DrumBar.Steps; s++)
            {
                var p = style.OnsetProbability[GrooveStyle.Cell(voice, s)];
                if (bar.Has(voice, s))
                {
                    if (p < 0.5 && random.Chance((1 - p) * 0.12)) bar = bar.Set(voice, s, false);
                }
                else if (p > 0.02 && random.Chance(p * (0.05 + 0.25 * complexity))) bar = bar.Set(voice, s);
            }
        }
        return bar;
    }

    // Drummers syncopate some bars more than others: a bar's share of onsets on odd 16ths is drawn from the
    // style's recorded bars, and the bar moves towards it a step at a time, adding off-beat notes where the
    // style's drummers put them or dropping its weaker off-beat notes (a strong hit, played in most bars, stays).
    static DrumBar Syncopate(DrumBar bar, GrooveStyle style, double target, SeededRandom random)
    {
        const int Odd = 0xAAAA, MaxChanges = 6;
        Span<double> weights = stackalloc double[DrumVoices.LearnedCount * DrumBar.Steps];
        for (var change = 0; change < MaxChanges; change++)
        {
            var steps = 0;
            for (var v = 0; v < DrumVoices.Count; v++) steps |= bar[(DrumVoice)v];
            int n = int.PopCount(steps), odd = int.PopCount(steps & Odd);
            if (n == 0) return bar;
            var share = odd / (double)n;
            var adding = share < target;
            var next = adding ? (odd + 1) / (double)(n + 1) : n > 1 ? (odd - 1) / (double)(n - 1) : share;
            if (Math.Abs(next - target) >= Math.Abs(share - target)) return bar;
            weights.Clear();
            for (var v = 0; v < DrumVoices.LearnedCount; v++)
            {
                var voice = (DrumVoice)v;
                if (voice == DrumVoice.Crash) continue;
                for (var s = 1; s < DrumBar.Steps; s += 2)
                {
                    var p = style.OnsetProbability[GrooveStyle.Cell(voice, s)];
                    var on = (steps & (1 << s)) != 0;
                    if (adding && !on) weights[v * DrumBar.Steps + s] = p;
                    else if (!adding && bar.Has(voice, s)) weights[v * DrumBar.Steps + s] = p < 0.5 ? 1 - p : 0;
                }
            }
            var any = false;
            foreach (var w in weights) any |= w > 0;
            if (!any) return bar;
            var pick = random.Choose(weights);
            var (pickVoice, pickStep) = ((DrumVoice)(pick / DrumBar.Steps), pick % DrumBar.Steps);
            if (adding) bar = bar.Set(pickVoice, pickStep);
            else
            {
                // The step only stops being syncopated when nothing plays on it: a strong hit there ends the thinning.
                for (var v = 0; v < DrumVoices.Count; v++)
                {
                    var voice = (DrumVoice)v;
                    if (!bar.Has(voice, pickStep)) continue;
                    if (style.OnsetProbability[GrooveStyle.Cell(voice, pickStep)] >= 0.5) return bar;
                    bar = bar.Set(voice, pickStep, false);
                }
            }
        }
        return bar;
    }

    // Idiom ghost notes ('g') are re-drawn every bar: a machine groove with a human hand on the ghosts.
    static DrumBar Reghost(DrumBar bar, string[] marks, SeededRandom random, double complexity)
    {
        for (var v = 0; v < DrumVoices.Count; v++)
            for (var s = 0; s < DrumBar.Steps; s++)
                if (marks[v][s] == 'g') bar = bar.Set((DrumVoice)v, s, random.Chance(0.15 + 0.5 * complexity));
        return bar;
    }

    static DrumBar Splice(DrumBar groove, DrumBar fill, int from)
    {
        var keep = (ushort)((1 << from) - 1);
        var result = groove;
        for (var v = 0; v < DrumVoices.Count; v++)
        {
            var voice = (DrumVoice)v;
            result = result.With(voice, (ushort)((groove[voice] & keep) | (fill[voice] & ~keep)));
        }
        return result;
    }

    static DrumBar FromTemplate(IReadOnlyDictionary<DrumVoice, string> template, SeededRandom random, double complexity)
    {
        var bar = default(DrumBar);
        foreach (var (voice, steps) in template)
        {
            for (var s = 0; s < DrumBar.Steps; s++)
            {
                var on = steps[s] switch
                {
                    'x' => true,
                    'o' => random.Chance(0.45 + 0.45 * complexity),
                    'g' => random.Chance(0.15 + 0.5 * complexity),
                    _ => false,
                };
                if (on) bar = bar.Set(voice, s);
            }
        }
        return bar;
    }

    // Which idiom hits are ghosts (played softly): one string of marks per voice.
    static string[] Marks(IReadOnlyDictionary<DrumVoice, string> template)
    {
        var marks = new string[DrumVoices.Count];
        for (var v = 0; v < DrumVoices.Count; v++) marks[v] = template.TryGetValue((DrumVoice)v, out var s) ? s : new string('-', DrumBar.Steps);
        return marks;
    }

    static List<GeneratedNote> Render(DrumBar[] bars, GrooveStyle style, DrumIdiom? idiom, string[]? marks, MusicPrompt prompt, SeededRandom random, bool startsOnDownbeat)
    {
        var notes = new List<GeneratedNote>(bars.Length * 24);
        var looseness = idiom?.Looseness ?? 1.0;
        var moodVelocity = prompt.Mood switch
        {
            Mood.Energetic or Mood.Aggressive => 8,
            Mood.LaidBack or Mood.Chill => -8,
            Mood.Dark => -3,
            _ => 0,
        };
        // Laid back: snares and hats sit behind the beat; energetic: a touch ahead.
        var moodTiming = prompt.Mood switch { Mood.LaidBack or Mood.Chill => 8, Mood.Energetic or Mood.Aggressive => -3, _ => 0 };
        var swingTicks = (int)Math.Round(Math.Clamp(prompt.Swing - GenreDefaults.For(prompt.Genre).Swing * (idiom is null ? 1 : 0), 0, 1) * Step / 3.0);
        var ticksPerMs = prompt.Bpm * Ticks.PerQuarter / 60_000.0;
        // One bar's hits: where each sits (its step's mean plus the mood) and how it deviates (its step's spread × a normal draw).
        var count = DrumVoices.Count * DrumBar.Steps;
        var voices = new DrumVoice[count];
        var steps = new int[count];
        Span<double> timing = stackalloc double[count], timingNoise = stackalloc double[count];
        Span<double> velocity = stackalloc double[count], velocityNoise = stackalloc double[count];
        for (var b = 0; b < bars.Length; b++)
        {
            var bar = bars[b];
            var n = 0;
            for (var v = 0; v < DrumVoices.Count; v++)
            {
                var voice = (DrumVoice)v;
                var mask = bar[voice];
                for (var s = 0; s < DrumBar.Steps; s++)
                {
                    if ((mask & (1 << s)) == 0) continue;
                    var cell = GrooveStyle.Cell(voice, s);
                    voices[n] = voice;
                    steps[n] = s;
                    if (idiom is null)
                    {
                        velocity[n] = style.VelocityMean[cell];
                        velocityNoise[n] = style.VelocitySpread[cell] * random.NextGaussian();
                        timing[n] = style.TimingMean[cell];
                        timingNoise[n] = style.TimingSpread[cell] * random.NextGaussian();
                    }
                    else
                    {
                        var mark = marks![v][s];
                        var accent = s % 4 == 0 ? 100 : s % 2 == 0 ? 90 : 78;
                        velocity[n] = mark == 'g' ? 38 + 8 * random.NextGaussian() : accent + (mark == 'o' ? -8 : 0) + 6 * random.NextGaussian();
                        if (voice == DrumVoice.Kick && mark != 'g') velocity[n] = 108 + 5 * random.NextGaussian();
                        timing[n] = looseness * (style.TimingMean[cell] + style.TimingSpread[cell] * 0.8 * random.NextGaussian());
                        velocityNoise[n] = timingNoise[n] = 0;
                    }
                    if (voice is not DrumVoice.Kick) timing[n] += moodTiming;
                    velocity[n] += moodVelocity;
                    n++;
                }
            }
            if (idiom is null)
            {
                // The bar's feel: how loose and how dynamic this bar is, drawn from the style's recorded bars;
                // the deviations are scaled so that the bar's spread (around its own mean) is that.
                var targetTiming = GrooveStyle.Quantile(style.BarTimingSpreadMs, random.NextDouble()) * ticksPerMs;
                var loose = Unclipped(timing[..n], timingNoise[..n], targetTiming, FeelScale(timing[..n], timingNoise[..n], targetTiming));
                for (var i = 0; i < n; i++) timing[i] += loose * timingNoise[i];
                for (var i = 0; i < n; i++) velocity[i] += velocityNoise[i];
                Dynamics(velocity[..n], GrooveStyle.Quantile(style.BarVelocitySpread, random.NextDouble()));
            }
            for (var i = 0; i < n; i++)
            {
                var (voice, s) = (voices[i], steps[i]);
                var offset = timing[i] + (s % 2 == 1 ? swingTicks : 0);
                var start = (b * DrumBar.Steps + s) * Step + (int)Math.Round(Math.Clamp(offset, -Step / 2 + 1, Step / 2 - 1));
                if (b == 0 && s == 0 && startsOnDownbeat) start = 0;
                start = Math.Max(0, start);
                var duration = voice is DrumVoice.OpenHat or DrumVoice.Crash or DrumVoice.Ride ? Step * 2 : Step / 2;
                notes.Add(new GeneratedNote(voice.GeneralMidiPitch(), start, duration, Math.Clamp((int)Math.Round(velocity[i]), 1, 127)));
            }
            if (prompt.HatRolls && idiom?.Genre == Genre.Trap && b % 2 == 1) AddHatRoll(notes, b, random);
        }
        notes.Sort(static (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Pitch.CompareTo(y.Pitch));
        return notes;
    }

    // A bar's dynamics: its accents and ghost notes stand out from its mean more in some bars than in others.
    // The contrast is scaled so that the bar's velocity spread is the drawn one, re-scaled while the loudest
    // and softest hits, held within MIDI's 1–127, lose some of it.
    static void Dynamics(Span<double> velocity, double target)
    {
        var n = velocity.Length;
        if (n < 2) return;
        double mean = 0;
        foreach (var v in velocity) mean += v;
        mean /= n;
        Span<double> deviation = stackalloc double[n];
        for (var i = 0; i < n; i++) deviation[i] = velocity[i] - mean;
        var scale = 1.0;
        for (var round = 0; round < 3; round++)
        {
            double sum = 0, sq = 0;
            for (var i = 0; i < n; i++)
            {
                velocity[i] = Math.Clamp(mean + scale * deviation[i], 1, 127);
                sum += velocity[i]; sq += velocity[i] * velocity[i];
            }
            var spread = Math.Sqrt(Math.Max(0, (sq - sum * sum / n) / (n - 1)));
            if (spread <= 0 || Math.Abs(spread - target) < 0.5) return;
            scale *= target / spread;
        }
    }

    // Offsets stay within half a step of their own step, which takes some spread from the loosest bars: the
    // scale grows until the kept offsets spread as drawn (a few rounds; the means may already exceed the target).
    static double Unclipped(ReadOnlySpan<double> mean, ReadOnlySpan<double> noise, double target, double scale)
    {
        var n = mean.Length;
        if (n < 2 || scale <= 0) return scale;
        for (var round = 0; round < 4; round++)
        {
            double sum = 0, sq = 0;
            for (var i = 0; i < n; i++)
            {
                var x = Math.Clamp(mean[i] + scale * noise[i], -Step / 2 + 1, Step / 2 - 1);
                sum += x; sq += x * x;
            }
            var spread = Math.Sqrt(Math.Max(0, (sq - sum * sum / n) / (n - 1)));
            if (spread <= 0 || spread >= target - 0.5) return scale;
            scale *= Math.Min(2, target / spread);
        }
        return scale;
    }

    // The k ≥ 0 for which the values mean + k × noise have the given standard deviation; when none has,
    // the k that comes closest (the means alone may already spread more than the target).
    static double FeelScale(ReadOnlySpan<double> mean, ReadOnlySpan<double> noise, double target)
    {
        var n = mean.Length;
        if (n < 2) return 1;
        double mBar = 0, wBar = 0;
        for (var i = 0; i < n; i++) { mBar += mean[i]; wBar += noise[i]; }
        mBar /= n; wBar /= n;
        double a = 0, b = 0, c = 0;
        for (var i = 0; i < n; i++)
        {
            var (dm, dw) = (mean[i] - mBar, noise[i] - wBar);
            a += dw * dw; b += dm * dw; c += dm * dm;
        }
        if (a <= 0) return 0;
        // a k² + 2 b k + c = target² (n − 1), the sample variance of the bar.
        var disc = b * b - a * (c - target * target * (n - 1));
        return Math.Max(0, disc < 0 ? -b / a : (-b + Math.Sqrt(disc)) / a);
    }

    // Trap ratchets: an eighth note of the hats split into triplet sixteenths or 32nds, rising in velocity.
    static void AddHatRoll(List<GeneratedNote> notes, int bar, SeededRandom random)
    {
        var eighth = 4 + 2 * random.Next(6); // somewhere from beat 2 on
        var from = (bar * DrumBar.Steps + eighth) * Step;
        var to = from + 2 * Step;
        notes.RemoveAll(n => n.Pitch == DrumVoice.ClosedHat.GeneralMidiPitch() && n.Start >= from && n.Start < to);
        var count = random.Chance(0.5) ? 3 : 4;
        var spacing = 2 * Step / count;
        for (var i = 0; i < count; i++)
            notes.Add(new GeneratedNote(DrumVoice.ClosedHat.GeneralMidiPitch(), from + i * spacing, spacing / 2, 60 + 12 * i));
    }
}
