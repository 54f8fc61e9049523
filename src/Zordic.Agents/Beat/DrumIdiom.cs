using Zordic.Agents.Prompting;

namespace Zordic.Agents.Beat;

/// <summary>
/// A drum idiom for a genre the Groove data does not cover, written as step patterns per voice:
/// 'x' always, 'o' often (more with complexity), 'g' a ghost note now and then, '-' never. Velocity and
/// micro-timing come from a learned style (<paramref name="FeelFrom"/>), scaled by <paramref name="Looseness"/>
/// (machine-tight styles are near 0).
/// </summary>
public sealed record DrumIdiom(Genre Genre, string FeelFrom, double Looseness, IReadOnlyList<IReadOnlyDictionary<DrumVoice, string>> Variants, IReadOnlyList<IReadOnlyDictionary<DrumVoice, string>> Fills)
{
    static Dictionary<DrumVoice, string> P(params (DrumVoice, string)[] voices) => voices.ToDictionary(v => v.Item1, v => v.Item2);

    const DrumVoice K = DrumVoice.Kick, S = DrumVoice.Snare, H = DrumVoice.ClosedHat, O = DrumVoice.OpenHat, C = DrumVoice.Clap,
        R = DrumVoice.Ride, X = DrumVoice.SideStick, T = DrumVoice.HighTom, M = DrumVoice.MidTom, L = DrumVoice.LowTom;

    /// <summary>The idiom of a genre, or null when the genre is learned from data.</summary>
    public static DrumIdiom? For(Genre genre) => genre switch
    {
        Genre.House => new(genre, "dance", 0.25,
        [
            P((K, "x---x---x---x---"), (C, "----x-------x---"), (O, "--x---x---x---x-"), (H, "g-o-g-o-g-o-g-og"), (S, "-------g-g----g-")),
            P((K, "x---x---x---x---"), (C, "----x-------x---"), (H, "oxo-oxo-oxo-oxo-"), (O, "--x---x---x---x-")),
            P((K, "x---x---x---x--g"), (C, "----x-------x---"), (O, "--x---x---x---x-"), (S, "-------g------g-")),
        ],
        [
            P((K, "x---x---x---x---"), (C, "----x-----x-xxxx"), (O, "--x---x---------")),
            P((K, "x---x---x---x---"), (S, "--------xoxoxxxx"), (O, "--x---x---x-----")),
        ]),
        Genre.Techno => new(genre, "dance", 0.2,
        [
            P((K, "x---x---x---x---"), (H, "--x---x---x---x-"), (C, "----o-------o---"), (R, "o-o-o-o-o-o-o-o-")),
            P((K, "x---x---x---x---"), (H, "ooxoooxoooxoooxo"), (C, "----x-------x---")),
            P((K, "x---x---x---x-g-"), (O, "--x---x---x---x-"), (H, "x-o-x-o-x-o-x-o-"), (X, "---g-----g------")),
        ],
        [
            P((K, "x---x---x---x---"), (C, "--------x-x-xxxx"), (H, "--x---x---x---x-")),
            P((K, "x---x---x---xxxx"), (H, "--x---x---x---x-")),
        ]),
        Genre.Trap => new(genre, "hiphop", 0.15,
        [
            P((K, "x------o--x--g--"), (C, "--------x-----g-"), (H, "x-x-xgxgx-x-x-xg")),
            P((K, "x-----x---o--o-g"), (C, "--------x-----g-"), (H, "x-xxx-xgx-xxx-xg")),
            P((K, "x--o----x-o--g--"), (C, "--------x-------"), (S, "--------x------g"), (H, "xxx-x-xgxxx-x-xg")),
        ],
        [
            P((K, "x------o--x-----"), (C, "--------x-----xx"), (H, "x-x-x-x-xxxxxxxx")),
            P((K, "x-----x---x-x---"), (C, "--------x---x-xx"), (H, "x-x-x-x-x-x-x-x-")),
        ]),
        Genre.LoFi => new(genre, "hiphop", 1.1,
        [
            P((K, "x------x--x---g-"), (S, "----x--g----x---"), (H, "x-x-x-x-x-x-x-xo"), (X, "-g-------g----g-")),
            P((K, "x-----x---o---g-"), (S, "-g--x--g----x--g"), (H, "x-o-x-o-x-o-x-o-")),
            P((K, "x-g----x-x----g-"), (X, "----x--g----x---"), (H, "x-x-x-x-x-x-x-xg")),
        ],
        [
            P((K, "x------x--x-----"), (S, "----x-------x-xg"), (H, "x-x-x-x-x-x-----")),
            P((K, "x------x--x---x-"), (S, "----x-----g-x---"), (H, "x-x-x-x-x-x-x-x-")),
        ]),
        Genre.DrumAndBass => new(genre, "funk", 0.5,
        [
            P((K, "x---------x---g-"), (S, "----x--g-g--x--g"), (H, "x-x-x-x-x-x-x-xg"), (O, "--------------o-")),
            P((K, "x-o-------x--g--"), (S, "-g--x--g-g--x--g"), (H, "x-x-x-x-x-x-xgx-")),
            P((K, "x---------xo----"), (S, "--g-x--g----x-g-"), (R, "x-o-x-o-x-o-x-og")),
        ],
        [
            P((K, "x---------x-----"), (S, "----x-----xxx-xx"), (H, "x-x-x-x-x-------")),
            P((K, "x---------x-----"), (S, "----x-------x---"), (T, "--------x-------"), (M, "----------x-x---"), (L, "--------------xx")),
        ]),
        Genre.Reggaeton => new(genre, "latin", 0.35,
        [
            P((K, "x---x---x---x---"), (S, "---x--x----x--x-"), (H, "x-x-x-xgx-x-x-xg"), (X, "-g-------g------")),
            P((K, "x---x---x---x---"), (S, "---x--x----x--x-"), (H, "o-x-o-x-o-x-o-x-"), (O, "--------------o-")),
            P((K, "x---x---x---x---"), (C, "---x--x----x--x-"), (H, "x-o-x-o-x-o-x-o-"), (X, "-g-------g------")),
        ],
        [
            P((K, "x---x---x---x---"), (S, "---x--x---xxxxxx"), (H, "x-x-x-x-x-x-----")),
            P((K, "x---x---x---x---"), (S, "---x--x----x--x-"), (T, "--------x-x-----"), (L, "------------x-x-")),
        ]),
        _ => null,
    };
}
