using Zordic.Server.Midi;

namespace Zordic.Server.Api.Contracts;

/// <summary>The project after a MIDI import, what was added, and what had to be adjusted to fit (for people).</summary>
public sealed record MidiImportResponse(ProjectDocument Project, int TracksAdded, int NotesAdded, IReadOnlyList<string> Notices)
{
    public static MidiImportResponse From(MidiImportSummary s) => new(ProjectDocument.From(s.State), s.TracksAdded, s.NotesAdded, s.Notices);
}
