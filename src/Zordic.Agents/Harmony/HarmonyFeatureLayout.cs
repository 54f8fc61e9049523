namespace Zordic.Agents.Harmony;

/// <summary>
/// Where each block of the harmonizer's linear model sits in its weight vector. States are chords
/// relative to the key signature's major tonic (so "vi" is the relative minor's tonic chord).
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

    public int States { get; }
    public int ChordInterval { get; }   // [scope][quality][pc − root]: shared across roots
    public int ChordInKey { get; }      // [scope][state][pc − key]
    public int OnsetInterval { get; }   // [strength][quality][onset pc − root]
    public int OnsetInKey { get; }      // [strength][state][onset pc − key]
    public int Prior { get; }           // [state]
    public int PhrasePrior { get; }     // [bar mod 8][state]
    public int FirstBars { get; }       // [state]: first two bars
    public int LastBar { get; }         // [bars from the end 0..3][state]
    public int LastFrame { get; }       // [state]
    public int Change { get; }          // [meter group][position in bar]: bias for changing chord here
    public int ChangeAfter { get; }     // [meter group][position in bar][frames the chord lasted − 1]: the harmonic rhythm
    public int ChangeInPhrase { get; }  // [meter group][bar mod 8][position in bar]: phrases end on a held chord
    public int LeaveAfter { get; }      // [from][frames it lasted − 1]: some chords pass, others hold
    public int Pair { get; }            // [from][to] when the chord changes
    public int PairAtBar { get; }       // [from][to] when it changes on a bar line
    public int KeyPitch { get; }        // [pc − key]: the melody's pitch profile against the key
    public int KeyFirst { get; }        // [first pc − key]
    public int KeyLast { get; }         // [last pc − key]
    public int CenterPrior { get; }     // [centre][state]
    public int CenterPhrase { get; }    // [centre][bar mod 8][state]
    public int CenterFirstBars { get; } // [centre][state]
    public int CenterLastBar { get; }   // [centre][bars from the end][state]
    public int CenterLastFrame { get; } // [centre][state]
    public int CenterKeyPitch { get; }  // [centre][pc − key]
    public int CenterKeyFirst { get; }  // [centre][first pc − key]
    public int Patterns { get; }        // [hash(melodic pattern, state) mod buckets]: see MelodyPatterns
    /// <summary>
    /// Buckets for the hashed (pattern, state) weights. The training tunes touch about a hundred thousand
    /// pairs; 2¹⁶ to 2²¹ buckets measured within noise of each other, so the middle.
    /// </summary>
    public const int PatternBuckets = 1 << 18;
    public int Size { get; }

    public HarmonyFeatureLayout(int states)
    {
        States = states;
        var at = 0;
        int Take(int n) { var start = at; at += n; return start; }
        ChordInterval = Take(MelodyFrames.Scopes * Qualities * 12);
        ChordInKey = Take(MelodyFrames.Scopes * states * 12);
        OnsetInterval = Take(Strengths * Qualities * 12);
        OnsetInKey = Take(Strengths * states * 12);
        Prior = Take(states);
        PhrasePrior = Take(PhraseBars * states);
        FirstBars = Take(states);
        LastBar = Take(EndBars * states);
        LastFrame = Take(states);
        Change = Take(MelodyFrames.MeterGroups * MelodyFrames.MaxPosition);
        ChangeAfter = Take(MelodyFrames.MeterGroups * MelodyFrames.MaxPosition * Runs);
        ChangeInPhrase = Take(MelodyFrames.MeterGroups * PhraseBars * MelodyFrames.MaxPosition);
        LeaveAfter = Take(states * Runs);
        Pair = Take(states * states);
        PairAtBar = Take(states * states);
        KeyPitch = Take(12);
        KeyFirst = Take(12);
        KeyLast = Take(12);
        CenterPrior = Take(Centers * states);
        CenterPhrase = Take(Centers * PhraseBars * states);
        CenterFirstBars = Take(Centers * states);
        CenterLastBar = Take(Centers * EndBars * states);
        CenterLastFrame = Take(Centers * states);
        CenterKeyPitch = Take(Centers * 12);
        CenterKeyFirst = Take(Centers * 12);
        Patterns = Take(PatternBuckets);
        Size = at;
    }
}
