using System.Runtime.InteropServices;
using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// Gives meaning to the events the track parser reads: pairs note-ons with note-offs, keeps the conductor
/// data and track names, counts what was forgiven, and enforces <see cref="MidiLimits"/>.
/// </summary>
sealed class MidiSongBuilder
{
    const int MaxWarnings = 50;

    readonly MidiHeader _header;
    readonly MidiLimits _limits;
    readonly List<MidiTempoChange> _tempoChanges = [];
    readonly List<(MidiTrack Track, bool HasProgram)> _tracks = [];
    readonly List<string> _warnings = [];
    readonly int[] _songProgramByChannel = NoPrograms();
    // One track is parsed at a time; its state is reused so that 65,535 empty tracks cost nothing.
    readonly TrackState _track = new();

    long _timeSignatureTick = long.MaxValue;
    TimeSignature? _timeSignature;
    long _keyTick = long.MaxValue;
    MidiKeySignature? _key;
    string? _title;
    long _endTick;
    int _noteCount;
    int _conductorEvents;
    int _unmatchedNoteOffs;
    int _hangingNotes;
    int _resumedRunningStatus;
    int _tracksWithoutEnd;
    int _ignoredSmpteTempos;
    int _droppedWarnings;

    public MidiSongBuilder(MidiHeader header, MidiLimits limits)
    {
        _header = header;
        _limits = limits;
    }

    MidiTimeBase TimeBase => _header.TimeBase;

    public void Warn(string warning)
    {
        if (_warnings.Count < MaxWarnings) _warnings.Add(warning);
        else _droppedWarnings++;
    }

    public void CountResumedRunningStatus() => _resumedRunningStatus++;

    public void CountMissingEndOfTrack() => _tracksWithoutEnd++;

    public TrackState BeginTrack(int chunkIndex)
    {
        _track.Reset(chunkIndex);
        return _track;
    }

    public void OnNoteOn(TrackState state, int channel, int pitch, int velocity, long tick)
    {
        if (++_noteCount > _limits.MaxNotes)
            throw new MidiFormatException(MidiErrorCodes.TooManyNotes, $"The file has more than {_limits.MaxNotes:N0} notes, the most that is imported.");
        state.Start(channel, pitch, velocity, tick);
    }

    public void OnNoteOff(TrackState state, int channel, int pitch, long tick)
    {
        if (!state.Stop(channel, pitch, tick)) _unmatchedNoteOffs++;
    }

    public void OnProgramChange(TrackState state, int channel, int program)
    {
        if (state.ProgramByChannel[channel] < 0) state.ProgramByChannel[channel] = program;
        if (_songProgramByChannel[channel] < 0) _songProgramByChannel[channel] = program;
    }

    public void OnMetaEvent(TrackState state, byte type, ReadOnlySpan<byte> payload, long tick)
    {
        switch (type)
        {
            case 0x03: // sequence/track name
                state.Name ??= MidiText.ToName(payload);
                break;
            case 0x04: // instrument name: a fallback when the track has no name
                state.InstrumentName ??= MidiText.ToName(payload);
                break;
            case 0x51 when payload.Length >= 3:
                CountConductorEvent();
                var microseconds = (payload[0] << 16) | (payload[1] << 8) | payload[2];
                if (TimeBase.IsSmpte) _ignoredSmpteTempos++;
                else if (microseconds == 0) Warn($"Ignored a tempo of 0 µs per quarter in track {state.ChunkIndex + 1}.");
                else _tempoChanges.Add(new MidiTempoChange(TimeBase.ToStudioTicks(tick), microseconds));
                break;
            case 0x58 when payload.Length >= 4:
                CountConductorEvent();
                // The denominator is a power of two: 2 means a quarter note. Anything past 2^6 is nonsense.
                if (payload[1] > 6 || payload[0] == 0)
                    Warn($"Ignored a time signature {payload[0]}/2^{payload[1]} in track {state.ChunkIndex + 1}.");
                else if (tick < _timeSignatureTick)
                {
                    _timeSignatureTick = tick;
                    _timeSignature = new TimeSignature(payload[0], 1 << payload[1]);
                }
                break;
            case 0x59 when payload.Length >= 2:
                CountConductorEvent();
                var sharpsOrFlats = (sbyte)payload[0];
                if (sharpsOrFlats is < -7 or > 7 || payload[1] > 1)
                    Warn($"Ignored a key signature with {sharpsOrFlats} sharps/flats and mode {payload[1]} in track {state.ChunkIndex + 1}.");
                else if (tick < _keyTick)
                {
                    _keyTick = tick;
                    _key = new MidiKeySignature(sharpsOrFlats, payload[1] == 1);
                }
                break;
            case 0x51 or 0x58 or 0x59:
                Warn($"Ignored a meta event 0x{type:X2} of {payload.Length} byte(s), too short, in track {state.ChunkIndex + 1}.");
                break;
        }
    }

    void CountConductorEvent()
    {
        if (++_conductorEvents > _limits.MaxConductorEvents)
            throw new MidiFormatException(MidiErrorCodes.TooManyEvents,
                $"The file has more than {_limits.MaxConductorEvents:N0} tempo, time signature and key signature events, the most that is imported.");
    }

    public void EndTrack(TrackState state, long tick)
    {
        var studioEnd = TimeBase.ToStudioTicks(tick);
        _endTick = Math.Max(_endTick, studioEnd);
        if (state.ChunkIndex == 0) _title = state.Name; // the first track's name is the sequence's
        var name = state.Name ?? state.InstrumentName;
        for (var channel = 0; channel < MidiChannels.Count; channel++)
        {
            var pending = state.NotesByChannel[channel];
            if (pending is null || pending.Count == 0) continue;
            if (_tracks.Count >= _limits.MaxTracks)
                throw new MidiFormatException(MidiErrorCodes.TooManyTracks,
                    $"The file has more than {_limits.MaxTracks} tracks with notes (counting each channel of a track), the most that is imported.");
            var notes = new MidiNote[pending.Count];
            for (var i = 0; i < notes.Length; i++)
            {
                var note = pending[i];
                // Notes still sounding when the track ends stop there, as a player would stop them.
                if (note.End < 0) _hangingNotes++;
                var start = TimeBase.ToStudioTicks(note.Start);
                var end = TimeBase.ToStudioTicks(note.End < 0 ? tick : note.End);
                notes[i] = new MidiNote(start, end - start, note.Pitch, note.Velocity);
            }
            var program = state.ProgramByChannel[channel];
            _tracks.Add((new MidiTrack(state.ChunkIndex, channel, name, Math.Max(program, 0), notes), program >= 0));
        }
    }

    public MidiSong Build()
    {
        if (_unmatchedNoteOffs > 0) Warn($"Ignored {_unmatchedNoteOffs} note-off(s) with no sounding note to stop.");
        if (_hangingNotes > 0) Warn($"{_hangingNotes} note(s) still sounding at the end of their track were stopped there.");
        if (_resumedRunningStatus > 0) Warn($"Running status was resumed {_resumedRunningStatus} time(s) after a meta or SysEx event.");
        if (_tracksWithoutEnd > 0) Warn($"{_tracksWithoutEnd} track(s) had no End of Track event; each ended with its chunk.");
        if (_ignoredSmpteTempos > 0) Warn($"Ignored {_ignoredSmpteTempos} tempo event(s): the file counts SMPTE time, which tempo does not change.");
        if (TimeBase.IsSmpte) Warn($"The file counts SMPTE time ({TimeBase.Description}); it was read at a fixed 120 bpm.");
        if (_droppedWarnings > 0) _warnings.Add($"… and {_droppedWarnings} more warning(s).");

        // A track without a program change of its own plays the program its channel was given elsewhere.
        var songTracks = _tracks
            .Select(t => t.HasProgram || _songProgramByChannel[t.Track.Channel] < 0 ? t.Track : t.Track with { Program = _songProgramByChannel[t.Track.Channel] })
            .ToArray();
        var tempos = TimeBase.IsSmpte ? [new MidiTempoChange(0, MidiTimeBase.SmpteMicrosecondsPerQuarter)] : _tempoChanges;
        return new MidiSong(
            _header.Format,
            TimeBase.Description,
            _title,
            new MidiTempoMap(tempos),
            _timeSignature ?? TimeSignature.Common,
            _key?.ToKey(),
            songTracks,
            _endTick,
            _warnings);
    }

    static int[] NoPrograms()
    {
        var programs = new int[MidiChannels.Count];
        Array.Fill(programs, -1);
        return programs;
    }

    /// <summary>A note between its note-on and note-off; <see cref="End"/> is -1 while it sounds.</summary>
    internal struct PendingNote
    {
        public long Start;
        public long End;
        public byte Pitch;
        public byte Velocity;
    }

    /// <summary>The state of the track being parsed: names, programs, and sounding notes per channel and pitch.</summary>
    public sealed class TrackState
    {
        readonly List<PendingNote>?[] _notesByChannel = new List<PendingNote>?[MidiChannels.Count];
        // Sounding notes per channel × pitch, oldest first: a note-off stops the oldest (FIFO), as common players do.
        readonly Queue<int>?[] _sounding = new Queue<int>?[MidiChannels.Count * 128];
        readonly List<int> _usedKeys = [];

        public int ChunkIndex { get; private set; }
        public string? Name { get; set; }
        public string? InstrumentName { get; set; }
        public int[] ProgramByChannel { get; } = NoPrograms();
        internal List<PendingNote>?[] NotesByChannel => _notesByChannel;

        public void Reset(int chunkIndex)
        {
            ChunkIndex = chunkIndex;
            Name = null;
            InstrumentName = null;
            Array.Fill(ProgramByChannel, -1);
            Array.Clear(_notesByChannel);
            foreach (var key in _usedKeys) _sounding[key]!.Clear();
            _usedKeys.Clear();
        }

        public void Start(int channel, int pitch, int velocity, long tick)
        {
            var notes = _notesByChannel[channel] ??= [];
            var key = channel * 128 + pitch;
            var queue = _sounding[key] ??= new Queue<int>();
            if (queue.Count == 0) _usedKeys.Add(key);
            queue.Enqueue(notes.Count);
            notes.Add(new PendingNote { Start = tick, End = -1, Pitch = (byte)pitch, Velocity = (byte)velocity });
        }

        /// <summary>Stops the oldest sounding note of this pitch; false when none sounds.</summary>
        public bool Stop(int channel, int pitch, long tick)
        {
            var queue = _sounding[channel * 128 + pitch];
            if (queue is null || queue.Count == 0) return false;
            CollectionsMarshal.AsSpan(_notesByChannel[channel])[queue.Dequeue()].End = tick;
            return true;
        }
    }
}
