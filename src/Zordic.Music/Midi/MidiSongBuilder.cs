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

    readonly MidiHeader header;
    readonly MidiLimits limits;
    readonly List<MidiTempoChange> tempoChanges = [];
    readonly List<(MidiTrack Track, bool HasProgram)> tracks = [];
    readonly List<string> warnings = [];
    readonly int[] songProgramByChannel = NoPrograms();
    // One track is parsed at a time; its state is reused so that 65,535 empty tracks cost nothing.
    readonly TrackState track = new();

    long timeSignatureTick = long.MaxValue;
    TimeSignature? timeSignature;
    long keyTick = long.MaxValue;
    MidiKeySignature? key;
    string? title;
    long endTick;
    int noteCount;
    int conductorEvents;
    int unmatchedNoteOffs;
    int hangingNotes;
    int resumedRunningStatus;
    int tracksWithoutEnd;
    int ignoredSmpteTempos;
    int droppedWarnings;

    public MidiSongBuilder(MidiHeader header, MidiLimits limits)
    {
        this.header = header;
        this.limits = limits;
    }

    MidiTimeBase TimeBase => header.TimeBase;

    public void Warn(string warning)
    {
        if (warnings.Count < MaxWarnings) warnings.Add(warning);
        else droppedWarnings++;
    }

    public void CountResumedRunningStatus() => resumedRunningStatus++;

    public void CountMissingEndOfTrack() => tracksWithoutEnd++;

    public TrackState BeginTrack(int chunkIndex)
    {
        track.Reset(chunkIndex);
        return track;
    }

    public void OnNoteOn(TrackState state, int channel, int pitch, int velocity, long tick)
    {
        if (++noteCount > limits.MaxNotes)
            throw new MidiFormatException(MidiErrorCodes.TooManyNotes, $"The file has more than {limits.MaxNotes:N0} notes, the most that is imported.");
        state.Start(channel, pitch, velocity, tick);
    }

    public void OnNoteOff(TrackState state, int channel, int pitch, long tick)
    {
        if (!state.Stop(channel, pitch, tick)) unmatchedNoteOffs++;
    }

    public void OnProgramChange(TrackState state, int channel, int program)
    {
        if (state.ProgramByChannel[channel] < 0) state.ProgramByChannel[channel] = program;
        if (songProgramByChannel[channel] < 0) songProgramByChannel[channel] = program;
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
                if (TimeBase.IsSmpte) ignoredSmpteTempos++;
                else if (microseconds == 0) Warn($"Ignored a tempo of 0 µs per quarter in track {state.ChunkIndex + 1}.");
                else tempoChanges.Add(new MidiTempoChange(TimeBase.ToStudioTicks(tick), microseconds));
                break;
            case 0x58 when payload.Length >= 4:
                CountConductorEvent();
                // The denominator is a power of two: 2 means a quarter note. Anything past 2^6 is nonsense.
                if (payload[1] > 6 || payload[0] == 0)
                    Warn($"Ignored a time signature {payload[0]}/2^{payload[1]} in track {state.ChunkIndex + 1}.");
                else if (tick < timeSignatureTick)
                {
                    timeSignatureTick = tick;
                    timeSignature = new TimeSignature(payload[0], 1 << payload[1]);
                }
                break;
            case 0x59 when payload.Length >= 2:
                CountConductorEvent();
                var sharpsOrFlats = (sbyte)payload[0];
                if (sharpsOrFlats is < -7 or > 7 || payload[1] > 1)
                    Warn($"Ignored a key signature with {sharpsOrFlats} sharps/flats and mode {payload[1]} in track {state.ChunkIndex + 1}.");
                else if (tick < keyTick)
                {
                    keyTick = tick;
                    key = new MidiKeySignature(sharpsOrFlats, payload[1] == 1);
                }
                break;
            case 0x51 or 0x58 or 0x59:
                Warn($"Ignored a meta event 0x{type:X2} of {payload.Length} byte(s), too short, in track {state.ChunkIndex + 1}.");
                break;
        }
    }

    void CountConductorEvent()
    {
        if (++conductorEvents > limits.MaxConductorEvents)
            throw new MidiFormatException(MidiErrorCodes.TooManyEvents,
                $"The file has more than {limits.MaxConductorEvents:N0} tempo, time signature and key signature events, the most that is imported.");
    }

    public void EndTrack(TrackState state, long tick)
    {
        var studioEnd = TimeBase.ToStudioTicks(tick);
        endTick = Math.Max(endTick, studioEnd);
        if (state.ChunkIndex == 0) title = state.Name; // the first track's name is the sequence's
        var name = state.Name ?? state.InstrumentName;
        for (var channel = 0; channel < MidiChannels.Count; channel++)
        {
            var pending = state.NotesByChannel[channel];
            if (pending is null || pending.Count == 0) continue;
            if (tracks.Count >= limits.MaxTracks)
                throw new MidiFormatException(MidiErrorCodes.TooManyTracks,
                    $"The file has more than {limits.MaxTracks} tracks with notes (counting each channel of a track), the most that is imported.");
            var notes = new MidiNote[pending.Count];
            for (var i = 0; i < notes.Length; i++)
            {
                var note = pending[i];
                // Notes still sounding when the track ends stop there, as a player would stop them.
                if (note.End < 0) hangingNotes++;
                var start = TimeBase.ToStudioTicks(note.Start);
                var end = TimeBase.ToStudioTicks(note.End < 0 ? tick : note.End);
                notes[i] = new MidiNote(start, end - start, note.Pitch, note.Velocity);
            }
            var program = state.ProgramByChannel[channel];
            tracks.Add((new MidiTrack(state.ChunkIndex, channel, name, Math.Max(program, 0), notes), program >= 0));
        }
    }

    public MidiSong Build()
    {
        if (unmatchedNoteOffs > 0) Warn($"Ignored {unmatchedNoteOffs} note-off(s) with no sounding note to stop.");
        if (hangingNotes > 0) Warn($"{hangingNotes} note(s) still sounding at the end of their track were stopped there.");
        if (resumedRunningStatus > 0) Warn($"Running status was resumed {resumedRunningStatus} time(s) after a meta or SysEx event.");
        if (tracksWithoutEnd > 0) Warn($"{tracksWithoutEnd} track(s) had no End of Track event; each ended with its chunk.");
        if (ignoredSmpteTempos > 0) Warn($"Ignored {ignoredSmpteTempos} tempo event(s): the file counts SMPTE time, which tempo does not change.");
        if (TimeBase.IsSmpte) Warn($"The file counts SMPTE time ({TimeBase.Description}); it was read at a fixed 120 bpm.");
        if (droppedWarnings > 0) warnings.Add($"… and {droppedWarnings} more warning(s).");

        // A track without a program change of its own plays the program its channel was given elsewhere.
        var songTracks = tracks
            .Select(t => t.HasProgram || songProgramByChannel[t.Track.Channel] < 0 ? t.Track : t.Track with { Program = songProgramByChannel[t.Track.Channel] })
            .ToArray();
        var tempos = TimeBase.IsSmpte ? [new MidiTempoChange(0, MidiTimeBase.SmpteMicrosecondsPerQuarter)] : tempoChanges;
        return new MidiSong(
            header.Format,
            TimeBase.Description,
            title,
            new MidiTempoMap(tempos),
            timeSignature ?? TimeSignature.Common,
            key?.ToKey(),
            songTracks,
            endTick,
            warnings);
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
        readonly List<PendingNote>?[] notesByChannel = new List<PendingNote>?[MidiChannels.Count];
        // Sounding notes per channel × pitch, oldest first: a note-off stops the oldest (FIFO), as common players do.
        readonly Queue<int>?[] sounding = new Queue<int>?[MidiChannels.Count * 128];
        readonly List<int> usedKeys = [];

        public int ChunkIndex { get; private set; }
        public string? Name { get; set; }
        public string? InstrumentName { get; set; }
        public int[] ProgramByChannel { get; } = NoPrograms();
        internal List<PendingNote>?[] NotesByChannel => notesByChannel;

        public void Reset(int chunkIndex)
        {
            ChunkIndex = chunkIndex;
            Name = null;
            InstrumentName = null;
            Array.Fill(ProgramByChannel, -1);
            Array.Clear(notesByChannel);
            foreach (var key in usedKeys) sounding[key]!.Clear();
            usedKeys.Clear();
        }

        public void Start(int channel, int pitch, int velocity, long tick)
        {
            var notes = notesByChannel[channel] ??= [];
            var key = channel * 128 + pitch;
            var queue = sounding[key] ??= new Queue<int>();
            if (queue.Count == 0) usedKeys.Add(key);
            queue.Enqueue(notes.Count);
            notes.Add(new PendingNote { Start = tick, End = -1, Pitch = (byte)pitch, Velocity = (byte)velocity });
        }

        /// <summary>Stops the oldest sounding note of this pitch; false when none sounds.</summary>
        public bool Stop(int channel, int pitch, long tick)
        {
            var queue = sounding[channel * 128 + pitch];
            if (queue is null || queue.Count == 0) return false;
            CollectionsMarshal.AsSpan(notesByChannel[channel])[queue.Dequeue()].End = tick;
            return true;
        }
    }
}
