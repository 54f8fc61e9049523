using System.Net.Http.Json;
using System.Text.Json;
using Zordic.Collab.Projects;
using Zordic.Music.Midi;
using Zordic.Server.Api;
using Zordic.Server.Api.Contracts;
using Zordic.Server.Midi;
using Zordic.Server.Storage;

namespace Zordic.Server.Cli;

/// <summary>
/// How a CLI verb reaches the studio's data: through the server running on the data directory when
/// there is one (so that its open projects and connected browsers see the change), else directly.
/// </summary>
public abstract class StudioConnection : IDisposable
{
    public static StudioConnection Open(string dataDirectory) =>
        RunningStudio.Find(dataDirectory) is { } url ? new Remote(url) : new Local(dataDirectory);

    public abstract Task<MidiImportResponse> ImportMidiAsync(byte[] file, string? name, string? intoProjectId, CancellationToken ct);
    public abstract Task<(string Name, byte[] File)> ExportMidiAsync(string projectId, CancellationToken ct);
    public virtual void Dispose() => GC.SuppressFinalize(this);

    sealed class Local(string dataDirectory) : StudioConnection
    {
        readonly ProjectCatalog _catalog = new(new SqliteProjectStore(dataDirectory));

        public override async Task<MidiImportResponse> ImportMidiAsync(byte[] file, string? name, string? intoProjectId, CancellationToken ct)
        {
            try
            {
                return MidiImportResponse.From(intoProjectId is null
                    ? await MidiTransfer.CreateProjectAsync(_catalog, file, name, UserIdentity.Anonymous, ct)
                    : await MidiTransfer.ImportIntoAsync(_catalog, intoProjectId, file, UserIdentity.Anonymous, ct));
            }
            catch (MidiFormatException e)
            {
                throw new CliException($"cannot import: {e.Message} ({e.Code})");
            }
            catch (ProjectNotFoundException e)
            {
                throw new CliException(e.Message);
            }
        }

        public override async Task<(string Name, byte[] File)> ExportMidiAsync(string projectId, CancellationToken ct) =>
            await MidiTransfer.ExportAsync(_catalog, projectId, ct) ?? throw new CliException($"there is no project '{projectId}'");
    }

    sealed class Remote(string url) : StudioConnection
    {
        readonly HttpClient _http = new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };

        public override async Task<MidiImportResponse> ImportMidiAsync(byte[] file, string? name, string? intoProjectId, CancellationToken ct)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new("audio/midi");
            var path = intoProjectId is null
                ? "/api/projects/import/midi" + (name is null ? "" : $"?name={Uri.EscapeDataString(name)}")
                : $"/api/projects/{Uri.EscapeDataString(intoProjectId)}/midi";
            using var response = await _http.PostAsync(path, content, ct);
            await ThrowIfProblemAsync(response, ct);
            return (await response.Content.ReadFromJsonAsync<MidiImportResponse>(StudioJson.Options, ct))!;
        }

        public override async Task<(string Name, byte[] File)> ExportMidiAsync(string projectId, CancellationToken ct)
        {
            using var response = await _http.GetAsync($"/api/projects/{Uri.EscapeDataString(projectId)}/midi", ct);
            await ThrowIfProblemAsync(response, ct);
            return (response.Content.Headers.ContentDisposition?.FileName ?? projectId, await response.Content.ReadAsByteArrayAsync(ct));
        }

        static async Task ThrowIfProblemAsync(HttpResponseMessage response, CancellationToken ct)
        {
            if (response.IsSuccessStatusCode) return;
            var detail = $"the studio answered {(int)response.StatusCode}";
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (problem.TryGetProperty("detail", out var d)) detail = d.GetString() ?? detail;
            }
            catch (JsonException) { }
            throw new CliException(detail);
        }

        public override void Dispose()
        {
            _http.Dispose();
            base.Dispose();
        }
    }
}
