using Zordic.Music.Document;

namespace Zordic.Agents.Parts;

/// <summary>One track of a generated sketch: drums, bass, lead, chords … with its notes in start order.</summary>
public sealed record GeneratedPart(string Name, TrackKind Kind, IReadOnlyList<GeneratedNote> Notes);
