using System.Globalization;

namespace Zordic.Music.Tests.Midi;

/// <summary>
/// The shared MIDI test corpus (three upstream test suites): <c>midi/</c> of the shared data folder. The
/// tests that read it are <c>[SharedDataFact("midi")]</c> or <c>[SharedDataTheory("midi")]</c>: skipped without it.
/// </summary>
static class MidiCorpus
{
    public static string Root => SharedData.Path("midi");

    /// <summary>Every file a user might upload: all but the documentation, licences, scans and expected parses.</summary>
    public static IReadOnlyList<string> MidiFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path) is not (".txt" or ".md" or ".json" or ".tsv") && !Path.GetFileName(path).StartsWith("LICENSE", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Root, relativePath));

    /// <summary>xUnit data: one row per corpus file.</summary>
    public static TheoryData<string> FilesAsTheoryData() => [.. MidiFiles()];

    /// <summary>The pieces that come with an expected parse (<c>*.mid.txt</c>).</summary>
    public static TheoryData<string> PiecesWithExpectedParse() =>
    [
        .. Directory.EnumerateFiles(Root, "*.mid.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(txt => Path.GetRelativePath(Root, txt[..^".txt".Length]).Replace('\\', '/')),
    ];

    /// <summary>An expected parse: per track its name and notes (pitch, start and end in seconds).</summary>
    public static IReadOnlyList<ExpectedTrack> ExpectedParse(string relativeMidiPath)
    {
        var tracks = new List<ExpectedTrack>();
        foreach (var raw in File.ReadLines(Path.Combine(Root, relativeMidiPath + ".txt")))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith("track ", StringComparison.Ordinal))
            {
                tracks.Add(new ExpectedTrack(line["track ".Length..].Replace("\0", "", StringComparison.Ordinal).Trim(), []));
                continue;
            }
            var fields = line.Split('\t');
            tracks[^1].Notes.Add(new ExpectedNote(
                int.Parse(fields[0], CultureInfo.InvariantCulture),
                double.Parse(fields[1], CultureInfo.InvariantCulture),
                double.Parse(fields[2], CultureInfo.InvariantCulture)));
        }
        return tracks;
    }
}

sealed record ExpectedTrack(string Name, List<ExpectedNote> Notes);

readonly record struct ExpectedNote(int Pitch, double Start, double End);
