namespace Zordic.Collab.Projects;

/// <summary>
/// The op log could not be read or written (the disk, the database). Nothing of the request was applied;
/// callers answer with the code <c>storage_unavailable</c> and the client may resend.
/// </summary>
public sealed class StorageUnavailableException(string projectId, Exception inner)
    : Exception($"the op log of project '{projectId}' cannot be written right now: {inner.Message}", inner)
{
    public string ProjectId { get; } = projectId;
}
