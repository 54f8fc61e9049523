namespace Zordic.Music.Document;

/// <summary>A note in a clip: <paramref name="StartTick"/> counts from the clip's start, 480 ticks per quarter.</summary>
public sealed record Note(string Id, int Pitch, int StartTick, int DurationTicks, int Velocity);
