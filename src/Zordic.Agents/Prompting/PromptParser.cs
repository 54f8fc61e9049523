using System.Globalization;
using System.Text.RegularExpressions;
using Zordic.Music.Theory;

namespace Zordic.Agents.Prompting;

/// <summary>
/// Reads prompts like "lo-fi beat, 85 bpm, A minor, laid back", "four on the floor house 124",
/// "trap 140 with rolling hats" into a <see cref="MusicPrompt"/>. Anything the prompt leaves out comes
/// from the genre's defaults; a prompt that names nothing musical is an error, not a random guess.
/// </summary>
public static partial class PromptParser
{
    public const int MaxLength = 500;

    // Longer phrases first, so that "drum and bass" is not read as something shorter.
    static readonly (string Phrase, Genre Genre)[] GenreWords =
    [
        ("drum and bass", Genre.DrumAndBass), ("drum & bass", Genre.DrumAndBass), ("drum n bass", Genre.DrumAndBass),
        ("drum'n'bass", Genre.DrumAndBass), ("drumnbass", Genre.DrumAndBass), ("dnb", Genre.DrumAndBass), ("d&b", Genre.DrumAndBass),
        ("jungle", Genre.DrumAndBass), ("liquid", Genre.DrumAndBass),
        ("lo-fi", Genre.LoFi), ("lofi", Genre.LoFi), ("lo fi", Genre.LoFi), ("chillhop", Genre.LoFi),
        ("boom bap", Genre.HipHop), ("boom-bap", Genre.HipHop), ("boombap", Genre.HipHop), ("hip-hop", Genre.HipHop),
        ("hip hop", Genre.HipHop), ("hiphop", Genre.HipHop), ("rap", Genre.HipHop),
        ("new orleans", Genre.NewOrleans), ("second line", Genre.NewOrleans), ("secondline", Genre.NewOrleans),
        ("reggaeton", Genre.Reggaeton), ("reggaetón", Genre.Reggaeton), ("dembow", Genre.Reggaeton),
        ("afrobeats", Genre.Afrobeat), ("afrobeat", Genre.Afrobeat), ("afro", Genre.Afrobeat),
        ("deep house", Genre.House), ("tech house", Genre.House), ("house", Genre.House),
        ("techno", Genre.Techno), ("trap", Genre.Trap), ("drill", Genre.Trap),
        ("funky", Genre.Funk), ("funk", Genre.Funk), ("rock", Genre.Rock), ("jazz", Genre.Jazz), ("bebop", Genre.Jazz),
        ("latin", Genre.Latin), ("bossa", Genre.Latin), ("samba", Genre.Latin), ("salsa", Genre.Latin),
        ("songo", Genre.Latin), ("mambo", Genre.Latin), ("pop", Genre.Pop), ("punk", Genre.Punk),
        ("r&b", Genre.Soul), ("rnb", Genre.Soul), ("soul", Genre.Soul), ("reggae", Genre.Reggae), ("dub", Genre.Reggae),
        ("disco", Genre.Disco), ("blues", Genre.Blues), ("country", Genre.Country),
    ];

    static readonly (string Phrase, Mood Mood)[] MoodWords =
    [
        ("laid back", Mood.LaidBack), ("laid-back", Mood.LaidBack), ("laidback", Mood.LaidBack), ("relaxed", Mood.LaidBack),
        ("lazy", Mood.LaidBack), ("mellow", Mood.Chill), ("chill", Mood.Chill), ("calm", Mood.Chill), ("smooth", Mood.Chill),
        ("energetic", Mood.Energetic), ("upbeat", Mood.Energetic), ("driving", Mood.Energetic), ("hype", Mood.Energetic),
        ("groovy", Mood.Energetic), ("dark", Mood.Dark), ("moody", Mood.Dark), ("sad", Mood.Dark), ("melancholic", Mood.Dark),
        ("gloomy", Mood.Dark), ("happy", Mood.Happy), ("bright", Mood.Happy), ("uplifting", Mood.Happy), ("joyful", Mood.Happy),
        ("aggressive", Mood.Aggressive), ("hard-hitting", Mood.Aggressive), ("hard", Mood.Aggressive), ("heavy", Mood.Aggressive),
        ("angry", Mood.Aggressive),
    ];

    static readonly string[] SimpleWords = ["simple", "minimal", "sparse", "basic", "plain", "stripped"];
    static readonly string[] BusyWords = ["busy", "complex", "intricate", "complicated", "ghost notes", "technical"];

    /// <summary>Parses a prompt; throws <see cref="PromptException"/> with a message a user can act on.</summary>
    public static MusicPrompt Parse(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
            throw new PromptException("the prompt is empty: describe the music, e.g. \"lo-fi beat, 85 bpm, A minor, laid back\"");
        if (prompt.Length > MaxLength)
            throw new PromptException($"the prompt is {prompt.Length} characters long; keep it under {MaxLength}");
        var original = prompt.Trim();
        var text = " " + Regex.Replace(original.ToLowerInvariant(), @"[,;:!?()\[\]""]", " ") + " ";

        var genre = FindFirst(text, GenreWords);
        var mood = FindFirst(text, MoodWords);
        var fourOnTheFloor = Contains(text, "four on the floor") || Contains(text, "4 on the floor") || Contains(text, "four-on-the-floor");

        var bars = ReadBars(text, out var barsSpan);
        var bpm = ReadBpm(text, barsSpan);
        var key = ReadKey(original);
        var swing = ReadSwing(text);
        var complexity = ReadComplexity(text);
        var hatRolls = Regex.IsMatch(text, @"\b(rolling|rolled|roll|rolls)\b.{0,12}\b(hats?|hi-?hats?)\b|\b(hats?|hi-?hats?)\s+(rolls?|rolling)\b|\bratchet");

        if (genre is null && fourOnTheFloor) genre = Genre.House;
        if (genre is null && bpm is null && key is null && mood is null && !hatRolls && swing is null)
            throw new PromptException($"nothing in \"{Shorten(original)}\" names a genre, tempo, key or mood; try e.g. \"house 124\" or \"funk groove in E minor\"");
        genre ??= GuessGenre(bpm, mood, hatRolls);

        var defaults = GenreDefaults.For(genre.Value);
        var finalMood = mood ?? defaults.Mood;
        var finalComplexity = complexity ?? defaults.Complexity;
        return new MusicPrompt(
            genre.Value,
            bpm ?? defaults.Bpm,
            key ?? defaults.Key,
            finalMood,
            finalComplexity,
            bars ?? MusicPrompt.DefaultBars,
            swing ?? defaults.Swing,
            hatRolls || genre == Genre.Trap,
            original);
    }

    /// <summary>Like <see cref="Parse"/> but reports the problem instead of throwing.</summary>
    public static bool TryParse(string? prompt, out MusicPrompt? result, out string? error)
    {
        try
        {
            result = Parse(prompt);
            error = null;
            return true;
        }
        catch (PromptException e)
        {
            result = null;
            error = e.Message;
            return false;
        }
    }

    // With no genre named, the tempo and feel point to the style that usually lives there.
    static Genre GuessGenre(double? bpm, Mood? mood, bool hatRolls)
    {
        if (hatRolls) return Genre.Trap;
        if (bpm is null) return mood is Mood.LaidBack or Mood.Chill ? Genre.LoFi : Genre.Pop;
        return bpm.Value switch
        {
            >= 160 => Genre.DrumAndBass,
            >= 135 => Genre.Trap,
            >= 118 => Genre.House,
            <= 95 when mood is Mood.LaidBack or Mood.Chill => Genre.LoFi,
            <= 100 => Genre.HipHop,
            _ => Genre.Pop,
        };
    }

    static T? FindFirst<T>(string text, (string Phrase, T Value)[] words) where T : struct
    {
        var best = int.MaxValue;
        T? found = null;
        foreach (var (phrase, value) in words)
        {
            var at = IndexOfWord(text, phrase);
            if (at >= 0 && at < best) { best = at; found = value; }
        }
        return found;
    }

    static bool Contains(string text, string phrase) => IndexOfWord(text, phrase) >= 0;

    // A phrase counts only as whole words: "trap" is not in "trapeze", "rap" not in "trap".
    static int IndexOfWord(string text, string phrase)
    {
        var from = 0;
        while (true)
        {
            var at = text.IndexOf(phrase, from, StringComparison.Ordinal);
            if (at < 0) return -1;
            var before = at == 0 ? ' ' : text[at - 1];
            var afterIndex = at + phrase.Length;
            var after = afterIndex >= text.Length ? ' ' : text[afterIndex];
            if (!char.IsLetterOrDigit(before) && !char.IsLetterOrDigit(after) && before != '-' && after != '-') return at;
            from = at + 1;
        }
    }

    static int? ReadBars(string text, out (int Start, int End) span)
    {
        span = (-1, -1);
        var m = BarsPattern().Match(text);
        if (!m.Success) return null;
        span = (m.Index, m.Index + m.Length);
        var bars = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (bars is < 1 or > MusicPrompt.MaxBars)
            throw new PromptException($"{bars} bars is out of range: ask for 1 to {MusicPrompt.MaxBars} bars");
        return bars;
    }

    static double? ReadBpm(string text, (int Start, int End) barsSpan)
    {
        var explicitBpm = BpmPattern().Match(text);
        string? number = null;
        if (explicitBpm.Success) number = explicitBpm.Groups[1].Success && explicitBpm.Groups[1].Value.Length > 0 ? explicitBpm.Groups[1].Value : explicitBpm.Groups[2].Value;
        else
        {
            // A bare number that is not the bar count, a swing percentage or a complexity figure reads as the tempo ("house 124").
            foreach (Match m in BareNumberPattern().Matches(text))
            {
                if (m.Index >= barsSpan.Start && m.Index < barsSpan.End) continue;
                var tail = text[(m.Index + m.Length)..].TrimStart();
                if (tail.StartsWith('%') || tail.StartsWith("bar", StringComparison.Ordinal) || tail.StartsWith("measure", StringComparison.Ordinal)) continue;
                var head = text[..m.Index].TrimEnd();
                if (head.EndsWith("swing", StringComparison.Ordinal) || head.EndsWith("complexity", StringComparison.Ordinal)) continue;
                number = m.Groups[1].Value;
                break;
            }
        }
        if (number is null) return null;
        var bpm = double.Parse(number, CultureInfo.InvariantCulture);
        if (bpm is < MusicPrompt.MinBpm or > MusicPrompt.MaxBpm)
            throw new PromptException($"{number} bpm is out of range: ask for {MusicPrompt.MinBpm:0} to {MusicPrompt.MaxBpm:0} bpm");
        return bpm;
    }

    static MusicalKey? ReadKey(string original)
    {
        // Case matters here: "a laid back beat" must not read as the key of A.
        var m = KeyPattern().Match(" " + original + " ");
        while (m.Success)
        {
            var letter = m.Groups["tonic"].Value;
            var accidental = m.Groups["acc"].Value.ToLowerInvariant() switch { "sharp" or "♯" or "#" => "#", "flat" or "♭" or "b" => "b", _ => "" };
            var modeWord = m.Groups["mode"].Value.ToLowerInvariant().Trim();
            var suffix = m.Groups["suffix"].Value;
            var keyWord = m.Groups["lead"].Success && m.Groups["lead"].Value.Length > 0;
            Mode? mode = null;
            if (suffix == "m" || suffix.Equals("min", StringComparison.OrdinalIgnoreCase)) mode = Mode.Minor;
            else if (suffix.Equals("maj", StringComparison.OrdinalIgnoreCase)) mode = Mode.Major;
            else if (modeWord.Length > 0 && Modes.TryParse(modeWord is "min" ? "minor" : modeWord is "maj" ? "major" : modeWord, out var parsed)) mode = parsed;
            var isUpper = char.IsUpper(letter[0]);
            if (mode is null && keyWord && isUpper) mode = Mode.Major;
            if (mode is not null && (isUpper || modeWord.Length > 0) && PitchClassNames.TryParse(letter + accidental, out var tonic))
                return new MusicalKey(tonic, mode.Value);
            m = m.NextMatch();
        }
        return null;
    }

    static double? ReadSwing(string text)
    {
        if (Regex.IsMatch(text, @"\b(no swing|straight|unswung)\b")) return 0;
        var m = Regex.Match(text, @"\b(swing|swung|shuffle)\b\s*(\d{1,3})\s*%?");
        if (m.Success)
        {
            var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            // "swing 60%" is the drum-machine convention: 50% straight, 66% triplet.
            return value > 1 ? Math.Clamp((value - 50) / 16.67, 0, 1) : Math.Clamp(value, 0, 1);
        }
        return Regex.IsMatch(text, @"\b(swing|swung|swingy|shuffle|shuffled)\b") ? 0.5 : null;
    }

    static double? ReadComplexity(string text)
    {
        var m = Regex.Match(text, @"\bcomplexity\s*(\d+(?:\.\d+)?)");
        if (m.Success)
        {
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return Math.Clamp(value > 1 ? value / 10 : value, 0, 1);
        }
        foreach (var w in BusyWords) if (Contains(text, w)) return 0.85;
        foreach (var w in SimpleWords) if (Contains(text, w)) return 0.15;
        return null;
    }

    static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"\b(\d{1,3})[\s-]*(?:bars?|measures?)\b")]
    private static partial Regex BarsPattern();

    [GeneratedRegex(@"\b(\d{2,3}(?:\.\d+)?)\s*(?:bpm|beats per minute)\b|\bbpm\s*(?:of\s*|=\s*|:\s*)?(\d{2,3}(?:\.\d+)?)\b")]
    private static partial Regex BpmPattern();

    [GeneratedRegex(@"(?<![\d.])(\d{2,3}(?:\.\d+)?)(?![\d.])")]
    private static partial Regex BareNumberPattern();

    [GeneratedRegex(@"(?<lead>\b(?:in|key of|key)\s+)?\b(?<tonic>[A-Ga-g])(?<acc>#|♯|♭|b(?![a-z])|\s?sharp|\s?flat)?(?<suffix>m(?![a-z])|min(?![a-z])|maj(?![a-z]))?(?:\s+(?<mode>major|minor|maj|min|dorian|phrygian|lydian|mixolydian|aeolian|ionian|locrian)\b)?(?![A-Za-z#])", RegexOptions.IgnoreCase)]
    private static partial Regex KeyPattern();
}
