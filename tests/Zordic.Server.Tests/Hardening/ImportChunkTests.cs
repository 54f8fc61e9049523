using System.Net;
using System.Text.Json;
using Zordic.Collab.Projects;
using Zordic.Music.Document;
using Zordic.Music.Midi;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Server.Tests.Hardening;

/// <summary>
/// Finding 6: a MIDI import was one batch of up to 500,000 notes, holding the project's gate and SQLite's
/// one writer while other projects waited and failed. Imports now go in chunks, tracks last, so that
/// others keep editing and an import appears whole or not at all.
/// </summary>
public sealed class ImportChunkTests
{
    internal static byte[] Song(int tracks, int notesPerTrack)
    {
        var made = Enumerable.Range(0, tracks).Select(t => new Track($"t{t}", $"Part {t}", TrackKind.Keys, "keys", 0, 0, false, false, $"a{t}",
            [new Clip($"c{t}", 0, 1024, [.. Enumerable.Range(0, notesPerTrack).Select(n => new Note($"n{t}-{n}", 36 + n % 48, n * 60, 60, 90))])])).ToList();
        return MidiExport.ToBytes(new Project("p", "Big", 120, TimeSignature.Common, MusicalKey.CMajor, 0, made));
    }

    static ByteArrayContent Midi(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("audio/midi");
        return content;
    }

    [Fact]
    public async Task Another_project_keeps_editing_while_a_large_file_is_imported()
    {
        await using var studio = await StudioHost.StartAsync();
        var busy = (await studio.CreateProjectAsync(new { name = "Busy" })).GetProperty("id").GetString()!;
        var other = (await studio.CreateProjectAsync(new { name = "Other" })).GetProperty("id").GetString()!;
        var import = studio.Client.PostAsync($"/api/projects/{busy}/midi", Midi(Song(tracks: 8, notesPerTrack: 8_000)));

        // While the 64,000 notes go in, the other project takes edits, each answered on its own.
        var answered = 0;
        while (!import.IsCompleted)
        {
            var edit = await studio.PostOpsAsync(other, $$"""[{"type":"update","path":["swing"],"value":{{answered % 10 / 10.0}}}]""");
            Assert.Equal("applied", edit.GetProperty("results")[0].GetProperty("status").GetString());
            answered++;
        }
        Assert.Equal(HttpStatusCode.OK, (await import).StatusCode);
        Assert.True(answered > 1, $"the other project was edited {answered} times during the import");
        var imported = await studio.GetJsonAsync($"/api/projects/{busy}");
        Assert.Equal(8, imported.GetProperty("tracks").GetArrayLength());
        Assert.True(imported.GetProperty("seq").GetInt64() > ProjectCatalog.ImportChunk * 10);
    }

    [Fact]
    public async Task An_import_cut_short_leaves_no_track_half_there()
    {
        // Room for the first chunks of notes, not for all of them: the import fails part way, after
        // several chunks were logged.
        await using var studio = await StudioHost.StartAsync(quotas: new ProjectQuotas { MaxObjects = 12_000 });
        var id = (await studio.CreateProjectAsync(new { name = "Partial" })).GetProperty("id").GetString()!;
        var response = await studio.Client.PostAsync($"/api/projects/{id}/midi", Midi(Song(tracks: 4, notesPerTrack: 5_000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.True(document.GetProperty("seq").GetInt64() > ProjectCatalog.ImportChunk, "chunks were logged before the failure");
        Assert.Equal(0, document.GetProperty("tracks").GetArrayLength());
    }
}
