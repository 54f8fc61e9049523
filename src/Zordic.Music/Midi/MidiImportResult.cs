using Zordic.Music.Document;

namespace Zordic.Music.Midi;

/// <summary>A project made from a MIDI file, with what had to be changed to fit the document (for people).</summary>
public sealed record MidiImportResult(Project Project, IReadOnlyList<string> Notices);

/// <summary>Tracks made from a MIDI file for an existing project, with what had to be changed to fit the document.</summary>
public sealed record MidiTracksImport(IReadOnlyList<Track> Tracks, IReadOnlyList<string> Notices);
