using CsCheck;
using Zordic.Music.Document;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Music.Tests.Midi;

/// <summary>Export then import keeps every note: pitch, start, duration, velocity, and the track it is on.</summary>
public sealed class MidiRoundTripTests
{
    /// <summary>A track's notes as absolute (start, pitch, duration, velocity), sorted: what a round trip must keep.</summary>
    static List<(long Start, int Pitch, int Duration, int Velocity)> NotesOf(Track track, TimeSignature timeSignature) =>
        track.Clips
            .SelectMany(c => c.Notes.Select(n => (c.StartBar * timeSignature.TicksPerBar + n.StartTick, n.Pitch, n.DurationTicks, n.Velocity)))
            .Order()
            .ToList();

    static Project RoundTrip(Project project) => MidiImport.ToProject(MidiReader.Read(MidiExport.ToBytes(project)), "again", project.Name);

    static void AssertSameNotesOnSameTracks(Project before, Project after)
    {
        // Tracks without notes have nothing to carry them through a MIDI file.
        var tracksBefore = before.Tracks.OrderBy(t => t.Order, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Where(t => t.Clips.Any(c => c.Notes.Count > 0)).ToList();
        var tracksAfter = after.Tracks.OrderBy(t => t.Order, StringComparer.Ordinal).ToList();
        Assert.Equal(tracksBefore.Count, tracksAfter.Count);
        for (var i = 0; i < tracksBefore.Count; i++)
        {
            Assert.Equal(tracksBefore[i].Name, tracksAfter[i].Name);
            Assert.Equal(tracksBefore[i].Kind == TrackKind.Drums, tracksAfter[i].Kind == TrackKind.Drums);
            Assert.Equal(NotesOf(tracksBefore[i], before.TimeSignature), NotesOf(tracksAfter[i], after.TimeSignature));
        }
        Assert.Equal(before.TimeSignature, after.TimeSignature);
        Assert.Equal(before.Bpm, after.Bpm, 0.01);
    }

    public static TheoryData<string> Pieces()
    {
        var data = new TheoryData<string>();
        foreach (var file in MidiCorpus.MidiFiles().Where(f => f.StartsWith("tonejs-midi-test/", StringComparison.Ordinal))) data.Add(file);
        return data;
    }

    [SharedDataTheory("midi")]
    [MemberData(nameof(Pieces))]
    public void Real_pieces_survive_export_and_import(string piece)
    {
        var project = MidiImport.ToProject(MidiReader.Read(MidiCorpus.Bytes(piece)), "p", piece);
        Assert.NotEmpty(project.Tracks);
        var again = RoundTrip(project);
        AssertSameNotesOnSameTracks(project, again);
        Assert.Equal(project.Key, again.Key);
    }

    [Fact]
    public void Muted_tracks_are_exported_and_drums_go_to_channel_10()
    {
        var project = GeneratedProject(tracks: [
            new Track("t1", "Beat", TrackKind.Drums, InstrumentPresets.DrumKit, 0, 0, Mute: true, false, "V", [Clip(new Note("n1", 36, 0, 120, 100))]),
            new Track("t2", "Bass", TrackKind.Bass, InstrumentPresets.Bass, 0, 0, false, false, "k", [Clip(new Note("n2", 40, 0, 480, 90))]),
        ]);
        var song = MidiReader.Read(MidiExport.ToBytes(project));
        Assert.Equal([(1, 9, "Beat", 0), (2, 0, "Bass", 33)], song.Tracks.Select(t => (t.ChunkIndex, t.Channel, t.Name!, t.Program)));
        Assert.Equal("Round trip", song.Title);
    }

    [Fact]
    public void Melodic_tracks_take_distinct_channels_skipping_channel_10()
    {
        var tracks = Enumerable.Range(0, 16).Select(i => new Track($"t{i:00}", $"Keys {i}", TrackKind.Keys, InstrumentPresets.Keys, 0, 0, false, false,
            FractionalIndex.Spread(null, null, 16)[i], [Clip(new Note($"n{i}", 60 + i, 0, 480, 90))])).ToList();
        var song = MidiReader.Read(MidiExport.ToBytes(GeneratedProject(tracks)));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 0], song.Tracks.Select(t => t.Channel));
        Assert.DoesNotContain(song.Tracks, t => t.IsDrums);
    }

    [Fact]
    public void Notes_are_placed_at_the_clip_start_bar_plus_their_tick()
    {
        var project = GeneratedProject(new TimeSignature(3, 4), [
            new Track("t", "Keys", TrackKind.Keys, InstrumentPresets.Keys, 0, 0, false, false, "V",
                [new Clip("c", StartBar: 2, LengthBars: 1, [new Note("n", 64, 240, 480, 77)])])]);
        var note = Assert.Single(Assert.Single(MidiReader.Read(MidiExport.ToBytes(project)).Tracks).Notes);
        Assert.Equal(new MidiNote(2 * 1440 + 240, 480, 64, 77), note);
    }

    [Fact]
    public void Notes_of_one_pitch_starting_together_keep_their_own_lengths_and_velocities()
    {
        var project = GeneratedProject(tracks: [new Track("t", "Keys", TrackKind.Keys, InstrumentPresets.Keys, 0, 0, false, false, "V",
            [Clip(new Note("long", 60, 0, 960, 30), new Note("short", 60, 0, 240, 120), new Note("next", 60, 960, 10, 5))])]);
        AssertSameNotesOnSameTracks(project, RoundTrip(project));
    }

    [Fact]
    public void Generated_projects_survive_export_and_import() =>
        ProjectGen.Sample(project => AssertSameNotesOnSameTracks(project, RoundTrip(project)), iter: 500);

    static Clip Clip(params Note[] notes) => new("c" + notes[0].Id, 0, 4, notes);

    static Project GeneratedProject(IReadOnlyList<Track> tracks) => GeneratedProject(TimeSignature.Common, tracks);

    static Project GeneratedProject(TimeSignature timeSignature, IReadOnlyList<Track> tracks) =>
        new("p", "Round trip", 120, timeSignature, MusicalKey.CMajor, 0, tracks);

    static readonly Gen<TimeSignature> TimeSignatureGen =
        Gen.Select(Gen.Int[1, 32], Gen.OneOf(1, 2, 4, 8, 16, 32), (n, d) => new TimeSignature(n, d));

    static readonly Gen<MusicalKey> KeyGen = Gen.Select(Gen.Int[0, 11], Gen.OneOf(Mode.Major, Mode.Minor), (pc, mode) => new MusicalKey((PitchClass)pc, mode));

    // Half the notes crowd a few pitches on an eighth-note grid, so that notes of one pitch often start together or overlap.
    static readonly Gen<Note> NoteGen = Gen.Select(
        Gen.OneOf(Gen.Int[0, 127], Gen.Int[60, 63]),
        Gen.OneOf(Gen.Int[0, 8 * 1920], Gen.Int[0, 32].Select(eighth => eighth * 240)),
        Gen.OneOf(Gen.Int[1, 4 * 480], Gen.Int[1, 4].Select(eighths => eighths * 240)),
        Gen.Int[1, 127],
        (pitch, start, duration, velocity) => new Note(Guid.CreateVersion7().ToString(), pitch, start, duration, velocity));

    static readonly Gen<Clip> ClipGen = Gen.Select(Gen.Int[0, 64], NoteGen.List[0, 30],
        (bar, notes) => new Clip(Guid.CreateVersion7().ToString(), bar, 8, notes));

    static readonly Gen<Track> TrackGen = Gen.Select(Gen.Enum<TrackKind>(), ClipGen.List[0, 3], Gen.Bool, Gen.String[Gen.Char.AlphaNumeric, 1, 20],
        (kind, clips, mute, name) => new Track(Guid.CreateVersion7().ToString(), name, kind, InstrumentPresets.DefaultFor(kind), 0, 0, mute, false, "V", clips));

    static readonly Gen<Project> ProjectGen = Gen.Select(TrackGen.List[0, 6], TimeSignatureGen, KeyGen, Gen.Int[20, 400],
        (tracks, timeSignature, key, bpm) =>
        {
            var orders = FractionalIndex.Spread(null, null, tracks.Count);
            var ordered = tracks.Select((t, i) => FirstInFirstOut(t with { Order = orders[i] }, timeSignature)).ToList();
            return new Project("p", "Generated", bpm, timeSignature, key, 0, ordered);
        });

    /// <summary>
    /// A MIDI channel cannot say which of two sounding notes of one pitch a note-off stops; readers stop the
    /// oldest. A note that starts later and ends earlier than another of its pitch (nested) therefore has
    /// no MIDI spelling: lengthen such notes so that, per pitch, ends come in the order starts do.
    /// </summary>
    static Track FirstInFirstOut(Track track, TimeSignature timeSignature)
    {
        var ticksPerBar = timeSignature.TicksPerBar;
        var latestEnd = new Dictionary<int, long>();
        var replaced = new Dictionary<string, Note>();
        var placed = track.Clips
            .SelectMany(c => c.Notes.Select(n => (Clip: c, Note: n, Start: c.StartBar * ticksPerBar + n.StartTick)))
            .OrderBy(x => x.Start).ThenBy(x => x.Note.DurationTicks);
        foreach (var (clip, note, start) in placed)
        {
            var end = Math.Max(start + note.DurationTicks, latestEnd.GetValueOrDefault(note.Pitch));
            latestEnd[note.Pitch] = end;
            replaced[note.Id] = note with { DurationTicks = (int)(end - start) };
        }
        return track with { Clips = track.Clips.Select(c => c with { Notes = c.Notes.Select(n => replaced[n.Id]).ToList() }).ToList() };
    }
}
