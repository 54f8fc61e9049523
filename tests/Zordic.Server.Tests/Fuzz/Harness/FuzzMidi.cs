using CsCheck;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Generators of MIDI file bodies: random bytes, and files with a real header and track chunks whose
/// counts, lengths, delta times and events are random (lying lengths, five-byte variable-length numbers,
/// running status, metas and sysex of any length), so that the reader's every branch gets bad input.
/// </summary>
public static class FuzzMidi
{
    static readonly Gen<byte[]> Event = Gen.Frequency(
        (6, Gen.Select(Gen.Byte[0x80, 0xEF], Gen.Byte[0, 0x7F], Gen.Byte[0, 0x7F], (status, a, b) => new[] { status, a, b })),
        (2, Gen.Select(Gen.Byte, Gen.Byte[0, 8], Gen.Byte.Array[0, 8], (type, length, data) => new byte[] { 0xFF, type, length }.Concat(data).ToArray())),
        (1, Gen.Select(Gen.Byte[0, 20], Gen.Byte.Array[0, 20], (length, data) => new byte[] { 0xF0, length }.Concat(data).ToArray())),
        (1, Gen.Byte.Array[1, 4]),
        (1, Gen.Const(new byte[] { 0xFF, 0x2F, 0x00 })));

    static readonly Gen<byte[]> Delta = Gen.Frequency(
        (8, Gen.Byte[0, 0x7F].Select(b => new[] { b })),
        (1, Gen.Const(new byte[] { 0x8F, 0xFF, 0xFF, 0x7F })),
        (1, Gen.Const(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })));

    static readonly Gen<byte[]> Track = Gen.Select(Gen.Select(Delta, Event, (d, e) => d.Concat(e).ToArray()).Array[0, 60], Gen.Int[0, 9], (events, lie) =>
    {
        var body = events.SelectMany(e => e).ToArray();
        var length = lie switch { 0 => body.Length + 100, 1 => Math.Max(0, body.Length - 3), 2 => int.MaxValue, _ => body.Length };
        return "MTrk"u8.ToArray().Concat(BigEndian(length)).Concat(body).ToArray();
    });

    public static readonly Gen<byte[]> File = Gen.Frequency(
        (2, Gen.Byte.Array[0, 300]),
        (5, Gen.Select(Gen.OneOf<ushort>(0, 1, 2, 3, 0xFFFF), Gen.OneOf<ushort>(0, 1, 2, 3, 200, 0xFFFF), Gen.OneOf<ushort>(0, 1, 96, 480, 0x7FFF, 0xE250, 0xFFFF), Track.Array[0, 3],
            (format, tracks, division, chunks) => "MThd"u8.ToArray().Concat(BigEndian(6)).Concat(Short(format)).Concat(Short(tracks)).Concat(Short(division))
                .Concat(chunks.SelectMany(c => c)).ToArray())));

    static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    static byte[] Short(ushort value) => [(byte)(value >> 8), (byte)value];
}
