namespace Zordic.Music.Midi;

/// <summary>MIDI channels counted from 0, as they are in status bytes.</summary>
public static class MidiChannels
{
    public const int Count = 16;

    /// <summary>General MIDI channel 10, the percussion channel.</summary>
    public const int Drums = 9;
}
