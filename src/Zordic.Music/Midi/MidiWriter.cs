using System.Buffers.Binary;
using System.Text;

namespace Zordic.Music.Midi;

/// <summary>
/// Writes the bytes of a Standard MIDI File: the header, then track chunks built event by event with
/// delta times. Knows the file format, not the studio's document.
/// </summary>
sealed class MidiWriter
{
    /// <summary>The largest delta time a 4-byte variable-length quantity holds.</summary>
    const long MaxDelta = 0x0FFF_FFFF;

    readonly MemoryStream _file = new();
    readonly MemoryStream _track = new();
    long _trackTick;

    public MidiWriter(int format, int trackCount, int ticksPerQuarter)
    {
        Span<byte> header = stackalloc byte[14];
        "MThd"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 6);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], (ushort)format);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)trackCount);
        BinaryPrimitives.WriteUInt16BigEndian(header[12..], (ushort)ticksPerQuarter);
        _file.Write(header);
    }

    public void BeginTrack()
    {
        _track.SetLength(0);
        _trackTick = 0;
    }

    /// <summary>Ends the track with End of Track at <paramref name="tick"/> (or at its last event, if later) and appends the chunk.</summary>
    public void EndTrack(long tick)
    {
        WriteMeta(Math.Max(tick, _trackTick), 0x2F, []);
        Span<byte> chunkHeader = stackalloc byte[8];
        "MTrk"u8.CopyTo(chunkHeader);
        BinaryPrimitives.WriteUInt32BigEndian(chunkHeader[4..], checked((uint)_track.Length));
        _file.Write(chunkHeader);
        _track.WriteTo(_file);
    }

    public void WriteChannelMessage(long tick, int status, int data1, int data2)
    {
        WriteDelta(tick);
        _track.WriteByte((byte)status);
        _track.WriteByte((byte)data1);
        if ((status >> 4) is not (0xC or 0xD)) _track.WriteByte((byte)data2);
    }

    public void WriteMeta(long tick, byte type, ReadOnlySpan<byte> payload)
    {
        WriteDelta(tick);
        _track.WriteByte(0xFF);
        _track.WriteByte(type);
        WriteVariableLength(payload.Length);
        _track.Write(payload);
    }

    public void WriteText(long tick, byte type, string text) => WriteMeta(tick, type, Encoding.UTF8.GetBytes(text));

    public byte[] ToArray() => _file.ToArray();

    void WriteDelta(long tick)
    {
        if (tick < _trackTick) throw new InvalidOperationException($"Events must be written in tick order ({tick} after {_trackTick}).");
        var delta = tick - _trackTick;
        // A gap longer than one delta can say is bridged with empty text events, which players ignore.
        while (delta > MaxDelta)
        {
            WriteVariableLength(MaxDelta);
            _track.Write([0xFF, 0x01, 0x00]);
            delta -= MaxDelta;
        }
        WriteVariableLength(delta);
        _trackTick = tick;
    }

    void WriteVariableLength(long value)
    {
        Span<byte> bytes = stackalloc byte[5];
        var count = 0;
        do
        {
            bytes[count++] = (byte)(value & 0x7F);
            value >>= 7;
        } while (value > 0);
        for (var i = count - 1; i >= 0; i--)
        {
            _track.WriteByte((byte)(bytes[i] | (i > 0 ? 0x80 : 0)));
        }
    }
}
