using Zordic.Collab.Projects;

namespace Zordic.Server.Api.Contracts;

/// <summary>A project in the list: enough to show and open it.</summary>
public sealed record ProjectSummary(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Seq)
{
    public static ProjectSummary From(ProjectInfo p) => new(p.Id, p.Name, p.CreatedAt, p.UpdatedAt, p.LastSequence);
}
