using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zordic.Server.Tests;

public sealed class ProjectApiTests
{
    [Fact]
    public async Task A_created_project_can_be_read_listed_and_deleted()
    {
        await using var studio = await StudioHost.StartAsync();
        var response = await studio.Client.PostAsJsonAsync("/api/projects", new { name = "Lo-fi sketch", bpm = 85, key = "A minor" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/projects/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Lo-fi sketch", created.GetProperty("name").GetString());
        Assert.Equal(85, created.GetProperty("bpm").GetDouble());
        Assert.Equal("A", created.GetProperty("key").GetProperty("tonic").GetString());
        Assert.Equal("minor", created.GetProperty("key").GetProperty("mode").GetString());
        Assert.Equal(4, created.GetProperty("time_signature").GetProperty("numerator").GetInt32());
        Assert.Equal(3, created.GetProperty("seq").GetInt64());
        Assert.Equal(3, created.GetProperty("version_vector").GetProperty("api").GetInt64());

        var fetched = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(created.GetRawText(), fetched.GetRawText());
        var list = await studio.GetJsonAsync("/api/projects");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("id").GetString() == id && p.GetProperty("name").GetString() == "Lo-fi sketch");

        Assert.Equal(HttpStatusCode.NoContent, (await studio.Client.DeleteAsync($"/api/projects/{id}")).StatusCode);
        await Problem.AssertAsync(await studio.Client.GetAsync($"/api/projects/{id}"), HttpStatusCode.NotFound, "unknown_project");
        await Problem.AssertAsync(await studio.Client.DeleteAsync($"/api/projects/{id}"), HttpStatusCode.NotFound, "unknown_project");
        Assert.Empty((await studio.GetJsonAsync("/api/projects")).EnumerateArray());
    }

    [Fact]
    public async Task The_list_shows_each_project_s_tempo_key_and_tracks_as_of_its_last_edit()
    {
        await using var studio = await StudioHost.StartAsync();
        var response = await studio.Client.PostAsJsonAsync("/api/projects", new { name = "Lo-fi sketch", bpm = 85, key = "A minor" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var listed = await ListedAsync(studio, id);
        Assert.Equal(85, listed.GetProperty("bpm").GetDouble());
        Assert.Equal("A", listed.GetProperty("key").GetProperty("tonic").GetString());
        Assert.Equal("minor", listed.GetProperty("key").GetProperty("mode").GetString());
        Assert.Equal(0, listed.GetProperty("tracks").GetInt32());

        await studio.PostOpsAsync(id, """
            [{"type":"insert","path":["tracks","drums"],"value":{"kind":"drums","order":"V"}},
             {"type":"insert","path":["tracks","bass"],"value":{"kind":"bass","order":"W"}},
             {"type":"update","path":["bpm"],"value":92}]
            """);
        await studio.PostOpsAsync(id, """[{"type":"delete","path":["tracks","drums"]}]""");
        listed = await ListedAsync(studio, id);
        Assert.Equal(92, listed.GetProperty("bpm").GetDouble());
        Assert.Equal(1, listed.GetProperty("tracks").GetInt32());
        Assert.Equal(7, listed.GetProperty("seq").GetInt64());
    }

    static async Task<JsonElement> ListedAsync(StudioHost studio, string id) =>
        (await studio.GetJsonAsync("/api/projects")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);

    [Theory]
    [InlineData("""{"name":"x","bpm":5}""", "out_of_range")]
    [InlineData("""{"name":"x","bpm":"fast"}""", "invalid_value")]
    [InlineData("""{"name":"","bpm":100}""", "out_of_range")]
    [InlineData("""{"bpm":100}""", "invalid_value")]
    [InlineData("""{"name":"x","key":"H major"}""", "invalid_value")]
    [InlineData("""not json""", "malformed")]
    [InlineData("", "malformed")]
    public async Task A_bad_project_request_is_a_specific_problem_and_creates_nothing(string body, string code)
    {
        await using var studio = await StudioHost.StartAsync();
        var response = await studio.Client.PostAsync("/api/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Empty((await studio.GetJsonAsync("/api/projects")).EnumerateArray());
    }

    [Fact]
    public async Task The_api_describes_itself_with_openapi_and_a_browsable_page()
    {
        await using var studio = await StudioHost.StartAsync();
        var openapi = await studio.GetJsonAsync("/openapi/v1.json");
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[] { "/api/projects", "/api/projects/{id}", "/api/projects/{id}/ops" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        var page = await studio.Client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.ToString());
    }
}
