using Zordic.Music.Document;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Music.Tests.Midi;

public sealed class MidiImportTests
{
    static MidiSong Song(IReadOnlyList<MidiTrack> tracks, TimeSignature? timeSignature = null, MusicalKey? key = null, params MidiTempoChange[] tempos) =>
        new(1, "480 ticks per quarter", "Song", new MidiTempoMap(tempos), timeSignature ?? TimeSignature.Common, key, tracks, 0, []);

    static MidiTrack Track(int chunk, int channel, string? name, int program, params MidiNote[] notes) => new(chunk, channel, name, program, notes);

    static readonly MidiNote AQuarter = new(0, 480, 60, 100);

    [Fact]
    public void Channel_10_becomes_a_drums_track_and_programs_choose_preset_and_kind()
    {
        var project = MidiImport.ToProject(Song([
            Track(1, 9, null, 0, new MidiNote(0, 120, 36, 100)),
            Track(2, 0, "Walking bass", 33, AQuarter),
            Track(3, 1, null, 0, AQuarter),
            Track(4, 2, null, 81, AQuarter),
        ]), "project-1", "Imported");
        Assert.Equal("project-1", project.Id);
        Assert.Equal("Imported", project.Name);
        Assert.Equal(
            [("Drums", TrackKind.Drums, InstrumentPresets.DrumKit), ("Walking bass", TrackKind.Bass, InstrumentPresets.Bass),
             ("Piano", TrackKind.Keys, InstrumentPresets.Keys), ("Synth Lead", TrackKind.Lead, InstrumentPresets.Lead)],
            project.Tracks.Select(t => (t.Name, t.Kind, t.Instrument)));
        Assert.All(project.Tracks, t => Assert.Equal((0.0, 0.0, false, false), (t.Volume, t.Pan, t.Mute, t.Solo)));
    }

    [Fact]
    public void Several_channels_of_one_MIDI_track_are_told_apart_by_channel()
    {
        var project = MidiImport.ToProject(Song([Track(0, 0, "Band", 0, AQuarter), Track(0, 9, "Band", 0, AQuarter)]), "p", "n");
        Assert.Equal(["Band (ch 1)", "Band (ch 10)"], project.Tracks.Select(t => t.Name));
    }

    [Fact]
    public void Ids_are_fresh_UUIDv7_strings_and_order_keys_ascend()
    {
        var tracks = Enumerable.Range(0, 12).Select(i => Track(i, i % 16, $"T{i}", 0, AQuarter, new MidiNote(480, 480, 62, 90))).ToList();
        var project = MidiImport.ToProject(Song(tracks), "p", "n");
        var ids = project.Tracks.SelectMany(t => t.Clips.SelectMany(c => c.Notes.Select(n => n.Id).Append(c.Id)).Append(t.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
        var orders = project.Tracks.Select(t => t.Order).ToList();
        Assert.All(orders, o => Assert.True(FractionalIndex.IsValid(o)));
        Assert.Equal(orders.Order(StringComparer.Ordinal), orders);
        Assert.Equal(orders.Count, orders.Distinct().Count());
    }

    [Theory]
    [InlineData(4, 4, 1920, 1)]
    [InlineData(4, 4, 1921, 2)]
    [InlineData(3, 4, 1441, 2)]
    [InlineData(6, 8, 4320, 3)]
    [InlineData(6, 8, 4321, 4)]
    public void One_clip_from_bar_0_long_enough_for_its_notes_in_whole_bars(int numerator, int denominator, long lastEnd, int bars)
    {
        var project = MidiImport.ToProject(Song([Track(1, 0, null, 0, new MidiNote(0, 10, 60, 90), new MidiNote(lastEnd - 5, 5, 64, 90))],
            new TimeSignature(numerator, denominator)), "p", "n");
        var clip = Assert.Single(Assert.Single(project.Tracks).Clips);
        Assert.Equal((0, bars), (clip.StartBar, clip.LengthBars));
        Assert.Equal(new TimeSignature(numerator, denominator), project.TimeSignature);
    }

    [Fact]
    public void Notes_outside_the_document_limits_are_normalized_not_rejected()
    {
        var result = MidiImport.Import(Song([Track(1, 0, null, 0,
            new MidiNote(0, 0, 60, 100),      // zero length: one tick
            new MidiNote(480, 0, 62, 100),    // zero length doubling a real note: left out
            new MidiNote(480, 240, 62, 100),
            new MidiNote(960, 120, 64, 0))]), "p", "n"); // velocity 0 (only a hand-made song has it): 1
        var notes = Assert.Single(Assert.Single(result.Project.Tracks).Clips).Notes;
        Assert.Equal([(0, 1, 60, 100), (480, 240, 62, 100), (960, 120, 64, 1)], notes.Select(n => (n.StartTick, n.DurationTicks, n.Pitch, n.Velocity)));
        Assert.Contains(result.Notices, n => n.Contains("made one tick long", StringComparison.Ordinal));
        Assert.Contains(result.Notices, n => n.Contains("doubling a real note", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4_000_000, 20)]   // 15 bpm: 20 is the slowest a project plays
    [InlineData(100_000, 400)]    // 600 bpm: the fastest is 400
    public void Tempo_outside_the_limits_is_clamped_with_a_notice(int microsecondsPerQuarter, double bpm)
    {
        var result = MidiImport.Import(Song([], tempos: new MidiTempoChange(0, microsecondsPerQuarter)), "p", "n");
        Assert.Equal(bpm, result.Project.Bpm);
        Assert.Contains(result.Notices, n => n.Contains("outside", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_tempo_becomes_the_bpm_and_later_changes_are_noted()
    {
        var result = MidiImport.Import(Song([], null, null, new MidiTempoChange(0, 811_000), new MidiTempoChange(960, 500_000)), "p", "n");
        Assert.Equal(73.983, result.Project.Bpm); // 73.9827… rounded to 3 decimals
        Assert.Contains(result.Notices, n => n.Contains("changes tempo 1 time", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_defaults_to_C_major_and_an_unsupported_time_signature_to_4_4()
    {
        var project = MidiImport.ToProject(Song([], new TimeSignature(5, 64)), "p", "");
        Assert.Equal(MusicalKey.CMajor, project.Key);
        Assert.Equal(TimeSignature.Common, project.TimeSignature);
        Assert.Equal("Song", project.Name); // no name given: the song's title
        var minor = MidiImport.ToProject(Song([], key: new MusicalKey(PitchClass.E, Mode.Minor)), "p", "n");
        Assert.Equal(new MusicalKey(PitchClass.E, Mode.Minor), minor.Key);
    }

    [Fact]
    public void Tracks_for_an_existing_project_use_its_time_signature_and_fit_between_order_keys()
    {
        var song = Song([Track(1, 0, "A", 0, new MidiNote(0, 1440, 60, 90)), Track(2, 1, "B", 0, AQuarter)]);
        var import = MidiImport.ImportTracks(song, new TimeSignature(3, 4), orderAfter: "G", orderBefore: "H");
        Assert.Equal(2, import.Tracks.Count);
        Assert.All(import.Tracks, t => Assert.True(string.CompareOrdinal(t.Order, "G") > 0 && string.CompareOrdinal(t.Order, "H") < 0));
        Assert.True(string.CompareOrdinal(import.Tracks[0].Order, import.Tracks[1].Order) < 0);
        Assert.Equal(1, import.Tracks[0].Clips[0].LengthBars); // 1,440 ticks: one bar of 3/4
        Assert.Equal(2, MidiImport.ImportTracks(song, new TimeSignature(2, 4)).Tracks[0].Clips[0].LengthBars);
    }

    [Fact]
    public void A_song_longer_than_a_clip_may_be_is_cut_into_clips_of_1024_bars()
    {
        const long bar = 1920;
        var project = MidiImport.ToProject(Song([Track(1, 0, null, 0,
            new MidiNote(0, 480, 60, 90),
            new MidiNote(1500 * bar + 10, 480, 62, 90),
            new MidiNote(5000 * bar, 480, 64, 90))]), "p", "n");
        var clips = Assert.Single(project.Tracks).Clips;
        Assert.Equal([(0, 1), (1024, 477)], clips.Select(c => (c.StartBar, c.LengthBars)));
        Assert.Equal(476 * (int)bar + 10, clips[1].Notes[0].StartTick);
    }
}
