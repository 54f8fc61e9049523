using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Music.Tests.Midi;

public sealed class MidiReaderTests
{
    static MidiSong Read(byte[] bytes, MidiLimits? limits = null) => MidiReader.Read(bytes, limits);

    static string Rejection(byte[] bytes, MidiLimits? limits = null) =>
        Assert.Throws<MidiFormatException>(() => MidiReader.Read(bytes, limits)).Code;

    static (long Start, long Duration, int Pitch, int Velocity)[] Notes(MidiSong song, int track = 0) =>
        song.Tracks[track].Notes.Select(n => (n.StartTick, n.DurationTicks, n.Pitch, n.Velocity)).ToArray();

    [Theory]
    [InlineData(96, 96, 48, 480, 240)]
    [InlineData(480, 480, 1, 480, 1)]
    [InlineData(960, 960, 3, 480, 2)] // the end, 481.5, rounds half up to 482
    [InlineData(1000, 3, 1000, 1, 480)] // 1.44 → 1; end 1003 → 481.44 → 481
    [InlineData(24, 1, 1, 20, 20)]
    public void Any_ticks_per_quarter_is_resampled_to_480(int division, int start, int duration, long expectedStart, long expectedDuration)
    {
        var song = Read(Smf.File(division, Smf.Track([.. Smf.Vlq(start), 0x90, 60, 100, .. Smf.Vlq(duration), 0x80, 60, 0])));
        Assert.Equal([(expectedStart, expectedDuration, 60, 100)], Notes(song));
        Assert.Equal($"{division} ticks per quarter", song.SourceDivision);
    }

    [Fact]
    public void Resampling_rounds_ends_so_that_notes_stay_contiguous()
    {
        // At 384 ticks per quarter, a triplet eighth is 128 ticks = 160 studio ticks; three fill a quarter exactly.
        var song = Read(Smf.File(384, Smf.Track(
            0x00, 0x90, 60, 90, 0x81, 0x00, 0x80, 60, 0,
            0x00, 0x90, 62, 90, 0x81, 0x00, 0x80, 62, 0,
            0x00, 0x90, 64, 90, 0x81, 0x00, 0x80, 64, 0)));
        Assert.Equal([(0L, 160L, 60, 90), (160L, 160L, 62, 90), (320L, 160L, 64, 90)], Notes(song));
    }

    [Fact]
    public void SMPTE_time_is_read_at_a_fixed_120_bpm()
    {
        // 25 frames per second × 40 ticks per frame: 1,000 ticks per second; one second is 960 studio ticks at 120 bpm.
        var division = ((256 - 25) << 8) | 40;
        var song = Read(Smf.File(division, Smf.Track([.. Smf.Tempo(0, 1_000_000), 0x00, 0x90, 60, 100, 0x87, 0x68, 0x80, 60, 0])));
        Assert.Equal([(0L, 960L, 60, 100)], Notes(song));
        Assert.Equal(120, song.TempoMap.InitialBpm);
        Assert.Equal(1.0, song.TempoMap.SecondsAt(960), 9);
        Assert.Contains(song.Warnings, w => w.Contains("SMPTE", StringComparison.Ordinal));
        Assert.Equal("25 fps × 40 ticks per frame", song.SourceDivision);
    }

    [Fact]
    public void SMPTE_drop_frame_counts_29_97_frames_per_second()
    {
        var division = ((256 - 29) << 8) | 100; // 2,997 ticks per second
        var song = Read(Smf.File(division, Smf.Track([0x00, 0x90, 60, 100, .. Smf.Vlq(2997), 0x80, 60, 0])));
        Assert.Equal(960, song.Tracks[0].Notes[0].DurationTicks);
    }

    [Fact]
    public void Running_status_repeats_the_last_channel_status()
    {
        var song = Read(Smf.File(480, Smf.Track(
            0x00, 0x90, 60, 100,
            0x60, 62, 101,      // running status: note-on 62
            0x60, 60, 0,        // note-on velocity 0 (note-off) for 60
            0x00, 62, 0)));
        Assert.Equal([(0L, 0xC0L, 60, 100), (0x60L, 0x60L, 62, 101)], Notes(song));
    }

    [Fact]
    public void Running_status_resumes_after_a_meta_event_and_after_SysEx()
    {
        var song = Read(Smf.File(480, Smf.Track(
            0x00, 0x90, 60, 100,
            0x00, 0xFF, 0x01, 0x02, (byte)'h', (byte)'i', // text meta event
            0x60, 60, 0,                                   // running status note-on velocity 0
            0x00, 0xF0, 0x02, 0x7E, 0xF7,                  // SysEx
            0x00, 64, 90,
            0x60, 64, 0)));
        Assert.Equal([(0L, 0x60L, 60, 100), (0x60L, 0x60L, 64, 90)], Notes(song));
        Assert.Contains(song.Warnings, w => w.Contains("resumed 2 time(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Note_on_with_velocity_0_ends_a_note_like_a_note_off()
    {
        var song = Read(Smf.File(480, Smf.Track(0x00, 0x91, 60, 80, 0x83, 0x60, 0x91, 60, 0x00)));
        Assert.Equal([(0L, 480L, 60, 80)], Notes(song));
        Assert.Equal(1, song.Tracks[0].Channel);
    }

    [Fact]
    public void Overlapping_notes_of_one_pitch_end_first_in_first_out()
    {
        var song = Read(Smf.File(480, Smf.Track(
            0x00, 0x90, 60, 10,
            0x64, 0x90, 60, 20,  // tick 100: the same pitch again, still sounding
            0x64, 0x80, 60, 0,   // tick 200: stops the first
            0x64, 0x80, 60, 0))); // tick 300: stops the second
        Assert.Equal([(0L, 200L, 60, 10), (100L, 200L, 60, 20)], Notes(song));
    }

    [Fact]
    public void Notes_pair_per_channel_and_each_channel_is_its_own_track()
    {
        var song = Read(Smf.File(480, Smf.Track(
            0x00, 0xC0, 33,
            0x00, 0x90, 40, 100,
            0x00, 0x99, 36, 110,
            0x10, 0x89, 36, 0,
            0x10, 0x80, 40, 0)));
        Assert.Equal(2, song.Tracks.Count);
        Assert.Equal((0, 33, false), (song.Tracks[0].Channel, song.Tracks[0].Program, song.Tracks[0].IsDrums));
        Assert.Equal((9, true), (song.Tracks[1].Channel, song.Tracks[1].IsDrums));
        Assert.Equal([(0L, 0x20L, 40, 100)], Notes(song, 0));
        Assert.Equal([(0L, 0x10L, 36, 110)], Notes(song, 1));
    }

    [Fact]
    public void A_note_still_sounding_at_the_end_of_its_track_ends_there()
    {
        var song = Read(Smf.File(480, Smf.Chunk("MTrk", 0x00, 0x90, 60, 100, 0x83, 0x60, 0xFF, 0x2F, 0x00)));
        Assert.Equal([(0L, 480L, 60, 100)], Notes(song));
    }

    [Fact]
    public void A_track_without_End_of_Track_ends_with_its_chunk()
    {
        var song = Read(Smf.File(480, Smf.Chunk("MTrk", 0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0)));
        Assert.Equal([(0L, 0x60L, 60, 100)], Notes(song));
        Assert.Contains(song.Warnings, w => w.Contains("no End of Track", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500_000, 120)]
    [InlineData(1_000_000, 60)]
    [InlineData(400_000, 150)]
    public void Tempo_gives_beats_per_minute(int microsecondsPerQuarter, double bpm)
    {
        var song = Read(Smf.File(480, Smf.Track([.. Smf.Tempo(0, microsecondsPerQuarter), 0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0])));
        Assert.Equal(bpm, song.TempoMap.InitialBpm, 9);
        Assert.Equal(bpm, MidiImport.ToProject(song, "p", "n").Bpm, 9);
    }

    [Fact]
    public void The_tempo_map_converts_ticks_to_seconds_across_changes()
    {
        var song = Read(Smf.File(480,
            Smf.Track([.. Smf.Tempo(0, 500_000), .. Smf.Tempo(960, 1_000_000)]),
            Smf.Track(0x00, 0x90, 60, 100, 0x8F, 0x00, 0x80, 60, 0))); // 1,920 ticks
        Assert.Equal(1.0, song.TempoMap.SecondsAt(960), 9);     // two quarters at 120 bpm
        Assert.Equal(3.0, song.TempoMap.SecondsAt(1920), 9);    // then two at 60 bpm
        Assert.Equal(2, song.TempoMap.Changes.Count);
    }

    [Fact]
    public void A_file_without_tempo_plays_at_120_bpm_in_4_4()
    {
        var song = Read(Smf.File(480, Smf.Track(0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0)));
        Assert.Equal(120, song.TempoMap.InitialBpm);
        Assert.Equal(TimeSignature.Common, song.TimeSignature);
        Assert.Null(song.Key);
    }

    [Theory]
    [InlineData(0, 0, PitchClass.C, Mode.Major)]
    [InlineData(-3, 0, PitchClass.DSharp, Mode.Major)] // E♭ major
    [InlineData(-3, 1, PitchClass.C, Mode.Minor)]
    [InlineData(2, 1, PitchClass.B, Mode.Minor)]
    [InlineData(1, 0, PitchClass.G, Mode.Major)]
    [InlineData(7, 0, PitchClass.CSharp, Mode.Major)]
    [InlineData(-7, 0, PitchClass.B, Mode.Major)] // C♭ major sounds as B
    [InlineData(0, 1, PitchClass.A, Mode.Minor)]
    [InlineData(-6, 1, PitchClass.DSharp, Mode.Minor)] // E♭ minor
    public void Key_signature_gives_the_key(int sharpsOrFlats, int minor, PitchClass tonic, Mode mode)
    {
        var song = Read(Smf.File(480, Smf.Track(0x00, 0xFF, 0x59, 0x02, (byte)(sbyte)sharpsOrFlats, (byte)minor)));
        Assert.Equal(new MusicalKey(tonic, mode), song.Key);
        Assert.Equal(new MusicalKey(tonic, mode), MidiImport.ToProject(song, "p", "n").Key);
    }

    [Fact]
    public void Every_major_and_minor_key_survives_its_signature()
    {
        foreach (var mode in new[] { Mode.Major, Mode.Minor })
        {
            for (var pc = 0; pc < 12; pc++)
            {
                var key = new MusicalKey((PitchClass)pc, mode);
                var signature = MidiKeySignature.FromKey(key);
                Assert.InRange(signature.SharpsOrFlats, -7, 7);
                Assert.Equal(key, signature.ToKey());
            }
        }
        Assert.Equal(new MidiKeySignature(-1, false), MidiKeySignature.FromKey(new MusicalKey(PitchClass.F, Mode.Major)));
        Assert.Equal(new MidiKeySignature(0, false), MidiKeySignature.FromKey(new MusicalKey(PitchClass.D, Mode.Dorian)));
    }

    [Fact]
    public void The_first_time_signature_and_key_signature_are_kept_and_invalid_ones_ignored()
    {
        var song = Read(Smf.File(480, Smf.Track(
            0x00, 0xFF, 0x59, 0x02, 0x09, 0x00,             // 9 sharps: ignored
            0x00, 0xFF, 0x58, 0x04, 0x06, 0x03, 0x24, 0x08, // 6/8
            0x00, 0xFF, 0x59, 0x02, 0xFE, 0x01,             // 2 flats, minor: G minor
            0x60, 0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08, // later 3/4
            0x00, 0xFF, 0x59, 0x02, 0x00, 0x00)));
        Assert.Equal(new TimeSignature(6, 8), song.TimeSignature);
        Assert.Equal(new MusicalKey(PitchClass.G, Mode.Minor), song.Key);
        Assert.Contains(song.Warnings, w => w.Contains("key signature", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_come_from_the_track_name_meta_event_in_UTF_8_or_Latin_1()
    {
        byte[] latin1 = [0x00, 0xFF, 0x03, 0x06, (byte)'B', 0xE9, (byte)'b', 0xE9, 0x00, 0x00];
        var song = Read(Smf.File(480,
            Smf.Track([.. Smf.Name("Sinfonía ♭"), 0x00, 0x90, 60, 1, 0x01, 0x80, 60, 0]),
            Smf.Track([.. latin1, 0x00, 0x90, 60, 1, 0x01, 0x80, 60, 0])));
        Assert.Equal("Sinfonía ♭", song.Title);
        Assert.Equal("Sinfonía ♭", song.Tracks[0].Name);
        Assert.Equal("Bébé", song.Tracks[1].Name);
    }

    [Fact]
    public void Junk_chunks_a_trailing_byte_and_a_wrong_track_count_are_forgiven()
    {
        var track = Smf.Track(0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0);
        byte[] file = [.. Smf.Header(1, 3, 480), .. Smf.Chunk("XFIH", 1, 2, 3), .. track, 0x00];
        var song = Read(file);
        Assert.Single(song.Tracks);
        Assert.Contains(song.Warnings, w => w.Contains("declares 3 track(s); the file has 1", StringComparison.Ordinal));
        Assert.Contains(song.Warnings, w => w.Contains("'XFIH'", StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_after_the_declared_tracks_is_ignored_but_not_before_them()
    {
        var track = Smf.Track(0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0);
        byte[] garbage = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        Assert.Single(Read([.. Smf.Header(1, 1, 480), .. track, .. garbage]).Tracks);
        Assert.Equal(MidiErrorCodes.BadChunkLength, Rejection([.. Smf.Header(1, 2, 480), .. garbage, .. track]));
    }

    public static TheoryData<byte[], string> BadFiles() => new()
    {
        { [], MidiErrorCodes.EmptyFile },
        { "MTh"u8.ToArray(), MidiErrorCodes.Truncated },
        { "MThd\0\0"u8.ToArray(), MidiErrorCodes.Truncated },
        { [.. "MThd"u8, 0, 0, 0, 6, 0, 1], MidiErrorCodes.Truncated },
        { "Hello, world!"u8.ToArray(), MidiErrorCodes.NotMidi },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "RMID"u8], MidiErrorCodes.NotMidi },
        { "SMF2CLIP"u8.ToArray(), MidiErrorCodes.Midi2Clip },
        { [.. "MThd"u8, 0, 0, 0, 4, 0, 1, 0, 1], MidiErrorCodes.BadHeader },
        { Smf.Header(0, 1, 0), MidiErrorCodes.BadHeader },
        { Smf.Header(0, 1, ((256 - 23) << 8) | 4), MidiErrorCodes.BadHeader },
        { Smf.Header(3, 1, 480), MidiErrorCodes.UnsupportedFormat },
        { Smf.Header(1, 1, 480), MidiErrorCodes.Truncated },
        { [.. Smf.Header(1, 1, 480), .. "MTrk"u8, 0, 0, 1, 0, 0x00], MidiErrorCodes.Truncated },
        { Smf.File(480, Smf.Track(0x00, 0x3C, 0x40)), MidiErrorCodes.MissingStatus },
        { Smf.File(480, Smf.Track(0x00, 0x90, 0x3C, 0x80)), MidiErrorCodes.BadEvent },
        { Smf.File(480, Smf.Track(0x81, 0x82, 0x83, 0x84, 0x05, 0x90, 60, 1)), MidiErrorCodes.BadEvent },
        { Smf.File(480, Smf.Chunk("MTrk", 0x00, 0xFF, 0x01, 0x7F, 0x41)), MidiErrorCodes.BadChunkLength },
        { Smf.File(480, Smf.Chunk("MTrk", 0x00, 0xF0, 0x8F, 0xFF, 0xFF, 0x7F)), MidiErrorCodes.BadChunkLength },
        { Smf.File(480, Smf.Chunk("MTrk", 0x00, 0x90, 0x3C)), MidiErrorCodes.BadChunkLength },
        { Smf.File(480, Smf.Track(0x00, 0xF4)), MidiErrorCodes.IllegalStatus },
        { Smf.File(480, Smf.Track(0x00, 0xF8)), MidiErrorCodes.IllegalStatus },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Malformed_bytes_are_rejected_with_a_specific_code(byte[] file, string code) => Assert.Equal(code, Rejection(file));

    [Fact]
    public void Limits_bound_notes_tracks_conductor_events_and_size()
    {
        byte[] threeNotes = [0x00, 0x90, 60, 1, 0x00, 0x90, 61, 1, 0x00, 0x90, 62, 1];
        Assert.Equal(MidiErrorCodes.TooManyNotes, Rejection(Smf.File(480, Smf.Track(threeNotes)), new MidiLimits { MaxNotes = 2 }));
        byte[] twoChannels = [0x00, 0x90, 60, 1, 0x00, 0x91, 60, 1];
        Assert.Equal(MidiErrorCodes.TooManyTracks, Rejection(Smf.File(480, Smf.Track(twoChannels)), new MidiLimits { MaxTracks = 1 }));
        byte[] tempos = [.. Smf.Tempo(0, 500_000), .. Smf.Tempo(1, 400_000)];
        Assert.Equal(MidiErrorCodes.TooManyEvents, Rejection(Smf.File(480, Smf.Track(tempos)), new MidiLimits { MaxConductorEvents = 1 }));
        Assert.Equal(MidiErrorCodes.TooLarge, Rejection(Smf.File(480, Smf.Track(threeNotes)), new MidiLimits { MaxFileBytes = 20 }));
    }

    [Fact]
    public async Task Reading_a_stream_stops_at_the_size_limit()
    {
        var file = Smf.File(480, Smf.Track(0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0));
        var song = await MidiReader.ReadAsync(new MemoryStream(file));
        Assert.Single(song.Tracks);
        var endless = new EndlessStream();
        var error = await Assert.ThrowsAsync<MidiFormatException>(() => MidiReader.ReadAsync(endless, new MidiLimits { MaxFileBytes = 1 << 20 }));
        Assert.Equal(MidiErrorCodes.TooLarge, error.Code);
        Assert.True(endless.Position <= (1 << 20) + 81920 * 2, $"read {endless.Position} bytes");
    }

    /// <summary>A stream that never ends, as a hostile upload might be.</summary>
    sealed class EndlessStream : Stream
    {
        long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            _position += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
