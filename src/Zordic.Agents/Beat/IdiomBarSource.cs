using Zordic.Agents.Parts;
using Zordic.Agents.Prompting;

namespace Zordic.Agents.Beat;

/// <summary>
/// Bars written as a genre's idiom (<see cref="DrumIdiom"/>) for the genres the Groove data lacks: one of its
/// variants as the groove, its ghost notes re-drawn every bar (a machine groove with a human hand on the
/// ghosts), one of its fills at phrase ends. Hits are accented by where they fall in the bar; their
/// micro-timing borrows the learned style <see cref="DrumIdiom.FeelFrom"/>'s, scaled by the idiom's looseness.
/// </summary>
internal sealed class IdiomBarSource : IBarSource
{
    /// <summary>An 'o' step plays with this chance, plus the complexity's share.</summary>
    const double OftenChance = 0.45, OftenChancePerComplexity = 0.45;
    /// <summary>A 'g' step (a ghost note) plays with this chance, plus the complexity's share.</summary>
    const double GhostChance = 0.15, GhostChancePerComplexity = 0.5;
    /// <summary>Velocities of a hit on the beat, on an eighth and on a sixteenth; 'o' hits a little softer.</summary>
    const int BeatAccent = 100, EighthAccent = 90, SixteenthAccent = 78, OftenSofter = -8;
    /// <summary>Velocity spread of accented hits.</summary>
    const double AccentSpread = 6;
    /// <summary>Ghost notes: mean velocity and spread.</summary>
    const double GhostVelocity = 38, GhostSpread = 8;
    /// <summary>Kicks that are not ghosts: mean velocity and spread, whatever the step.</summary>
    const double KickVelocity = 108, KickSpread = 5;
    /// <summary>The share of the learned style's timing spread an idiom hit draws, before the idiom's looseness.</summary>
    const double TimingSpreadShare = 0.8;

    readonly DrumIdiom _idiom;
    readonly GrooveStyle _feel;
    readonly double _complexity;
    // Which steps of the variant are ghosts ('g'): one string of marks per voice.
    readonly string[] _marks;

    IdiomBarSource(DrumIdiom idiom, GrooveStyle feel, double complexity, string[] marks, DrumBar main, DrumBar cousin)
    {
        _idiom = idiom;
        _feel = feel;
        _complexity = complexity;
        _marks = marks;
        Main = main;
        Cousin = cousin;
    }

    /// <summary>Draws one of the idiom's variants and plays it twice, as the main bar and its cousin.</summary>
    public static IdiomBarSource Draw(DrumIdiom idiom, GrooveStyle feel, double complexity, SeededRandom random)
    {
        var variant = idiom.Variants[random.Next(idiom.Variants.Count)];
        var main = FromTemplate(variant, random, complexity);
        var cousin = FromTemplate(variant, random, complexity);
        return new IdiomBarSource(idiom, feel, complexity, Marks(variant), main, cousin);
    }

    public string Name => "idiom:" + _idiom.Genre.Name();
    public DrumBar Main { get; }
    public DrumBar Cousin { get; }
    public GrooveStyle? BarFeel => null;
    public double BuiltInSwing => 0;

    // Ghost notes are re-drawn every bar.
    public DrumBar Vary(DrumBar bar, SeededRandom random)
    {
        for (var v = 0; v < DrumVoices.Count; v++)
            for (var s = 0; s < DrumBar.Steps; s++)
                if (_marks[v][s] == 'g') bar = bar.Set((DrumVoice)v, s, random.Chance(GhostChance + GhostChancePerComplexity * _complexity));
        return bar;
    }

    // An idiom fill replaces the whole bar.
    public DrumBar Fill(DrumBar bar, SeededRandom random)
    {
        var template = _idiom.Fills[random.Next(_idiom.Fills.Count)];
        return FromTemplate(template, random, _complexity);
    }

    public DrumBar OpenPhrase(DrumBar bar, int index, SeededRandom random) => bar;

    public DrumTouch Touch(DrumVoice voice, int step, SeededRandom random)
    {
        var cell = GrooveStyle.Cell(voice, step);
        var mark = _marks[(int)voice][step];
        var accent = step % 4 == 0 ? BeatAccent : step % 2 == 0 ? EighthAccent : SixteenthAccent;
        var velocity = mark == 'g' ? GhostVelocity + GhostSpread * random.NextGaussian() : accent + (mark == 'o' ? OftenSofter : 0) + AccentSpread * random.NextGaussian();
        if (voice == DrumVoice.Kick && mark != 'g') velocity = KickVelocity + KickSpread * random.NextGaussian();
        var timing = _idiom.Looseness * (_feel.TimingMean[cell] + _feel.TimingSpread[cell] * TimingSpreadShare * random.NextGaussian());
        return new DrumTouch(velocity, 0, timing, 0);
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
                    'o' => random.Chance(OftenChance + OftenChancePerComplexity * complexity),
                    'g' => random.Chance(GhostChance + GhostChancePerComplexity * complexity),
                    _ => false,
                };
                if (on) bar = bar.Set(voice, s);
            }
        }
        return bar;
    }

    static string[] Marks(IReadOnlyDictionary<DrumVoice, string> template)
    {
        var marks = new string[DrumVoices.Count];
        for (var v = 0; v < DrumVoices.Count; v++) marks[v] = template.TryGetValue((DrumVoice)v, out var s) ? s : new string('-', DrumBar.Steps);
        return marks;
    }
}
