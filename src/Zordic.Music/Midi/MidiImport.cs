using Zordic.Music.Document;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// Turns a <see cref="MidiSong"/> into project document values. Pure: no I/O, nothing shared; the only
/// thing that differs between two calls is the fresh ids. Values outside <see cref="DocumentLimits"/> are
/// brought inside them and said so in the notices; nothing is rejected note by note.
/// </summary>
public static class MidiImport
{
    /// <summary>A new project holding the song: first tempo, first time signature, key (C major when none), one track per MIDI track and channel with notes.</summary>
    public static Project ToProject(MidiSong song, string projectId, string name) => Import(song, projectId, name).Project;

    /// <inheritdoc cref="ToProject"/>
    public static MidiImportResult Import(MidiSong song, string projectId, string name)
    {
        ArgumentNullException.ThrowIfNull(song);
        var notices = new List<string>(song.Warnings);

        var fileBpm = song.TempoMap.InitialBpm;
        var bpm = Math.Round(Math.Clamp(fileBpm, DocumentLimits.MinBpm, DocumentLimits.MaxBpm), 3);
        if (fileBpm < DocumentLimits.MinBpm || fileBpm > DocumentLimits.MaxBpm)
            notices.Add($"The file's tempo of {fileBpm:0.###} bpm is outside {DocumentLimits.MinBpm}–{DocumentLimits.MaxBpm}; the project plays at {bpm} bpm.");
        var tempoChanges = song.TempoMap.Changes.Count - 1;
        if (tempoChanges > 0)
            notices.Add($"The file changes tempo {tempoChanges} time(s); the project keeps its first tempo ({bpm} bpm). Notes keep their places in beats.");

        var timeSignature = song.TimeSignature;
        if (!timeSignature.IsValid)
        {
            notices.Add($"The file's time signature {timeSignature} is not one the studio supports; the project uses 4/4.");
            timeSignature = TimeSignature.Common;
        }

        var tracks = ToTracks(song, timeSignature, notices);
        var project = new Project(projectId, ProjectName(name, song), bpm, timeSignature, song.Key ?? MusicalKey.CMajor, 0, tracks);
        return new MidiImportResult(project, notices);
    }

    /// <summary>
    /// The song's tracks for importing into an existing project: clips from bar 0 measured in bars of the
    /// project's <paramref name="timeSignature"/>, order keys between <paramref name="orderAfter"/> and
    /// <paramref name="orderBefore"/> (null for the start or end of the list).
    /// </summary>
    public static MidiTracksImport ImportTracks(MidiSong song, TimeSignature timeSignature, string? orderAfter = null, string? orderBefore = null)
    {
        ArgumentNullException.ThrowIfNull(song);
        if (!timeSignature.IsValid) throw new ArgumentException($"{timeSignature} is not a valid time signature.", nameof(timeSignature));
        var notices = new List<string>(song.Warnings);
        var tracks = ToTracks(song, timeSignature, notices, orderAfter, orderBefore);
        return new MidiTracksImport(tracks, notices);
    }

    static List<Track> ToTracks(MidiSong song, TimeSignature timeSignature, List<string> notices, string? orderAfter = null, string? orderBefore = null)
    {
        var orders = FractionalIndex.Spread(orderAfter, orderBefore, song.Tracks.Count);
        var channelsPerChunk = song.Tracks.GroupBy(t => t.ChunkIndex).ToDictionary(g => g.Key, g => g.Count());
        var normalized = new NoteNormalization();
        var tracks = new List<Track>(song.Tracks.Count);
        for (var i = 0; i < song.Tracks.Count; i++)
        {
            var midiTrack = song.Tracks[i];
            var kind = midiTrack.IsDrums ? TrackKind.Drums : InstrumentPresets.KindForGeneralMidiProgram(midiTrack.Program);
            var preset = midiTrack.IsDrums ? InstrumentPresets.DrumKit : InstrumentPresets.FromGeneralMidiProgram(midiTrack.Program);
            var name = TrackName(midiTrack, channelsPerChunk[midiTrack.ChunkIndex] > 1);
            var clips = ToClips(midiTrack.Notes, timeSignature.TicksPerBar, normalized);
            tracks.Add(new Track(NewId(), name, kind, preset, 0, 0, false, false, orders[i], clips));
        }
        normalized.Describe(notices);
        return tracks;
    }

    static string TrackName(MidiTrack track, bool chunkHasSeveralChannels)
    {
        var fallback = track.IsDrums ? "Drums" : GeneralMidi.FamilyName(track.Program);
        var name = track.Name ?? fallback;
        // One MIDI track playing several channels becomes several studio tracks; the channel tells them apart.
        if (chunkHasSeveralChannels) name = $"{name} (ch {track.Channel + 1})";
        return name.Length <= DocumentLimits.MaxNameLength ? name : name[..DocumentLimits.MaxNameLength];
    }

    /// <summary>
    /// One clip from bar 0 covering every note, in whole bars; a song longer than a clip may be is cut into
    /// clips of <see cref="DocumentLimits.MaxClipLengthBars"/> bars.
    /// </summary>
    static List<Clip> ToClips(IReadOnlyList<MidiNote> notes, long ticksPerBar, NoteNormalization normalized)
    {
        var songEnd = DocumentLimits.MaxBars * ticksPerBar;
        var clipSpan = DocumentLimits.MaxClipLengthBars * ticksPerBar;
        var byClip = new SortedDictionary<long, List<MidiNote>>();
        foreach (var note in notes)
        {
            if (note.StartTick >= songEnd)
            {
                normalized.DroppedPastEnd++;
                continue;
            }
            var index = note.StartTick / clipSpan;
            if (!byClip.TryGetValue(index, out var list)) byClip[index] = list = [];
            list.Add(note);
        }
        var clips = new List<Clip>(byClip.Count);
        foreach (var (index, clipNotes) in byClip)
        {
            var clipStart = index * clipSpan;
            var lastEnd = clipNotes.Max(n => n.StartTick + Math.Max(1, n.DurationTicks));
            var maxBars = Math.Min(DocumentLimits.MaxClipLengthBars, DocumentLimits.MaxBars - index * DocumentLimits.MaxClipLengthBars);
            var lengthBars = (int)Math.Clamp((lastEnd - clipStart + ticksPerBar - 1) / ticksPerBar, 1, maxBars);
            var clipEnd = clipStart + lengthBars * ticksPerBar;
            var soundingStarts = clipNotes.Where(n => n.DurationTicks > 0).Select(n => (n.StartTick, n.Pitch)).ToHashSet();
            var documentNotes = clipNotes
                .Where(n => !IsSilentDouble(n, soundingStarts, normalized))
                .OrderBy(n => n.StartTick).ThenBy(n => n.Pitch)
                .Select(n => ToNote(n, clipStart, clipEnd, normalized))
                .ToList();
            clips.Add(new Clip(NewId(), (int)(index * DocumentLimits.MaxClipLengthBars), lengthBars, documentNotes));
        }
        return clips;
    }

    /// <summary>
    /// A zero-length note on the tick and pitch where a real note starts is a stray note-off artefact
    /// (orchestral exports are full of them); a player makes no sound of it, and a one-tick copy would only
    /// double the real note.
    /// </summary>
    static bool IsSilentDouble(MidiNote note, HashSet<(long, int)> soundingStarts, NoteNormalization normalized)
    {
        if (note.DurationTicks > 0 || !soundingStarts.Contains((note.StartTick, note.Pitch))) return false;
        normalized.DroppedDoubles++;
        return true;
    }

    static Note ToNote(MidiNote note, long clipStart, long clipEnd, NoteNormalization normalized)
    {
        var duration = note.DurationTicks;
        if (duration < 1)
        {
            duration = 1;
            normalized.Lengthened++;
        }
        if (note.StartTick + duration > clipEnd)
        {
            duration = clipEnd - note.StartTick;
            normalized.Shortened++;
        }
        if (duration > DocumentLimits.MaxTicks)
        {
            duration = DocumentLimits.MaxTicks;
            normalized.Shortened++;
        }
        var velocity = Math.Clamp(note.Velocity, DocumentLimits.MinVelocity, DocumentLimits.MaxVelocity);
        return new Note(NewId(), note.Pitch, (int)(note.StartTick - clipStart), (int)duration, velocity);
    }

    static string ProjectName(string name, MidiSong song)
    {
        var chosen = string.IsNullOrWhiteSpace(name) ? song.Title ?? "Imported MIDI" : name.Trim();
        return chosen.Length <= DocumentLimits.MaxNameLength ? chosen : chosen[..DocumentLimits.MaxNameLength];
    }

    static string NewId() => Guid.CreateVersion7().ToString();

    /// <summary>Counts of notes changed to fit the document, reported once per import rather than per note.</summary>
    sealed class NoteNormalization
    {
        public int Lengthened;
        public int Shortened;
        public int DroppedPastEnd;
        public int DroppedDoubles;

        public void Describe(List<string> notices)
        {
            if (Lengthened > 0) notices.Add($"{Lengthened} note(s) of zero length were made one tick long.");
            if (Shortened > 0) notices.Add($"{Shortened} note(s) were shortened to end inside their clip.");
            if (DroppedDoubles > 0) notices.Add($"{DroppedDoubles} zero-length note(s) doubling a real note on the same tick and pitch were left out.");
            if (DroppedPastEnd > 0) notices.Add($"{DroppedPastEnd} note(s) starting after bar {DocumentLimits.MaxBars}, the end of a project, were left out.");
        }
    }
}
