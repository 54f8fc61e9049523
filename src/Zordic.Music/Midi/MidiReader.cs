using System.Buffers.Binary;

namespace Zordic.Music.Midi;

/// <summary>
/// Reads Standard MIDI Files (formats 0, 1 and 2) into a <see cref="MidiSong"/>. It walks the bytes in
/// place, allocates only for what it keeps, and checks every length against the bytes that remain, so
/// a hostile file costs bounded time and memory. It forgives what common players forgive and rejects
/// the rest with a <see cref="MidiFormatException"/>; see docs/midi.md for the rules.
/// </summary>
public static class MidiReader
{
    static ReadOnlySpan<byte> HeaderId => "MThd"u8;
    static ReadOnlySpan<byte> TrackId => "MTrk"u8;
    static ReadOnlySpan<byte> Midi2ClipId => "SMF2CLIP"u8;

    /// <summary>Reads a whole file held in memory.</summary>
    /// <exception cref="MidiFormatException">The bytes are not a Standard MIDI File this reader accepts.</exception>
    public static MidiSong Read(ReadOnlySpan<byte> file, MidiLimits? limits = null)
    {
        limits ??= MidiLimits.Default;
        if (file.Length > limits.MaxFileBytes)
            throw new MidiFormatException(MidiErrorCodes.TooLarge, $"The file has {file.Length:N0} bytes; at most {limits.MaxFileBytes:N0} are accepted.");
        var header = ReadHeader(file);
        var song = new MidiSongBuilder(header, limits);
        ReadChunks(file, header, song);
        return song.Build();
    }

    /// <summary>Reads a file from a stream (an upload), never buffering more than <see cref="MidiLimits.MaxFileBytes"/>.</summary>
    /// <exception cref="MidiFormatException">The bytes are not a Standard MIDI File this reader accepts, or there are too many.</exception>
    public static async Task<MidiSong> ReadAsync(Stream stream, MidiLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= MidiLimits.Default;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limits.MaxFileBytes)
                throw new MidiFormatException(MidiErrorCodes.TooLarge, $"The file has more than {limits.MaxFileBytes:N0} bytes, the most that is accepted.");
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), limits);
    }

    static MidiHeader ReadHeader(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty) throw new MidiFormatException(MidiErrorCodes.EmptyFile, "The file is empty (0 bytes).");
        if (file.StartsWith(Midi2ClipId))
            throw new MidiFormatException(MidiErrorCodes.Midi2Clip, "This is a MIDI 2.0 clip file (SMF2CLIP); only Standard MIDI Files (MIDI 1.0, .mid) can be imported.");
        if (!file.StartsWith(HeaderId))
        {
            if (file.Length < HeaderId.Length && HeaderId.StartsWith(file))
                throw new MidiFormatException(MidiErrorCodes.Truncated, $"The file ends after {file.Length} byte(s), inside the MThd header.");
            throw new MidiFormatException(MidiErrorCodes.NotMidi, DescribeForeignStart(file));
        }
        if (file.Length < 8)
            throw new MidiFormatException(MidiErrorCodes.Truncated, $"The file ends after {file.Length} bytes, inside the MThd header.");
        var length = BinaryPrimitives.ReadUInt32BigEndian(file[4..]);
        if (length < 6)
            throw new MidiFormatException(MidiErrorCodes.BadHeader, $"The MThd header declares {length} bytes; it needs at least 6 (format, track count, division).", 4);
        if (length > file.Length - 8)
            throw new MidiFormatException(MidiErrorCodes.Truncated, $"The MThd header declares {length} bytes but only {file.Length - 8} follow.", 4);
        var format = BinaryPrimitives.ReadUInt16BigEndian(file[8..]);
        var declaredTracks = BinaryPrimitives.ReadUInt16BigEndian(file[10..]);
        var division = BinaryPrimitives.ReadUInt16BigEndian(file[12..]);
        if (format > 2)
            throw new MidiFormatException(MidiErrorCodes.UnsupportedFormat, $"The header says format {format}; Standard MIDI Files are format 0, 1 or 2.", 8);
        var timeBase = MidiTimeBase.FromDivision(division);
        return new MidiHeader(format, declaredTracks, timeBase, 8 + (int)length);
    }

    static string DescribeForeignStart(ReadOnlySpan<byte> file)
    {
        if (file[0] == 0xF0) return "This is raw System Exclusive data (a .syx dump), not a Standard MIDI File: there is no MThd header.";
        if (file.StartsWith("RIFF"u8)) return "This is a RIFF file (perhaps an RMID or WAV), not a Standard MIDI File: there is no MThd header at the start.";
        if (file.IndexOf(HeaderId) > 0) return "The file does not start with an MThd header (there is data before it); it is not a Standard MIDI File as is.";
        return "This is not a Standard MIDI File: it does not start with an MThd header.";
    }

    static void ReadChunks(ReadOnlySpan<byte> file, MidiHeader header, MidiSongBuilder song)
    {
        var position = header.FirstChunkOffset;
        var trackChunks = 0;
        long formatTwoOffset = 0; // format 2 sequences play one after the other
        while (position < file.Length)
        {
            var remaining = file.Length - position;
            if (remaining < 8)
            {
                song.Warn($"Ignored {remaining} trailing byte(s) after the last chunk.");
                break;
            }
            var id = file.Slice(position, 4);
            if (!IsChunkName(id))
            {
                if (trackChunks >= header.DeclaredTracks && trackChunks > 0)
                {
                    song.Warn($"Ignored {remaining} bytes of data after the last track.");
                    break;
                }
                throw new MidiFormatException(MidiErrorCodes.BadChunkLength,
                    $"Expected a chunk after {(trackChunks == 0 ? "the header" : $"track {trackChunks}")} but found bytes {Convert.ToHexString(id)}; a chunk length is wrong.", position);
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 4)..]);
            var body = position + 8;
            var isTrack = id.SequenceEqual(TrackId);
            if (length > (uint)(file.Length - body))
            {
                var what = isTrack ? $"Track {trackChunks + 1}" : $"Chunk '{Ascii(id)}'";
                throw new MidiFormatException(MidiErrorCodes.Truncated,
                    $"{what} declares {length:N0} bytes but only {file.Length - body:N0} remain in the file.", position + 4);
            }
            if (isTrack)
            {
                var trackStart = header.Format == 2 ? formatTwoOffset : 0;
                var trackEnd = new MidiTrackParser(file.Slice(body, (int)length), body, trackChunks, trackStart, song).Parse();
                if (header.Format == 2) formatTwoOffset = trackEnd;
                trackChunks++;
            }
            else
            {
                song.Warn($"Skipped a '{Ascii(id)}' chunk of {length:N0} bytes (not a track).");
            }
            position = body + (int)length;
        }
        if (trackChunks == 0 && header.DeclaredTracks > 0)
            throw new MidiFormatException(MidiErrorCodes.Truncated, $"The header declares {header.DeclaredTracks} track(s) but the file has none.", file.Length);
        if (trackChunks != header.DeclaredTracks)
            song.Warn($"The header declares {header.DeclaredTracks} track(s); the file has {trackChunks}. All of them were read.");
        if (header.Format == 0 && trackChunks > 1)
            song.Warn($"A format 0 file should have one track; it has {trackChunks}, read as format 1.");
    }

    // Chunk names are four printable ASCII characters; anything else means the previous length was wrong.
    static bool IsChunkName(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
        {
            if (b is < 0x20 or > 0x7E) return false;
        }
        return true;
    }

    static string Ascii(ReadOnlySpan<byte> id) => System.Text.Encoding.ASCII.GetString(id);
}

/// <summary>What the MThd chunk says.</summary>
readonly record struct MidiHeader(int Format, int DeclaredTracks, MidiTimeBase TimeBase, int FirstChunkOffset);
