using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>
/// Where each weight of the harmonizer's linear model sits in its weight vector. Scoring
/// (<see cref="HarmonizerModel"/>, <see cref="Training.ChordLattice"/>) reads the weights and training
/// (<see cref="Training.HarmonizerFeatures"/>) writes the features through these same index functions, so
/// the two cannot disagree on where a feature lives. States are chords relative to the key signature's major
/// tonic (so "vi" is the relative minor's tonic chord).
/// </summary>
internal sealed class HarmonyFeatureLayout
{
    public const int Qualities = 4;
    public const int PhraseBars = 8;
    public const int Strengths = 3;
    public const int EndBars = 4;
    /// <summary>
    /// The tune's tonal centre as its last melody note tells it (semitones above the key's major tonic): a
    /// minor tune shares its key signature with the major and mostly ends on its own tonic, so the centre
    /// tells "Am" from "C" over the whole tune. A feature of the melody, not a decoded choice: a latent
    /// centre swung whole tunes between I and vi from one training order to the next.
    /// </summary>
    public const int Centers = 12;
    /// <summary>How long a chord has lasted is counted in frames up to this (two bars of 4/4); longer runs count as this.</summary>
    public const int Runs = 16;
    /// <summary>
    /// Buckets for the hashed (pattern, state) weights. The training tunes touch about a hundred thousand
    /// pairs; smaller and larger tables measured within noise of this one (docs/experiments/harmonizer.md).
    /// </summary>
    public const int PatternBuckets = 1 << 18;

    public int States { get; }
    public int Size { get; }

    // Where each block starts in the weight vector; the index functions below are the only readers.
    readonly int _chordInterval, _chordInKey, _onsetInterval, _onsetInKey;
    readonly int _prior, _phrasePrior, _firstBars, _lastBar, _lastFrame;
    readonly int _change, _changeAfter, _changeInPhrase, _leaveAfter, _pair, _pairAtBar;
    readonly int _keyPitch, _keyFirst, _keyLast;
    readonly int _centerPrior, _centerPhrase, _centerFirstBars, _centerLastBar, _centerLastFrame, _centerKeyPitch, _centerKeyFirst;
    readonly int _patterns;

    public HarmonyFeatureLayout(int states)
    {
        States = states;
        var at = 0;
        int Take(int n) { var start = at; at += n; return start; }
        _chordInterval = Take(MelodyFrames.Scopes * Qualities * 12);
        _chordInKey = Take(MelodyFrames.Scopes * states * 12);
        _onsetInterval = Take(Strengths * Qualities * 12);
        _onsetInKey = Take(Strengths * states * 12);
        _prior = Take(states);
        _phrasePrior = Take(PhraseBars * states);
        _firstBars = Take(states);
        _lastBar = Take(EndBars * states);
        _lastFrame = Take(states);
        _change = Take(MelodyFrames.MeterGroups * MelodyFrames.MaxPosition);
        _changeAfter = Take(MelodyFrames.MeterGroups * MelodyFrames.MaxPosition * Runs);
        _changeInPhrase = Take(MelodyFrames.MeterGroups * PhraseBars * MelodyFrames.MaxPosition);
        _leaveAfter = Take(states * Runs);
        _pair = Take(states * states);
        _pairAtBar = Take(states * states);
        _keyPitch = Take(12);
        _keyFirst = Take(12);
        _keyLast = Take(12);
        _centerPrior = Take(Centers * states);
        _centerPhrase = Take(Centers * PhraseBars * states);
        _centerFirstBars = Take(Centers * states);
        _centerLastBar = Take(Centers * EndBars * states);
        _centerLastFrame = Take(Centers * states);
        _centerKeyPitch = Take(Centers * 12);
        _centerKeyFirst = Take(Centers * 12);
        _patterns = Take(PatternBuckets);
        Size = at;
    }

    // The melody's pitch classes in each scope: against the chord's root, shared by all roots of a quality, and against the key, per chord.
    public int ChordInterval(int scope, ChordQuality quality, int interval) => _chordInterval + (scope * Qualities + (int)quality) * 12 + interval;
    public int ChordInKey(int scope, int state, int inKey) => _chordInKey + (scope * States + state) * 12 + inKey;

    // The note struck on the frame, by metrical strength, the same two ways.
    public int OnsetInterval(int strength, ChordQuality quality, int interval) => _onsetInterval + (strength * Qualities + (int)quality) * 12 + interval;
    public int OnsetInKey(int strength, int state, int inKey) => _onsetInKey + (strength * States + state) * 12 + inKey;

    // Chord priors: overall, by bar of the phrase, in the first two bars, the last bars and the last frame.
    public int Prior(int state) => _prior + state;
    public int PhrasePrior(int phraseBar, int state) => _phrasePrior + phraseBar * States + state;
    public int FirstBars(int state) => _firstBars + state;
    public int LastBar(int barsFromEnd, int state) => _lastBar + barsFromEnd * States + state;
    public int LastFrame(int state) => _lastFrame + state;

    // The same priors per tonal centre.
    public int CenterPrior(int center, int state) => _centerPrior + center * States + state;
    public int CenterPhrase(int center, int phraseBar, int state) => _centerPhrase + (center * PhraseBars + phraseBar) * States + state;
    public int CenterFirstBars(int center, int state) => _centerFirstBars + center * States + state;
    public int CenterLastBar(int center, int barsFromEnd, int state) => _centerLastBar + (center * EndBars + barsFromEnd) * States + state;
    public int CenterLastFrame(int center, int state) => _centerLastFrame + center * States + state;

    /// <summary>The bias for changing chord at frame <paramref name="t"/>, by metre and position in the bar.</summary>
    public int Change(MelodyFrames f, int t) => Change(f.MeterGroup, Position(f, t));
    public int Change(int meterGroup, int position) => _change + meterGroup * MelodyFrames.MaxPosition + position;

    /// <summary>The bias for changing chord at frame <paramref name="t"/>, by metre, bar of the phrase and position.</summary>
    public int ChangeInPhrase(MelodyFrames f, int t) => ChangeInPhrase(f.MeterGroup, f.PhraseBar(t, PhraseBars), Position(f, t));
    public int ChangeInPhrase(int meterGroup, int phraseBar, int position) => _changeInPhrase + (meterGroup * PhraseBars + phraseBar) * MelodyFrames.MaxPosition + position;

    /// <summary>Where frame <paramref name="t"/>'s change weights per run start: add the frames the chord before lasted − 1.</summary>
    public int ChangeAfter(MelodyFrames f, int t) => ChangeAfter(f.MeterGroup, Position(f, t));
    public int ChangeAfter(int meterGroup, int position) => _changeAfter + (meterGroup * MelodyFrames.MaxPosition + position) * Runs;

    /// <summary>Where chord <paramref name="from"/>'s weights for leaving it start: add the frames it lasted − 1.</summary>
    public int LeaveAfter(int from) => _leaveAfter + from * Runs;

    public int Pair(int from, int to) => _pair + from * States + to;
    public int PairAtBar(int from, int to) => _pairAtBar + from * States + to;

    // The key-only terms: the melody's pitch profile, first and last note against the key, and per centre.
    public int KeyPitch(int inKey) => _keyPitch + inKey;
    public int KeyFirst(int inKey) => _keyFirst + inKey;
    public int KeyLast(int inKey) => _keyLast + inKey;
    public int CenterKeyPitch(int center, int inKey) => _centerKeyPitch + center * 12 + inKey;
    public int CenterKeyFirst(int center, int inKey) => _centerKeyFirst + center * 12 + inKey;

    /// <summary>The hashed weight of a melodic pattern (<see cref="MelodyPatterns"/>) with a chord.</summary>
    public int Pattern(uint pattern, int state) => _patterns + (int)(MelodyPatterns.Mix(pattern, (uint)state) & (PatternBuckets - 1));

    // Frames past the sixteenth of a long bar share the last position's weights.
    static int Position(MelodyFrames f, int t) => Math.Min(f.Position[t], MelodyFrames.MaxPosition - 1);
}
