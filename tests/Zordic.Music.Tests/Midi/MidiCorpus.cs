using System.Globalization;

namespace Zordic.Music.Tests.Midi;

/// <summary>
/// The shared MIDI test corpus (three upstream test suites), found next to the repository: walk up from
/// the test assembly to the folder holding Zordic.slnx, then ../shared/data/midi.
/// </summary>
static class MidiCorpus
{
    static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>The corpus folder; fails the calling test with a clear message when it cannot be found.</summary>
    public static string Root => Folder.Value ?? throw new InvalidOperationException(
        "The MIDI corpus was not found: expected ../shared/data/midi beside the repository root (the folder holding Zordic.slnx).");

    static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Zordic.slnx"))) continue;
            var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "midi"));
            return Directory.Exists(corpus) ? corpus : null;
        }
        return null;
    }

    /// <summary>Every file a user might upload: all but the documentation, licences, scans and expected parses.</summary>
    public static IReadOnlyList<string> MidiFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path) is not (".txt" or ".md" or ".json" or ".tsv") && !Path.GetFileName(path).StartsWith("LICENSE", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Root, relativePath));

    /// <summary>xUnit data: one row per corpus file, or one row that fails clearly when the corpus is missing.</summary>
    public static TheoryData<string> FilesAsTheoryData()
    {
        var data = new TheoryData<string>();
        if (Folder.Value is null) data.Add(MissingCorpus);
        else foreach (var file in MidiFiles()) data.Add(file);
        return data;
    }

    public const string MissingCorpus = "(corpus missing)";

    /// <summary>The pieces that come with an expected parse (<c>*.mid.txt</c>).</summary>
    public static TheoryData<string> PiecesWithExpectedParse()
    {
        var data = new TheoryData<string>();
        if (Folder.Value is null) { data.Add(MissingCorpus); return data; }
        foreach (var txt in Directory.EnumerateFiles(Root, "*.mid.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, txt[..^".txt".Length]).Replace('\\', '/'));
        }
        return data;
    }

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
