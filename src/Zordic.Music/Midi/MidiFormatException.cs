namespace Zordic.Music.Midi;

/// <summary>
/// A file that cannot be read as a Standard MIDI File. <see cref="Code"/> is one of
/// <see cref="MidiErrorCodes"/> for machines; the message says what is wrong and where, for people.
/// </summary>
public sealed class MidiFormatException : Exception
{
    public MidiFormatException(string code, string message) : base(message) => Code = code;

    public MidiFormatException(string code, string message, long offset) : base($"{message} (at byte {offset})")
    {
        Code = code;
        Offset = offset;
    }

    /// <summary>A short machine-readable reason, e.g. <c>truncated</c>.</summary>
    public string Code { get; }

    /// <summary>The byte offset in the file where reading stopped, when there is one.</summary>
    public long? Offset { get; }
}
