using Zordic.Music.Document;
using Zordic.Music.Midi;

namespace Zordic.Music.Tests.Midi;

/// <summary>The corpus's deliberately odd files, each with the outcome it should have: a clear error or a lenient import.</summary>
public sealed class MidiMalformedFileTests
{
    const string Jazz = "jazz-soft-test-midi-files/midi/";
    const string Jazz2 = "jazz-soft-test-midi-files/midi2/";
    const string Shky = "shkyrockett-midi-unit-test-cases/test-cases/";
    static readonly int[] CMajorScale = [60, 62, 64, 65, 67, 69, 71, 72];

    static MidiSong Read(string file) => MidiReader.Read(MidiCorpus.Bytes(file));

    static MidiFormatException Rejected(string file) => Assert.Throws<MidiFormatException>(() => Read(file));

    [SharedDataTheory("midi")]
    [InlineData(Jazz + "test-empty-file.mid", MidiErrorCodes.EmptyFile)]
    [InlineData(Jazz2 + "test-empty-file.midi2", MidiErrorCodes.EmptyFile)]
    [InlineData(Jazz + "test-not-a-midi-file.mid", MidiErrorCodes.NotMidi)]
    [InlineData(Jazz2 + "test-not-a-midi-file.midi2", MidiErrorCodes.NotMidi)]
    [InlineData(Jazz + "test-syx-7e-06-01-id-request.syx", MidiErrorCodes.NotMidi)]
    [InlineData(Jazz + "test-corrupt-file-missing-byte.mid", MidiErrorCodes.Truncated)]
    [InlineData(Jazz2 + "test-empty.midi2", MidiErrorCodes.Midi2Clip)]
    [InlineData(Jazz2 + "test-no-header.midi2", MidiErrorCodes.Midi2Clip)]
    [InlineData(Jazz2 + "test-c-major-scale-m1-g0.midi2", MidiErrorCodes.Midi2Clip)]
    [InlineData(Jazz + "test-illegal-message-all.mid", MidiErrorCodes.IllegalStatus)]
    [InlineData(Jazz + "test-illegal-message-f1-xx.mid", MidiErrorCodes.IllegalStatus)]
    [InlineData(Jazz + "test-illegal-message-f8.mid", MidiErrorCodes.IllegalStatus)]
    [InlineData(Jazz + "test-illegal-message-fe.mid", MidiErrorCodes.IllegalStatus)]
    [InlineData(Shky + "track-events/system-common/0xF1-TimeCode.mid", MidiErrorCodes.IllegalStatus)]
    [InlineData(Shky + "track-events/system-common/0xFC-Stop.mid", MidiErrorCodes.IllegalStatus)]
    public void Bad_files_are_rejected_with_a_specific_code(string file, string code)
    {
        var error = Rejected(file);
        Assert.Equal(code, error.Code);
    }

    [SharedDataFact("midi")]
    public void Every_MIDI_2_clip_file_is_rejected_as_such()
    {
        foreach (var file in MidiCorpus.MidiFiles().Where(f => f.EndsWith(".midi2", StringComparison.Ordinal)))
        {
            var bytes = MidiCorpus.Bytes(file);
            var error = Assert.Throws<MidiFormatException>(() => MidiReader.Read(bytes));
            var expected = bytes.Length == 0 ? MidiErrorCodes.EmptyFile
                : bytes.AsSpan().StartsWith("SMF2CLIP"u8) ? MidiErrorCodes.Midi2Clip : MidiErrorCodes.NotMidi;
            Assert.Equal(expected, error.Code);
        }
    }

    [SharedDataFact("midi")]
    public void Messages_say_what_is_wrong_and_where()
    {
        var missingByte = Rejected(Jazz + "test-corrupt-file-missing-byte.mid");
        Assert.Contains("Track 1 declares 246 bytes but only 245 remain", missingByte.Message);
        Assert.Equal(18, missingByte.Offset);
        var illegal = Rejected(Jazz + "test-illegal-message-f2-xx-xx.mid");
        Assert.Contains("0xF2 (Song Position Pointer)", illegal.Message);
        Assert.Contains("MIDI 2.0", Rejected(Jazz2 + "test-minimal.midi2").Message);
        Assert.Contains("System Exclusive", Rejected(Jazz + "test-syx-7e-06-01-id-request.syx").Message);
    }

    [SharedDataTheory("midi")]
    [InlineData(Jazz + "test-corrupt-file-extra-byte.mid", "trailing byte")]
    [InlineData(Jazz + "test-non-midi-track.mid", "Skipped a 'Junk' chunk")]
    [InlineData(Jazz + "test-running-status-metaevent.mid", "Running status was resumed")]
    [InlineData(Jazz + "test-running-status-sysex.mid", "Running status was resumed")]
    public void Files_players_forgive_import_the_whole_scale_with_a_warning(string file, string warning)
    {
        var song = Read(file);
        var track = Assert.Single(song.Tracks);
        Assert.Equal(CMajorScale, track.Notes.Select(n => n.Pitch));
        Assert.Contains(song.Warnings, w => w.Contains(warning, StringComparison.Ordinal));
        // 96 ticks per quarter: each note a quarter long at 480, one after the other
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i * 480), track.Notes.Select(n => n.StartTick));
        Assert.All(track.Notes, n => Assert.Equal(480, n.DurationTicks));
    }

    [SharedDataFact("midi")]
    public void A_format_0_file_with_two_tracks_is_read_like_format_1()
    {
        var song = Read(Jazz + "test-2-tracks-type-0.mid");
        Assert.Equal(2, song.Tracks.Count);
        Assert.Contains(song.Warnings, w => w.Contains("format 0", StringComparison.Ordinal));
    }

    [SharedDataFact("midi")]
    public void Format_2_sequences_play_one_after_the_other()
    {
        var song = Read(Jazz + "test-2-tracks-type-2.mid");
        Assert.Equal(2, song.Tracks.Count);
        var firstEnd = song.Tracks[0].Notes.Max(n => n.EndTick);
        Assert.True(song.Tracks[1].Notes.Min(n => n.StartTick) >= firstEnd, "the second sequence starts after the first");
        Assert.Equal(8, song.Tracks[1].Notes.Count);
    }

    [SharedDataTheory("midi")]
    [InlineData(Shky + "tracks/empty-00000-tracks.mid")]
    [InlineData(Shky + "tracks/empty-00001-track.mid")]
    [InlineData(Shky + "tracks/empty-65535-tracks.mid")]
    [InlineData(Shky + "header/header-type-02-multi-song.mid")]
    public void Files_without_notes_import_as_an_empty_song(string file)
    {
        var song = Read(file);
        Assert.Empty(song.Tracks);
        Assert.Empty(MidiImport.ToProject(song, "p", "empty").Tracks);
    }

    [SharedDataFact("midi")]
    public void A_note_off_without_a_note_on_is_ignored_and_a_hanging_note_ends_with_its_track()
    {
        var offOnly = Read(Shky + "track-events/0x08-NoteOff.mid");
        Assert.Empty(offOnly.Tracks);
        Assert.Contains(offOnly.Warnings, w => w.Contains("no sounding note", StringComparison.Ordinal));

        var onOnly = Read(Shky + "track-events/0x09-NoteOn.mid");
        var note = Assert.Single(Assert.Single(onOnly.Tracks).Notes);
        Assert.Equal(onOnly.EndTick, note.EndTick);
        Assert.Contains(onOnly.Warnings, w => w.Contains("stopped there", StringComparison.Ordinal));
    }

    [SharedDataTheory("midi")]
    [InlineData(Shky + "track-events/system-common/0xF0-SystemExclusive.mid")]
    [InlineData(Shky + "track-events/system-common/0xF7-EndOfExclusive.mid")]
    public void SysEx_and_escape_packets_are_skipped(string file) => Assert.Empty(Read(file).Tracks);

    public static TheoryData<string> ProgramChangeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in MidiCorpus.MidiFiles().Where(f => f.Contains("/program-change/", StringComparison.Ordinal))) data.Add(file);
        return data;
    }

    // Two upstream files do not hold the program their name says: "Ice Rain" is GM 97 (numbered 079 by
    // mistake), and the "orchestral harp" file holds program 56, Orchestra Hit.
    static readonly Dictionary<string, int> MislabeledPrograms = new()
    {
        ["079-ice-rain-fx-quarter-note-test.mid"] = 96,
        ["047-orchestral-harp-quarter-note-test.mid"] = 55,
    };

    [SharedDataTheory("midi")]
    [MemberData(nameof(ProgramChangeFiles))]
    public void Each_General_MIDI_program_gives_its_preset_and_kind(string file)
    {
        var name = Path.GetFileName(file);
        var program = MislabeledPrograms.TryGetValue(name, out var actual) ? actual : int.Parse(name[..3], System.Globalization.CultureInfo.InvariantCulture) - 1;
        var song = Read(file);
        var midiTrack = Assert.Single(song.Tracks);
        Assert.Equal(program, midiTrack.Program);
        var track = Assert.Single(MidiImport.ToProject(song, "p", "n").Tracks);
        Assert.Equal(InstrumentPresets.KindForGeneralMidiProgram(program), track.Kind);
        Assert.Equal(InstrumentPresets.FromGeneralMidiProgram(program), track.Instrument);
    }

    [SharedDataFact("midi")]
    public void All_128_program_files_are_there() => Assert.Equal(128, ProgramChangeFiles().Count);
}
