using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// What a Standard MIDI File says, resampled to 480 ticks per quarter: the conductor data the studio
/// uses and the notes of every track and channel that plays any. Tracks without notes are not kept.
/// </summary>
/// <param name="Format">The header's format: 0, 1 or 2 (format 2 sequences are laid end to end).</param>
/// <param name="SourceDivision">How the file counted time, e.g. "96 ticks per quarter" or "25 fps × 40 ticks per frame".</param>
/// <param name="Title">The first track's name, which SMF makes the sequence name; null when it has none.</param>
/// <param name="TempoMap">Tempo changes, starting at tick 0 (120 bpm when the file sets none).</param>
/// <param name="TimeSignature">The first time signature, 4/4 when the file has none.</param>
/// <param name="Key">The first key signature, null when the file has none.</param>
/// <param name="Tracks">Tracks with notes, by chunk and then channel.</param>
/// <param name="EndTick">The last tick of the song: its last event or End of Track.</param>
/// <param name="Warnings">What the reader forgave (junk chunks, trailing bytes, hanging notes …), for people.</param>
public sealed record MidiSong(
    int Format,
    string SourceDivision,
    string? Title,
    MidiTempoMap TempoMap,
    TimeSignature TimeSignature,
    MusicalKey? Key,
    IReadOnlyList<MidiTrack> Tracks,
    long EndTick,
    IReadOnlyList<string> Warnings)
{
    public int NoteCount => Tracks.Sum(t => t.Notes.Count);
}
