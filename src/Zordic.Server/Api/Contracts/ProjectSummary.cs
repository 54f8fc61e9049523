using Zordic.Collab.Projects;

namespace Zordic.Server.Api.Contracts;

/// <summary>
/// A project in the list: enough to show and open it. Tempo, key and track count are as of the last
/// edit, and null for a project not edited since the list began keeping them.
/// </summary>
public sealed record ProjectSummary(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Seq,
    double? Bpm, KeyJson? Key, int? Tracks)
{
    public static ProjectSummary From(ProjectInfo p) =>
        new(p.Id, p.Name, p.CreatedAt, p.UpdatedAt, p.LastSequence, p.Bpm, p.Key is { } key ? KeyJson.From(key) : null, p.TrackCount);
}
