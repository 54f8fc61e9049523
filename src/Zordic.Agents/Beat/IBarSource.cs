using Zordic.Agents.Parts;

namespace Zordic.Agents.Beat;

/// <summary>
/// Where a beat's bars come from, and how their hits are played before the bar's feel: the Groove
/// recordings of a style (<see cref="GrooveBarSource"/>) or a genre's written idiom (<see cref="IdiomBarSource"/>).
/// <see cref="BeatGenerator"/> asks for the bars of each phrase in turn, <see cref="DrumHumanizer"/> for each
/// hit's touch. Every method draws from the beat's one random stream, so the order of the calls is part of
/// the music a seed gives.
/// </summary>
internal interface IBarSource
{
    /// <summary>Where the beat's feel came from, as <see cref="DrumBeat.Source"/> says it.</summary>
    string Name { get; }

    /// <summary>The beat's main groove.</summary>
    DrumBar Main { get; }

    /// <summary>A close cousin of the main groove that may take the third bar of a phrase.</summary>
    DrumBar Cousin { get; }

    /// <summary>The groove as it is played this bar (ghost notes, syncopation).</summary>
    DrumBar Vary(DrumBar bar, SeededRandom random);

    /// <summary>The bar that closes a phrase, with a fill.</summary>
    DrumBar Fill(DrumBar bar, SeededRandom random);

    /// <summary>The bar that opens phrase <paramref name="index"/> (a bar number, 0, 4, 8 …).</summary>
    DrumBar OpenPhrase(DrumBar bar, int index, SeededRandom random);

    /// <summary>How the hit of <paramref name="voice"/> on <paramref name="step"/> is played.</summary>
    DrumTouch Touch(DrumVoice voice, int step, SeededRandom random);

    /// <summary>
    /// The recorded style each bar draws its looseness and dynamics from (the touch's deviations are scaled
    /// to them), or null when the touch is already the hit as played.
    /// </summary>
    GrooveStyle? BarFeel { get; }

    /// <summary>The swing the source's timing already holds; the prompt's swing beyond it is added.</summary>
    double BuiltInSwing { get; }
}
