using Zordic.Agents.Harmony;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Agents.Training;

/// <summary>A Nottingham tune: its melody and chords from the MIDI files (repeats expanded), metre and key signature.</summary>
public sealed record FolkTune(string Id, string Split, TimeSignature TimeSignature, MusicalKey Key, IReadOnlyList<MidiNote> Melody, IReadOnlyList<ChordSpan> Chords);

/// <summary>Reads the Nottingham Music Database (Jukedeck's cleaned MIDI) from <c>nottingham/</c>.</summary>
public static class NottinghamCorpus
{
    /// <summary>The tunes of one split ("train" or "tune") in tune-id order; tunes without a chord file have no chords.</summary>
    public static IReadOnlyList<FolkTune> Load(string dataFolder, string split)
    {
        var folder = Path.Combine(dataFolder, "nottingham", split, "midi");
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"the Nottingham tunes are missing: no {folder}");
        var result = new List<FolkTune>();
        foreach (var melodyPath in Directory.GetFiles(Path.Combine(folder, "melody"), "*.mid").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(melodyPath);
            var melodySong = MidiReader.Read(File.ReadAllBytes(melodyPath));
            var melody = melodySong.Tracks.SelectMany(t => t.Notes).OrderBy(n => n.StartTick).ThenByDescending(n => n.Pitch).ToList();
            var chordPath = Path.Combine(folder, "chords", id + ".mid");
            var chords = File.Exists(chordPath) ? ReadChords(MidiReader.Read(File.ReadAllBytes(chordPath))) : [];
            result.Add(new FolkTune(id, split, melodySong.TimeSignature, melodySong.Key ?? MusicalKey.CMajor, Monophonic(melody), chords));
        }
        return result;
    }

    // The melody track is one voice; where two notes overlap the later start wins (cut the earlier).
    static List<MidiNote> Monophonic(List<MidiNote> notes)
    {
        var result = new List<MidiNote>(notes.Count);
        foreach (var n in notes)
        {
            if (n.DurationTicks <= 0) continue;
            if (result.Count > 0 && result[^1].StartTick == n.StartTick) continue;
            if (result.Count > 0 && result[^1].EndTick > n.StartTick)
                result[^1] = result[^1] with { DurationTicks = n.StartTick - result[^1].StartTick };
            result.Add(n);
        }
        return result;
    }

    static List<ChordSpan> ReadChords(MidiSong song)
    {
        var spans = new List<ChordSpan>();
        var notes = song.Tracks.SelectMany(t => t.Notes).OrderBy(n => n.StartTick).ToList();
        var pitches = new List<int>();
        for (var i = 0; i < notes.Count;)
        {
            var start = notes[i].StartTick;
            long end = start;
            pitches.Clear();
            for (; i < notes.Count && notes[i].StartTick == start; i++) { pitches.Add(notes[i].Pitch); end = Math.Max(end, notes[i].EndTick); }
            if (ChordRecognizer.Recognize(pitches.ToArray()) is { } chord) spans.Add(new ChordSpan(start, end, chord));
        }
        return spans;
    }
}
