using System.Runtime.CompilerServices;

namespace Zordic.Music.Midi;

/// <summary>
/// Walks the events of one <c>MTrk</c> chunk in place: delta times, running status, channel messages,
/// SysEx and meta events. What the events mean is the <see cref="MidiSongBuilder"/>'s business.
/// </summary>
ref struct MidiTrackParser
{
    readonly ReadOnlySpan<byte> _data;
    readonly int _fileOffset;
    readonly int _chunkIndex;
    readonly long _startTick;
    readonly MidiSongBuilder _song;
    int _position;

    /// <param name="data">The chunk's body.</param>
    /// <param name="fileOffset">Where the body starts in the file, for error messages.</param>
    /// <param name="chunkIndex">Index of this track chunk, from 0.</param>
    /// <param name="startTick">File tick the track starts at (non-zero for the later sequences of format 2).</param>
    public MidiTrackParser(ReadOnlySpan<byte> data, int fileOffset, int chunkIndex, long startTick, MidiSongBuilder song)
    {
        _data = data;
        _fileOffset = fileOffset;
        _chunkIndex = chunkIndex;
        _startTick = startTick;
        _song = song;
    }

    int TrackNumber => _chunkIndex + 1;

    /// <summary>Reads every event; returns the file tick the track ends at.</summary>
    // A server reads files now and then, too seldom for tiered compilation to optimise this loop: compile it optimised at once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Parse()
    {
        var track = _song.BeginTrack(_chunkIndex);
        var tick = _startTick;
        byte runningStatus = 0;
        var afterMetaOrSysEx = false;
        var endOfTrack = false;
        while (_position < _data.Length)
        {
            tick += ReadVariableLength("delta time");
            Need(1, "event");
            var first = _data[_position];
            byte status;
            if (first >= 0x80)
            {
                status = first;
                _position++;
            }
            else
            {
                if (runningStatus == 0)
                    throw new MidiFormatException(MidiErrorCodes.MissingStatus,
                        $"Track {TrackNumber}: data byte 0x{first:X2} where an event should start, and no running status to resume", _fileOffset + _position);
                // The spec ends running status at a meta event or SysEx; players resume it anyway, and so do we.
                if (afterMetaOrSysEx) _song.CountResumedRunningStatus();
                status = runningStatus;
            }
            afterMetaOrSysEx = false;

            if (status < 0xF0)
            {
                runningStatus = status;
                ReadChannelMessage(track, status, tick);
            }
            else if (status == 0xFF)
            {
                Need(1, "meta event type");
                var type = _data[_position++];
                var length = ReadVariableLength("meta event length");
                NeedMetaPayload(length, type);
                var payload = _data.Slice(_position, (int)length);
                _position += (int)length;
                afterMetaOrSysEx = true;
                if (type == 0x2F)
                {
                    endOfTrack = true;
                    break;
                }
                _song.OnMetaEvent(track, type, payload, tick);
            }
            else if (status is 0xF0 or 0xF7)
            {
                // SysEx, or an F7 escape/continuation packet: a length and bytes the studio does not use.
                var length = ReadVariableLength("SysEx length");
                Need(length, "SysEx message");
                _position += (int)length;
                afterMetaOrSysEx = true;
            }
            else
            {
                throw new MidiFormatException(MidiErrorCodes.IllegalStatus,
                    $"Track {TrackNumber}: status byte 0x{status:X2} ({SystemMessageName(status)}) is a real-time or system-common message, which has no place in a MIDI file",
                    _fileOffset + _position - 1);
            }
        }
        if (!endOfTrack) _song.CountMissingEndOfTrack();
        else if (_position < _data.Length) _song.Warn($"Track {TrackNumber}: ignored {_data.Length - _position} byte(s) after its End of Track event.");
        _song.EndTrack(track, tick);
        return tick;
    }

    void ReadChannelMessage(MidiSongBuilder.TrackState track, byte status, long tick)
    {
        var kind = status >> 4;
        var channel = status & 0x0F;
        var dataBytes = kind is 0xC or 0xD ? 1 : 2;
        Need(dataBytes, "channel message");
        var data1 = _data[_position];
        var data2 = dataBytes == 2 ? _data[_position + 1] : (byte)0;
        if (((data1 | data2) & 0x80) != 0)
            throw new MidiFormatException(MidiErrorCodes.BadEvent,
                $"Track {TrackNumber}: channel message 0x{status:X2} has a data byte with the high bit set", _fileOffset + _position);
        _position += dataBytes;
        switch (kind)
        {
            case 0x8:
                _song.OnNoteOff(track, channel, data1, tick);
                break;
            case 0x9 when data2 == 0: // note-on with velocity 0 is the usual note-off
                _song.OnNoteOff(track, channel, data1, tick);
                break;
            case 0x9:
                _song.OnNoteOn(track, channel, data1, data2, tick);
                break;
            case 0xC:
                _song.OnProgramChange(track, channel, data1);
                break;
        }
    }

    /// <summary>A variable-length quantity: 7 bits per byte, high bit set on all but the last, at most 4 bytes.</summary>
    long ReadVariableLength(string what)
    {
        long value = 0;
        for (var i = 0; i < 4; i++)
        {
            Need(1, what);
            var b = _data[_position++];
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0) return value;
        }
        throw new MidiFormatException(MidiErrorCodes.BadEvent,
            $"Track {TrackNumber}: the {what} runs over 4 bytes, the most a variable-length quantity may have", _fileOffset + _position - 4);
    }

    void Need(long bytes, string what)
    {
        if (bytes > _data.Length - _position)
            throw new MidiFormatException(MidiErrorCodes.BadChunkLength,
                $"Track {TrackNumber}: the {what} needs {bytes} byte(s) but the track chunk ends after {_data.Length - _position}", _fileOffset + _position);
    }

    // Separate from Need so that the message is only formatted on failure: no allocation per event.
    void NeedMetaPayload(long bytes, byte type)
    {
        if (bytes > _data.Length - _position) Need(bytes, $"meta event 0x{type:X2}");
    }

    static string SystemMessageName(byte status) => status switch
    {
        0xF1 => "MIDI Time Code quarter frame",
        0xF2 => "Song Position Pointer",
        0xF3 => "Song Select",
        0xF6 => "Tune Request",
        0xF8 => "Timing Clock",
        0xFA => "Start",
        0xFB => "Continue",
        0xFC => "Stop",
        0xFE => "Active Sensing",
        _ => "undefined",
    };
}
