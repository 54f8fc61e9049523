using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// The header's division: ticks per quarter note, or SMPTE frames per second × ticks per frame.
/// Converts the file's ticks to the studio's 480 per quarter.
/// </summary>
/// <remarks>
/// An SMPTE file counts real time and ignores tempo events, so it is read as if at a fixed 120 bpm:
/// 960 studio ticks per second. Positions in seconds are kept exactly; the grid is arbitrary, as it is
/// in the file.
/// </remarks>
readonly record struct MidiTimeBase
{
    /// <summary>The tempo an SMPTE-timed file is read at.</summary>
    public const int SmpteMicrosecondsPerQuarter = 500_000;

    // Studio ticks = file ticks × numerator / denominator, rounded to the nearest tick.
    readonly long _numerator;
    readonly long _denominator;

    MidiTimeBase(long numerator, long denominator, bool isSmpte, string description)
    {
        _numerator = numerator;
        _denominator = denominator;
        IsSmpte = isSmpte;
        Description = description;
    }

    public bool IsSmpte { get; }

    public string Description { get; }

    public static MidiTimeBase FromDivision(ushort division)
    {
        if ((division & 0x8000) == 0)
        {
            if (division == 0)
                throw new MidiFormatException(MidiErrorCodes.BadHeader, "The header's division is 0 ticks per quarter note; time cannot be counted.", 12);
            return new MidiTimeBase(Ticks.PerQuarter, division, false, $"{division} ticks per quarter");
        }
        // The high byte is minus the frame rate (two's complement), the low byte ticks per frame.
        var framesPerSecond = -(sbyte)(division >> 8);
        var ticksPerFrame = division & 0xFF;
        if (framesPerSecond is not (24 or 25 or 29 or 30) || ticksPerFrame == 0)
            throw new MidiFormatException(MidiErrorCodes.BadHeader,
                $"The header's SMPTE division ({framesPerSecond} frames per second, {ticksPerFrame} ticks per frame) is not valid; frame rates are 24, 25, 29 (drop-frame) or 30.", 12);
        // 29 means 30-frame drop-frame: 29.97 frames per second. Studio ticks per second at 120 bpm: 960.
        var studioTicksPerSecond = 2L * Ticks.PerQuarter;
        return framesPerSecond == 29
            ? new MidiTimeBase(studioTicksPerSecond * 100, 2997L * ticksPerFrame, true, $"29.97 fps × {ticksPerFrame} ticks per frame")
            : new MidiTimeBase(studioTicksPerSecond, (long)framesPerSecond * ticksPerFrame, true, $"{framesPerSecond} fps × {ticksPerFrame} ticks per frame");
    }

    /// <summary>A file tick count in studio ticks (480 per quarter), rounded half away from zero.</summary>
    public long ToStudioTicks(long fileTicks)
    {
        if (_numerator == _denominator) return fileTicks;
        var scaled = (Int128)fileTicks * _numerator * 2 + _denominator;
        return (long)(scaled / (2 * _denominator));
    }
}
