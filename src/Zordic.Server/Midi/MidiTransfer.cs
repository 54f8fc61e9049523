using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Music.Document;
using Zordic.Music.Midi;

namespace Zordic.Server.Midi;

/// <summary>What an import did: the project after it, what was added, and what had to be adjusted.</summary>
public sealed record MidiImportSummary(ProjectState State, int TracksAdded, int NotesAdded, IReadOnlyList<string> Notices);

/// <summary>
/// MIDI files in and out of projects. Imports go through the op pipeline like any edit (as the server's
/// "midi" session), in chunks (<see cref="ProjectCatalog.ImportAsync"/>), so collaborators see the
/// imported tracks appear live, the op log holds them, and a large file holds no one up.
/// </summary>
public static class MidiTransfer
{
    public const string Session = ServerSessions.Midi;

    /// <summary>Makes a new project from a file; a bad file throws <see cref="MidiFormatException"/> and creates nothing.</summary>
    public static async Task<MidiImportSummary> CreateProjectAsync(ProjectCatalog catalog, byte[] file, string? name, string userId, CancellationToken ct)
    {
        var song = MidiReader.Read(file);
        var imported = MidiImport.Import(song, "new", name ?? "");
        var project = imported.Project;
        var state = await catalog.CreateAsync(string.IsNullOrWhiteSpace(project.Name) ? "Imported MIDI" : project.Name, project.Bpm, project.Key, userId, ct);
        var id = state.Document.Id;
        await catalog.EditAsync(id, userId, session =>
        [
            session.Next(OperationType.Update, ["time_signature"], JsonSerializer.SerializeToElement(new
            {
                numerator = project.TimeSignature.Numerator, denominator = project.TimeSignature.Denominator,
            })),
        ], ct, Session);
        await ImportTracksAsync(catalog, id, userId, project.Tracks, ct);
        return new MidiImportSummary((await catalog.GetAsync(id, ct))!, project.Tracks.Count, NoteCount(project.Tracks), imported.Notices);
    }

    /// <summary>Adds a file's tracks after the project's last track, measured in the project's bars.</summary>
    public static async Task<MidiImportSummary> ImportIntoAsync(ProjectCatalog catalog, string projectId, byte[] file, string userId, CancellationToken ct)
    {
        var song = MidiReader.Read(file);
        var document = (await catalog.GetAsync(projectId, ct) ?? throw new ProjectNotFoundException(projectId)).Document;
        var imported = MidiImport.ImportTracks(song, document.TimeSignature, document.Tracks.LastOrDefault()?.Order);
        await ImportTracksAsync(catalog, projectId, userId, imported.Tracks, ct);
        return new MidiImportSummary((await catalog.GetAsync(projectId, ct))!, imported.Tracks.Count, NoteCount(imported.Tracks), imported.Notices);
    }

    static Task ImportTracksAsync(ProjectCatalog catalog, string projectId, string userId, IReadOnlyList<Track> tracks, CancellationToken ct) =>
        catalog.ImportAsync(projectId, userId, [.. tracks.SelectMany(DocumentOperations.ContentsOf)], [.. tracks.Select(DocumentOperations.TrackInsertOf)], ct);

    /// <summary>The project as a format 1 Standard MIDI File, or null when there is no such project.</summary>
    public static async Task<(string Name, byte[] File)?> ExportAsync(ProjectCatalog catalog, string projectId, CancellationToken ct) =>
        await catalog.GetAsync(projectId, ct) is { } state ? (state.Document.Name, MidiExport.ToBytes(state.Document)) : null;

    /// <summary>A file name made from a project name: letters, digits, spaces, dashes; never empty.</summary>
    public static string FileNameFor(string projectName)
    {
        var safe = new string([.. projectName.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_')]).Trim();
        return (safe.Length == 0 ? "project" : safe[..Math.Min(safe.Length, 80)]) + ".mid";
    }

    static int NoteCount(IEnumerable<Track> tracks) => tracks.Sum(t => t.Clips.Sum(c => c.Notes.Count));
}
