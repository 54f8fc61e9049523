using System.Text.Json;
using Zordic.Collab.Projects;
using Zordic.Collab.Undo;
using Zordic.Music.Theory;
using Zordic.Server.Api.Contracts;

namespace Zordic.Server.Api;

/// <summary><c>/api/projects</c>: create, list, read and delete projects.</summary>
public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");

        projects.MapPost("/", CreateAsync)
            .WithSummary("Create a project")
            .WithDescription("Body: {\"name\": \"My beat\", \"bpm\": 85, \"key\": \"A minor\"}; bpm and key are optional. The name, tempo and key are set by operations like any other edit.")
            .Accepts<CreateProjectRequest>("application/json")
            .Produces<ProjectDocument>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        projects.MapGet("/", async (ProjectCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok((await catalog.ListAsync(ct)).Select(ProjectSummary.From).ToList()))
            .WithSummary("List projects, most recently changed first");

        projects.MapGet("/{id}", async (string id, ProjectCatalog catalog, CancellationToken ct) =>
                await catalog.GetAsync(id, ct) is { } state ? Results.Ok(ProjectDocument.From(state)) : Problems.ProjectNotFound(id))
            .WithSummary("Get a project's document with its version vector and log position")
            .Produces<ProjectDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        projects.MapDelete("/{id}", async (string id, ProjectCatalog catalog, UndoHistories undo, CancellationToken ct) =>
            {
                if (!await catalog.DeleteAsync(id, ct)) return Problems.ProjectNotFound(id);
                undo.Forget(id);
                return Results.NoContent();
            })
            .WithSummary("Delete a project with its op log")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return projects;
    }

    static async Task<IResult> CreateAsync(HttpRequest request, ProjectCatalog catalog, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<CreateProjectRequest>(request, 64 * 1024, "{\"name\": string, \"bpm\"?: number, \"key\"?: \"A minor\"}", ct);
        if (problem is not null) return problem;
        if (body!.Name is null) return Problems.BadRequest("invalid_value", "a project needs a name: {\"name\": \"My beat\"}");
        if (body.Bpm is { } bpm && !double.IsFinite(bpm)) return Problems.BadRequest("out_of_range", "bpm must be a number of beats per minute, not one past what a double holds");
        MusicalKey? key = null;
        if (body.Key is { ValueKind: not JsonValueKind.Null } k)
        {
            if (!TryReadKey(k, out var parsed)) return Problems.BadRequest("invalid_value", $"key {k.GetRawText()} is not a key like \"A minor\", \"F#m\" or {{\"tonic\": \"A\", \"mode\": \"minor\"}}");
            key = parsed;
        }
        var state = await catalog.CreateAsync(body.Name, body.Bpm, key, UserIdentity.Of(request), ct);
        return Results.Created($"/api/projects/{state.Document.Id}", ProjectDocument.From(state));
    }

    static bool TryReadKey(JsonElement json, out MusicalKey key)
    {
        key = default;
        if (json.ValueKind == JsonValueKind.String) return MusicalKey.TryParse(json.GetString(), out key);
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("tonic", out var t) && json.TryGetProperty("mode", out var m)
            && t.ValueKind == JsonValueKind.String && m.ValueKind == JsonValueKind.String)
            return MusicalKey.TryParse($"{t.GetString()} {m.GetString()}", out key);
        return false;
    }
}
