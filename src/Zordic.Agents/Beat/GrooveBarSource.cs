using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Beat;

/// <summary>
/// Bars drawn from the Groove recordings of one style: a main bar and its cousin from the style's most
/// played bars, varied bar to bar with the style's own ghost-note probabilities and syncopation, the
/// style's fills spliced in at phrase ends, a crash where its drummers play one; every hit's touch from its
/// step's statistics, each bar's looseness and dynamics from how the style's recorded bars varied.
/// </summary>
internal sealed class GrooveBarSource : IBarSource
{
    /// <summary>How sharply the choice of the main bar follows the beat's drawn syncopation (share of onsets on odd 16ths).</summary>
    const double SyncopationFit = 0.1;
    /// <summary>How sharply the choice follows the density (onsets) the complexity asks for.</summary>
    const double DensityFit = 4.0;
    /// <summary>How sharply the cousin stays near the main bar (steps that differ).</summary>
    const double CousinFit = 2.0;
    /// <summary>What the main bar itself weighs as its own cousin: rarely, so the third bar usually differs.</summary>
    const double CousinSameAsMain = 0.05;
    /// <summary>A hit played in at least this share of the style's bars is a strong hit: variation never drops it.</summary>
    const double StrongHit = 0.5;
    /// <summary>A weak hit is dropped with this times (1 − its probability).</summary>
    const double DropRate = 0.12;
    /// <summary>Steps the style's drummers play in fewer bars than this never gain a ghost note.</summary>
    const double GhostFloor = 0.02;
    /// <summary>A ghost note is added with its step's probability times this, plus <see cref="GhostRatePerComplexity"/> × complexity.</summary>
    const double GhostRate = 0.05, GhostRatePerComplexity = 0.25;
    /// <summary>Notes a bar may gain or lose on its way to its drawn syncopation.</summary>
    const int MaxSyncopationChanges = 6;
    /// <summary>The fills a phrase end chooses among (the style's most played).</summary>
    const int FillChoices = 16;
    /// <summary>A fill takes the last half bar with this chance (plus the complexity's share), otherwise the last beat.</summary>
    const double HalfBarFill = 0.35, HalfBarFillPerComplexity = 0.4;
    /// <summary>A style plays a crash on the phrase's downbeat when its drummers hit one there in more bars than this.</summary>
    const double CrashPlayed = 0.04;
    /// <summary>How often a crash marks the beat's first bar and each later phrase's.</summary>
    const double FirstCrash = 0.5, PhraseCrash = 0.8;

    readonly GrooveStyle _style;
    readonly IReadOnlyList<WeightedBar> _fills;
    readonly double _complexity;

    GrooveBarSource(GrooveStyle style, IReadOnlyList<WeightedBar> fills, double complexity, double builtInSwing, DrumBar main, DrumBar cousin)
    {
        _style = style;
        _fills = fills;
        _complexity = complexity;
        BuiltInSwing = builtInSwing;
        Main = main;
        Cousin = cousin;
    }

    /// <summary>
    /// Draws the main bar and its cousin from <paramref name="style"/>'s library; <paramref name="fills"/> are
    /// the style's own, or another style's where it has none.
    /// </summary>
    public static GrooveBarSource Draw(GrooveStyle style, IReadOnlyList<WeightedBar> fills, Genre genre, double complexity, bool startsOnDownbeat, SeededRandom random)
    {
        var syncopation = GrooveStyle.Quantile(style.BarSyncopation, random.NextDouble());
        var main = PickPattern(style.Patterns, random, complexity, startsOnDownbeat, genre, null, syncopation);
        var cousin = PickPattern(style.Patterns, random, complexity, startsOnDownbeat, genre, main, syncopation);
        // The recorded timing holds the drummers' swing, which is the genre's default.
        return new GrooveBarSource(style, fills, complexity, GenreDefaults.For(genre).Swing, main, cousin);
    }

    public string Name => _style.Name;
    public DrumBar Main { get; }
    public DrumBar Cousin { get; }
    public GrooveStyle? BarFeel => _style;
    public double BuiltInSwing { get; }

    public DrumBar Vary(DrumBar bar, SeededRandom random)
    {
        var varied = Ghosts(bar, random);
        var syncopation = GrooveStyle.Quantile(_style.BarSyncopation, random.NextDouble());
        return Syncopate(varied, syncopation, random);
    }

    public DrumBar Fill(DrumBar bar, SeededRandom random)
    {
        var fill = _fills[random.Next(Math.Min(_fills.Count, FillChoices))].Bar;
        var from = random.Chance(HalfBarFill + HalfBarFillPerComplexity * _complexity) ? 8 : 12;
        return Splice(bar, fill, from);
    }

    public DrumBar OpenPhrase(DrumBar bar, int index, SeededRandom random) =>
        _style.OnsetProbability[GrooveStyle.Cell(DrumVoice.Crash, 0)] > CrashPlayed && random.Chance(index == 0 ? FirstCrash : PhraseCrash)
            ? bar.Set(DrumVoice.Crash, 0)
            : bar;

    public DrumTouch Touch(DrumVoice voice, int step, SeededRandom random)
    {
        var cell = GrooveStyle.Cell(voice, step);
        return new DrumTouch(_style.VelocityMean[cell], _style.VelocitySpread[cell] * random.NextGaussian(),
            _style.TimingMean[cell], _style.TimingSpread[cell] * random.NextGaussian());
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
            var w = Math.Sqrt(patterns[i].Count) * Math.Exp(-Math.Abs(bar.Onsets - target) / DensityFit);
            if (near is { } n) w *= bar == n ? CousinSameAsMain : Math.Exp(-bar.Distance(n) / CousinFit);
            w *= Math.Exp(-Math.Abs(bar.Syncopation - syncopation) / SyncopationFit);
            weights[i] = w;
        }
        return patterns[random.Choose(weights)].Bar;
    }

    // Ghost notes come and go where the style's drummers put them; strong hits stay.
    DrumBar Ghosts(DrumBar bar, SeededRandom random)
    {
        for (var v = 0; v < DrumVoices.LearnedCount; v++)
        {
            var voice = (DrumVoice)v;
            if (voice == DrumVoice.Crash) continue;
            for (var s = 0; s < DrumBar.Steps; s++)
            {
                var p = _style.OnsetProbability[GrooveStyle.Cell(voice, s)];
                if (bar.Has(voice, s))
                {
                    if (p < StrongHit && random.Chance((1 - p) * DropRate)) bar = bar.Set(voice, s, false);
                }
                else if (p > GhostFloor && random.Chance(p * (GhostRate + GhostRatePerComplexity * _complexity))) bar = bar.Set(voice, s);
            }
        }
        return bar;
    }

    // Drummers syncopate some bars more than others: a bar's share of onsets on odd 16ths is drawn from the
    // style's recorded bars, and the bar moves towards it a step at a time, adding off-beat notes where the
    // style's drummers put them or dropping its weaker off-beat notes (a strong hit stays).
    DrumBar Syncopate(DrumBar bar, double target, SeededRandom random)
    {
        const int Odd = 0xAAAA;
        Span<double> weights = stackalloc double[DrumVoices.LearnedCount * DrumBar.Steps];
        for (var change = 0; change < MaxSyncopationChanges; change++)
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
                    var p = _style.OnsetProbability[GrooveStyle.Cell(voice, s)];
                    var on = (steps & (1 << s)) != 0;
                    if (adding && !on) weights[v * DrumBar.Steps + s] = p;
                    else if (!adding && bar.Has(voice, s)) weights[v * DrumBar.Steps + s] = p < StrongHit ? 1 - p : 0;
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
                    if (_style.OnsetProbability[GrooveStyle.Cell(voice, pickStep)] >= StrongHit) return bar;
                    bar = bar.Set(voice, pickStep, false);
                }
            }
        }
        return bar;
    }

    // The groove up to step `from`, the fill from there.
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
}
