using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zordic.Server.Tests;

public sealed class MidiApiTests
{
    static ByteArrayContent Midi(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("audio/midi");
        return content;
    }

    /// <summary>Every note as (track name, kind, absolute tick, pitch, duration, velocity), sorted.</summary>
    public static List<string> Notes(JsonElement project)
    {
        var ticksPerBar = 480 * 4 * project.GetProperty("time_signature").GetProperty("numerator").GetInt32()
            / project.GetProperty("time_signature").GetProperty("denominator").GetInt32();
        var notes = new List<string>();
        var index = 0;
        foreach (var track in project.GetProperty("tracks").EnumerateArray())
        {
            foreach (var clip in track.GetProperty("clips").EnumerateArray())
                foreach (var n in clip.GetProperty("notes").EnumerateArray())
                {
                    var start = clip.GetProperty("start_bar").GetInt32() * ticksPerBar + n.GetProperty("start_tick").GetInt32();
                    notes.Add($"{index}:{track.GetProperty("kind").GetString()} @{start} p{n.GetProperty("pitch").GetInt32()} d{n.GetProperty("duration_ticks").GetInt32()} v{n.GetProperty("velocity").GetInt32()}");
                }
            index++;
        }
        notes.Sort(StringComparer.Ordinal);
        return notes;
    }

    [SharedDataFact("midi/tonejs-midi-test/bach/bach_847.mid")]
    public async Task A_midi_file_becomes_a_project_and_exports_back_to_the_same_notes()
    {
        await using var studio = await StudioHost.StartAsync();
        var file = await File.ReadAllBytesAsync(SharedData.Path("midi/tonejs-midi-test/bach/bach_847.mid"));
        var response = await studio.Client.PostAsync("/api/projects/import/midi?name=Fugue", Midi(file));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var imported = await response.Content.ReadFromJsonAsync<JsonElement>();
        var project = imported.GetProperty("project");
        Assert.Equal("Fugue", project.GetProperty("name").GetString());
        Assert.True(imported.GetProperty("notes_added").GetInt32() > 500);
        Assert.Equal(imported.GetProperty("notes_added").GetInt32(), Notes(project).Count);

        var exported = await studio.Client.GetAsync($"/api/projects/{project.GetProperty("id").GetString()}/midi");
        Assert.Equal("audio/midi", exported.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Fugue.mid", exported.Content.Headers.ContentDisposition!.FileName);
        var again = await studio.Client.PostAsync("/api/projects/import/midi", Midi(await exported.Content.ReadAsByteArrayAsync()));
        var reimported = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("project");
        Assert.Equal(Notes(project), Notes(reimported));
        Assert.Equal(project.GetProperty("bpm").GetDouble(), reimported.GetProperty("bpm").GetDouble());
    }

    [SharedDataFact("midi/tonejs-midi-test/beat.mid")]
    public async Task Importing_into_a_project_adds_tracks_after_its_own_through_the_op_log()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Host", bpm = 90 })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","mine"],"value":{"kind":"bass","order":"V"}}]""");
        var file = await File.ReadAllBytesAsync(SharedData.Path("midi/tonejs-midi-test/beat.mid"));
        var response = await studio.Client.PostAsync($"/api/projects/{id}/midi", Midi(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var project = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("project");
        var tracks = project.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal("mine", tracks[0].GetProperty("id").GetString());
        Assert.Equal("drums", tracks[1].GetProperty("kind").GetString());
        Assert.Equal(90, project.GetProperty("bpm").GetDouble());
        var log = await studio.GetJsonAsync($"/api/projects/{id}/ops?since={project.GetProperty("seq").GetInt64() - 3}");
        Assert.All(log.GetProperty("ops").EnumerateArray(), o => Assert.Equal("midi", o.GetProperty("op").GetProperty("session_id").GetString()));
    }

    [SharedDataTheory("midi/jazz-soft-test-midi-files/midi", "midi/tonejs-midi-test/beat.mid")]
    [InlineData("midi/jazz-soft-test-midi-files/midi/test-not-a-midi-file.mid", "not_midi")]
    [InlineData("midi/jazz-soft-test-midi-files/midi/test-corrupt-file-missing-byte.mid", "truncated")]
    public async Task A_file_that_is_not_midi_is_a_specific_problem_and_creates_nothing(string path, string code)
    {
        await using var studio = await StudioHost.StartAsync();
        var file = await File.ReadAllBytesAsync(SharedData.Path(path));
        await Problem.AssertAsync(await studio.Client.PostAsync("/api/projects/import/midi", Midi(file)), HttpStatusCode.BadRequest, code);
        Assert.Empty((await studio.GetJsonAsync("/api/projects")).EnumerateArray());
        await Problem.AssertAsync(await studio.Client.PostAsync("/api/projects/import/midi", Midi([])), HttpStatusCode.BadRequest, "empty_file");
        await Problem.AssertAsync(await studio.Client.GetAsync("/api/projects/nope/midi"), HttpStatusCode.NotFound, "unknown_project");
        await Problem.AssertAsync(await studio.Client.PostAsync("/api/projects/nope/midi", Midi(await File.ReadAllBytesAsync(SharedData.Path("midi/tonejs-midi-test/beat.mid")))), HttpStatusCode.NotFound, "unknown_project");
    }
}
