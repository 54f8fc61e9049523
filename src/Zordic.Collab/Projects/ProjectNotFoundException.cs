namespace Zordic.Collab.Projects;

public sealed class ProjectNotFoundException(string projectId)
    : Exception($"there is no project '{projectId}'")
{
    public string ProjectId { get; } = projectId;
}
