using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;
using Zordic.Music.Time;

namespace Zordic.Agents.Beat;

/// <summary>
/// Plays a beat's bars: every hit gets its velocity and micro-timing from its bar source's touch, the mood
/// moves both, and where the source has a recorded feel each bar is made as loose and as dynamic as a bar
/// drawn from the style's recordings. Swing delays the odd sixteenths; trap gets its hi-hat rolls.
/// </summary>
internal static class DrumHumanizer
{
    const int Step = Ticks.PerSixteenth;
    /// <summary>How much an energetic mood adds to every velocity (a laid-back one takes as much away; dark a little).</summary>
    const int EnergeticVelocity = 8, LaidBackVelocity = -8, DarkVelocity = -3;
    /// <summary>Ticks that snares and hats sit behind the beat when laid back, or ahead of it when energetic.</summary>
    const int LaidBackTiming = 8, EnergeticTiming = -3;

    public static List<GeneratedNote> Play(IReadOnlyList<DrumBar> bars, IBarSource source, MusicPrompt prompt, SeededRandom random, bool startsOnDownbeat)
    {
        var notes = new List<GeneratedNote>(bars.Count * 24);
        var moodVelocity = prompt.Mood switch
        {
            Mood.Energetic or Mood.Aggressive => EnergeticVelocity,
            Mood.LaidBack or Mood.Chill => LaidBackVelocity,
            Mood.Dark => DarkVelocity,
            _ => 0,
        };
        var moodTiming = prompt.Mood switch { Mood.LaidBack or Mood.Chill => LaidBackTiming, Mood.Energetic or Mood.Aggressive => EnergeticTiming, _ => 0 };
        var swingTicks = (int)Math.Round(Math.Clamp(prompt.Swing - source.BuiltInSwing, 0, 1) * Step / 3.0);
        var ticksPerMs = prompt.Bpm * Ticks.PerQuarter / 60_000.0;
        // One bar's hits: where each sits (its touch plus the mood) and how it deviates.
        var count = DrumVoices.Count * DrumBar.Steps;
        var voices = new DrumVoice[count];
        var steps = new int[count];
        Span<double> timing = stackalloc double[count], timingDeviation = stackalloc double[count];
        Span<double> velocity = stackalloc double[count], velocityDeviation = stackalloc double[count];
        for (var b = 0; b < bars.Count; b++)
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
                    voices[n] = voice;
                    steps[n] = s;
                    var touch = source.Touch(voice, s, random);
                    (velocity[n], velocityDeviation[n], timing[n], timingDeviation[n]) = touch;
                    if (voice is not DrumVoice.Kick) timing[n] += moodTiming;
                    velocity[n] += moodVelocity;
                    n++;
                }
            }
            if (source.BarFeel is { } style)
            {
                // The bar's feel: how loose and how dynamic this bar is, drawn from the style's recorded bars;
                // the deviations are scaled so that the bar's spread (around its own mean) is that.
                var targetTiming = GrooveStyle.Quantile(style.BarTimingSpreadMs, random.NextDouble()) * ticksPerMs;
                var loose = Unclipped(timing[..n], timingDeviation[..n], targetTiming, FeelScale(timing[..n], timingDeviation[..n], targetTiming));
                for (var i = 0; i < n; i++) timing[i] += loose * timingDeviation[i];
                for (var i = 0; i < n; i++) velocity[i] += velocityDeviation[i];
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
            if (prompt.HatRolls && prompt.Genre == Genre.Trap && b % 2 == 1) AddHatRoll(notes, b, random);
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
