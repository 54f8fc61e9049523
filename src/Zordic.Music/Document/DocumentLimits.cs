namespace Zordic.Music.Document;

/// <summary>The ranges every value of a project document must lie in; validation and MIDI import share them.</summary>
public static class DocumentLimits
{
    public const double MinBpm = 20, MaxBpm = 400;
    public const double MinSwing = 0, MaxSwing = 1;
    public const double MinVolumeDb = -96, MaxVolumeDb = 6;
    public const double MinPan = -1, MaxPan = 1;
    public const int MinPitch = 0, MaxPitch = 127;
    public const int MinVelocity = 1, MaxVelocity = 127;
    public const int MaxBars = 4096;
    public const int MaxClipLengthBars = 1024;
    /// <summary>Upper bound for a note's start and duration: 4,096 bars of 32/4 at 480 ticks per quarter.</summary>
    public const int MaxTicks = 4096 * 32 * 480;
    public const int MaxNameLength = 200;
    public const int MaxIdLength = 64;
    /// <summary>Fractional order keys grow by about one character per insertion at the same place.</summary>
    public const int MaxOrderLength = 128;
}
