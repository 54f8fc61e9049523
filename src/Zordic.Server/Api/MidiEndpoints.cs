using Zordic.Collab.Projects;
using Zordic.Music.Midi;
using Zordic.Server.Api.Contracts;
using Zordic.Server.Limits;
using Zordic.Server.Midi;

namespace Zordic.Server.Api;

/// <summary>MIDI import and export: the file is the request or response body (audio/midi).</summary>
public static class MidiEndpoints
{
    const string MidiType = "audio/midi";

    public static RouteGroupBuilder MapMidiEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapPost("/import/midi", async (HttpRequest request, string? name, ProjectCatalog catalog, CancellationToken ct) =>
            {
                var (file, problem) = await ReadFileAsync(request, ct);
                if (problem is not null) return problem;
                var summary = await MidiTransfer.CreateProjectAsync(catalog, file!, name, UserIdentity.Of(request), ct);
                return Results.Created($"/api/projects/{summary.State.Document.Id}", MidiImportResponse.From(summary));
            })
            .RequireRateLimiting(RestRateLimiting.Imports)
            .WithTags("MIDI")
            .WithSummary("Create a project from a Standard MIDI File")
            .WithDescription("Body: the .mid file (format 0, 1 or 2). ?name= names the project (default: the file's title). Channel 10 becomes a drums track; programs map to instrument presets; any PPQ is resampled to 480.")
            .Accepts<byte[]>(MidiType, "application/octet-stream")
            .Produces<MidiImportResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        projects.MapPost("/{id}/midi", async (string id, HttpRequest request, ProjectCatalog catalog, CancellationToken ct) =>
            {
                var (file, problem) = await ReadFileAsync(request, ct);
                if (problem is not null) return problem;
                return Results.Ok(MidiImportResponse.From(await MidiTransfer.ImportIntoAsync(catalog, id, file!, UserIdentity.Of(request), ct)));
            })
            .RequireRateLimiting(RestRateLimiting.Imports)
            .WithTags("MIDI")
            .WithSummary("Import a MIDI file's tracks into a project")
            .WithDescription("Body: the .mid file. Its tracks are added after the project's tracks, in the project's tempo and time signature.")
            .Accepts<byte[]>(MidiType, "application/octet-stream")
            .Produces<MidiImportResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        projects.MapGet("/{id}/midi", async (string id, ProjectCatalog catalog, CancellationToken ct) =>
                await MidiTransfer.ExportAsync(catalog, id, ct) is { } export
                    ? Results.File(export.File, MidiType, MidiTransfer.FileNameFor(export.Name))
                    : Problems.ProjectNotFound(id))
            .WithTags("MIDI")
            .WithSummary("Export a project as a Standard MIDI File (format 1, 480 PPQ)")
            .Produces<byte[]>(StatusCodes.Status200OK, MidiType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return projects;
    }

    static async Task<(byte[]? File, IResult? Problem)> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        var (file, problem) = await RequestBody.ReadBytesAsync(request, MidiLimits.Default.MaxFileBytes, ct);
        if (problem is not null) return (null, problem);
        return file!.Length == 0 ? (null, Problems.BadRequest(MidiErrorCodes.EmptyFile, "the request body is empty; send the .mid file as the body")) : (file, null);
    }

}
