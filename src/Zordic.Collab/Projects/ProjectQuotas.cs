namespace Zordic.Collab.Projects;

/// <summary>
/// How large one project may grow. Objects are counted with their tombstones (a deleted note still
/// occupies its place in every replica, so that a late update to it resolves the same everywhere), which
/// is what memory and snapshots grow with. An op past a quota is rejected with <c>quota_exceeded</c> and
/// changes nothing. The defaults hold a long song with room to spare (a 500,000-note MIDI import fits)
/// and keep one project's replica under a few hundred megabytes.
/// </summary>
public sealed record ProjectQuotas
{
    public static readonly ProjectQuotas Default = new();

    /// <summary>Tracks in a project, deleted ones included.</summary>
    public int MaxTracks { get; init; } = 1_000;
    /// <summary>Clips in one track, deleted ones included.</summary>
    public int MaxClipsPerTrack { get; init; } = 10_000;
    /// <summary>Notes in one clip, deleted ones included.</summary>
    public int MaxNotesPerClip { get; init; } = 200_000;
    /// <summary>Tracks, clips and notes in the whole project, deleted ones included.</summary>
    public int MaxObjects { get; init; } = 2_000_000;
    /// <summary>Operations in the project's log.</summary>
    public long MaxLogOperations { get; init; } = 20_000_000;
    /// <summary>
    /// Editing sessions the replica keeps counts for in memory and in snapshots; beyond it, the least
    /// recently active are let go (their counts stay in the op log, and are read back if they edit again).
    /// </summary>
    public int MaxLiveSessions { get; init; } = 1_000;
}
