using Zordic.Collab.Replica;

namespace Zordic.Collab.Projects;

/// <summary>
/// A project loaded in memory: its authoritative replica and how far its op log goes. All access goes
/// through <see cref="Gate"/>, which serializes a project's writes so that ops enter the log, and are
/// broadcast, in the order they were accepted.
/// </summary>
internal sealed class OpenProject(ProjectReplica replica, long lastSequence, long snapshotSequence)
{
    public readonly SemaphoreSlim Gate = new(1, 1);
    public ProjectReplica Replica = replica;
    public long LastSequence = lastSequence;
    public long SnapshotSequence = snapshotSequence;
    /// <summary>Set when the project was deleted while a caller waited for the gate.</summary>
    public bool Deleted;
    /// <summary>Set when the catalog let go of this copy while a caller waited for the gate: load it again.</summary>
    public bool Evicted;
    /// <summary>When a caller last held the gate (<see cref="TimeProvider"/> timestamp).</summary>
    public long LastUsed;
}
