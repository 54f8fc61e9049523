using System.Buffers.Binary;

namespace Zordic.Music.Tests.Midi;

/// <summary>Builds Standard MIDI File bytes by hand, so that reader tests say exactly which bytes they feed.</summary>
static class Smf
{
    public static byte[] Header(int format, int tracks, int division)
    {
        var bytes = new byte[14];
        "MThd"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(8), (ushort)format);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)tracks);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), (ushort)division);
        return bytes;
    }

    public static byte[] Chunk(string id, params byte[] body)
    {
        var bytes = new byte[8 + body.Length];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)body.Length);
        body.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A track chunk of the given events, with End of Track appended.</summary>
    public static byte[] Track(params byte[] events) => Chunk("MTrk", [.. events, 0x00, 0xFF, 0x2F, 0x00]);

    /// <summary>A whole file: header (format 1 unless said) and track chunks.</summary>
    public static byte[] File(int division, params byte[][] tracks) => File(1, division, tracks);

    public static byte[] File(int format, int division, params byte[][] tracks) =>
        [.. Header(format, tracks.Length, division), .. tracks.SelectMany(t => t)];

    /// <summary>A variable-length quantity.</summary>
    public static byte[] Vlq(long value)
    {
        var bytes = new List<byte> { (byte)(value & 0x7F) };
        while ((value >>= 7) > 0) bytes.Insert(0, (byte)(0x80 | (value & 0x7F)));
        return [.. bytes];
    }

    public static byte[] Name(string name)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(name);
        return [0x00, 0xFF, 0x03, .. Vlq(text.Length), .. text];
    }

    public static byte[] Tempo(long delta, int microsecondsPerQuarter) =>
        [.. Vlq(delta), 0xFF, 0x51, 0x03, (byte)(microsecondsPerQuarter >> 16), (byte)(microsecondsPerQuarter >> 8), (byte)microsecondsPerQuarter];
}
