namespace Zordic.Music.Document;

/// <summary>A region of a track that holds notes, placed on the timeline by bar.</summary>
public sealed record Clip(string Id, int StartBar, int LengthBars, IReadOnlyList<Note> Notes);
