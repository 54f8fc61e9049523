using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Sends generated cases (<see cref="RestCases"/>, <see cref="HubCases"/>) to a studio one at a time and
/// checks after each that the studio kept its promises: no 5xx; every hub call answered with a
/// HubResult, with a code when it failed, never SignalR's generic error; nothing logged as an error; the
/// hub connection still usable; the project equal to its op log and still taking ordinary edits. Failures
/// are counted and described with the case, never thrown, so that one run reports everything.
/// </summary>
public sealed class FuzzRunner : IAsyncDisposable
{
    static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    const int FreshProjectEvery = 400;

    readonly IFuzzTarget _target;
    readonly FuzzContext _context;
    readonly string _probeSession = $"fz-probe-{Guid.NewGuid():N}"[..20];
    ProjectInvariants _project;
    HubConnection? _hub;
    long _probeNumber;
    string? _lastRejection;
    int _bpm;
    int _errorsSeen;

    FuzzRunner(IFuzzTarget target, string projectId)
    {
        _target = target;
        _context = new FuzzContext(projectId);
        _project = new ProjectInvariants(projectId);
        _errorsSeen = target.ServerErrors().Count;
    }

    public FuzzReport Report { get; } = new();

    public static async Task<FuzzRunner> StartAsync(IFuzzTarget target) => new(target, await CreateProjectAsync(target));

    /// <summary>Runs generated cases of both kinds, for a number of cases or seconds (whichever is given; both: the first reached).</summary>
    public async Task RunAsync(Gen<object> cases, int? count, double? seconds)
    {
        var clock = Stopwatch.StartNew();
        var deadline = seconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.MaxValue;
        var left = count ?? int.MaxValue;
        // CsCheck generates; the run is driven here, one case at a time, so that time and count bound it and a
        // failing case is reported with its payload rather than shrunk (shrinking would replay against a server
        // whose state the earlier cases changed).
        while (left > 0 && clock.Elapsed < deadline)
        {
            var batch = Math.Min(left, 25);
            var generated = new List<object>(batch);
            await cases.SampleAsync(c =>
            {
                generated.Add(c);
                return Task.CompletedTask;
            }, iter: batch, threads: 1);
            foreach (var c in generated)
            {
                if (clock.Elapsed >= deadline) break;
                // A project that grows without end makes each check slower than the last: start afresh now and then.
                if (Report.Cases > 0 && Report.Cases % FreshProjectEvery == 0) await FreshProjectAsync();
                try
                {
                    await (c is RestCase rest ? RestAsync(rest) : HubAsync((HubCase)c));
                }
                catch (Exception e)
                {
                    // Whatever went wrong on the way (the studio did not answer a check's own request), the run goes on.
                    Report.InvariantFailures++;
                    Report.Add("harness", $"case {Report.Cases} ({c}) ended in {e.GetType().Name}: {e.Message}");
                    await DropHubAsync();
                }
                left--;
            }
        }
        Report.Seconds += clock.Elapsed.TotalSeconds;
    }

    public static Gen<object> Rest => RestCases.Any.Select(c => (object)c);
    public static Gen<object> Hub => HubCases.Any.Select(c => (object)c);
    public static Gen<object> Both => Gen.Frequency((1, Rest), (1, Hub));

    public async Task RestAsync(RestCase c)
    {
        _context.Case = ++Report.Cases;
        Report.RestCases++;
        var body = c.Body is null ? null : _context.Render(c.Body);
        var description = c.Describe(_context, body);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), _context.Render(c.Path));
            if (c.Bytes is not null || body is not null)
            {
                request.Content = new ByteArrayContent(c.Bytes ?? Encoding.UTF8.GetBytes(body!));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            }
            if (c.UserHeader is not null) request.Headers.TryAddWithoutValidation("X-User-Id", c.UserHeader);
            using var cts = new CancellationTokenSource(CallTimeout);
            using var response = await _target.Http.SendAsync(request, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            if ((int)response.StatusCode >= 500)
            {
                Report.Rest5xx++;
                Report.Add("5xx", $"{(int)response.StatusCode} for {description}: {FuzzJson.Shorten(text)}");
            }
            else if (response.IsSuccessStatusCode)
            {
                Learn(text);
            }
        }
        catch (Exception e)
        {
            // The server closed the connection or did not answer: as bad as a 5xx for the caller.
            Report.Rest5xx++;
            Report.Add("5xx", $"no answer ({e.GetType().Name}: {e.Message}) for {description}");
        }
        await CheckAfterAsync(description);
    }

    public async Task HubAsync(HubCase c)
    {
        _context.Case = ++Report.Cases;
        Report.HubCases++;
        var payload = _context.Render(c.Payload);
        var description = c.Describe(payload);
        var bySignalR = SignalRRefusals.Of(c, payload);
        if (SignalRRefusals.HasLoneSurrogate(payload))
        {
            // The .NET client cannot write unpaired surrogates, and when it finds one past its first 8 KB it has
            // already sent those: the rest of the connection is garbage to the server, which rightly closes it.
            Report.Unsendable++;
            await CheckAfterAsync(description);
            return;
        }
        var hub = await HubConnectionAsync();
        try
        {
            var argument = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 4000 }).RootElement;
            var args = Enumerable.Repeat<object?>(argument, c.Arguments).ToArray();
            using var cts = new CancellationTokenSource(CallTimeout);
            var result = await hub.InvokeCoreAsync<JsonElement>(c.Method, args, cts.Token);
            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Report.InvariantFailures++;
                Report.Add("no-result", $"{description} answered {FuzzJson.Shorten(result.GetRawText())}, not a HubResult");
            }
            else if (!ok.GetBoolean() && (!result.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || code.GetString() is not { Length: > 0 }))
            {
                Report.InvariantFailures++;
                Report.Add("no-code", $"{description} failed without a code: {FuzzJson.Shorten(result.GetRawText())}");
            }
        }
        catch (JsonException)
        {
            // The .NET client could not write the payload; part of it may have gone out already: start afresh.
            Report.Unsendable++;
            await DropHubAsync();
        }
        catch (Exception) when (bySignalR == SignalRRefusals.DeepPayload)
        {
            // SignalR closes the connection: the error can come as a HubException before the state says so.
            Report.Refused(bySignalR);
            await DropHubAsync();
        }
        catch (HubException) when (bySignalR == SignalRRefusals.CallFitsNoMethod && hub.State == HubConnectionState.Connected)
        {
            Report.Refused(bySignalR);
        }
        catch (HubException e) when (hub.State == HubConnectionState.Connected)
        {
            Report.HubGenericErrors++;
            Report.Add("generic", $"{description}: {e.Message}");
        }
        catch (Exception e)
        {
            Report.InvariantFailures++;
            Report.Add("connection", $"{description} ended the call without an answer ({e.GetType().Name}: {e.Message}); connection {hub.State}");
            await DropHubAsync();
        }
        if (c.Method is "session:join" or "session:leave") await RejoinAsync(description);
        await CheckAfterAsync(description, hubEdit: true);
    }

    // After every case: nothing logged as an error, the project equals its log, an ordinary edit takes effect
    // (over the hub after a hub case, so that the connection is shown to be usable too).
    async Task CheckAfterAsync(string description, bool hubEdit = false)
    {
        var (errors, latest) = _target.ServerErrors();
        if (errors > _errorsSeen)
        {
            Report.InvariantFailures++;
            Report.Add("logged", $"the server logged {errors - _errorsSeen} error(s) after {description}: {FuzzJson.Shorten(latest, 1200)}");
            _errorsSeen = errors;
        }
        string? broken;
        try
        {
            _bpm = _bpm % 150 + 1;
            var bpm = 60 + _bpm;
            broken = await _project.StateMatchesLogAsync(_target)
                ?? (hubEdit ? await HubEditTakesEffectAsync(bpm, description) : await _project.OrdinaryEditTakesEffectAsync(_target, bpm));
        }
        catch (Exception e)
        {
            broken = $"checking the project failed: {e.GetType().Name}: {e.Message}";
        }
        if (broken is null) return;
        Report.BrokenProjects++;
        Report.Add("broken", $"after {description}: {broken}");
        // Go on with a fresh project, so that one break is not counted again for every case after it (nor what
        // the broken one logged while it was checked).
        await FreshProjectAsync();
        _errorsSeen = _target.ServerErrors().Count;
    }

    async Task FreshProjectAsync()
    {
        var id = await CreateProjectAsync(_target);
        _context.Reset(id);
        _project = new ProjectInvariants(id);
        // The probe's session has sent nothing in the new project: its numbers start again (a jump of more
        // than 10,000 past a session's last op is refused, rightly).
        _probeNumber = 0;
        await RejoinAsync();
    }

    async Task<string?> HubEditTakesEffectAsync(int bpm, string description)
    {
        var hub = await HubConnectionAsync();
        // A Lamport stamp above every op of the log, as an honest client's would be: the edit must win.
        var number = ++_probeNumber;
        var past = Math.Max(0, _project.Clock + 1 - number);
        var op = $$"""{"op_id":"{{Guid.CreateVersion7()}}","user_id":"{{_context.UserId}}","session_id":"{{_probeSession}}","type":"update","path":["bpm"],"value":{{bpm}},"version_vector":{"{{_probeSession}}":{{number}},"~":{{past}}},"timestamp":1}""";
        JsonElement result;
        try
        {
            using var cts = new CancellationTokenSource(CallTimeout);
            result = await hub.InvokeAsync<JsonElement>("op:execute", JsonDocument.Parse(op).RootElement, cts.Token);
        }
        catch (Exception e)
        {
            Report.InvariantFailures++;
            Report.Add("connection", $"the hub connection is no longer usable after {description}: an ordinary op:execute failed ({e.GetType().Name}: {e.Message})");
            await DropHubAsync();
            return null;
        }
        if (!result.GetProperty("ok").GetBoolean())
            return $"an ordinary op over the hub (bpm {bpm}) was refused: {result.GetRawText()}; last op:rejected {_lastRejection}";
        return await _project.BpmIsAsync(_target, bpm);
    }

    async Task<HubConnection> HubConnectionAsync()
    {
        if (_hub is { State: HubConnectionState.Connected }) return _hub;
        await DropHubAsync();
        _hub = _target.NewHubConnection();
        _hub.On<JsonElement>("op:rejected", r => _lastRejection = r.GetRawText());
        _hub.On<JsonElement>("agent:suggestion", s =>
        {
            if (s.TryGetProperty("suggestion_id", out var id) && id.ValueKind == JsonValueKind.String) _context.SuggestionId = id.GetString();
        });
        await _hub.StartAsync();
        await RejoinAsync();
        return _hub;
    }

    async Task DropHubAsync()
    {
        if (_hub is null) return;
        try { await _hub.DisposeAsync(); } catch (Exception) { }
        _hub = null;
    }

    // Joins the fuzz project again from where it is (since its current position, without the document: cheap).
    async Task RejoinAsync(string? after = null)
    {
        if (_hub is not { State: HubConnectionState.Connected } hub) return;
        var seq = (await _target.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{_context.ProjectId}")).GetProperty("seq").GetInt64();
        var join = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["project_id"] = _context.ProjectId, ["user_id"] = _context.UserId, ["since"] = seq });
        JsonElement result;
        try
        {
            using var cts = new CancellationTokenSource(CallTimeout);
            result = await hub.InvokeAsync<JsonElement>("session:join", join, cts.Token);
        }
        catch (Exception e)
        {
            Report.InvariantFailures++;
            Report.Add("connection", $"joining the fuzz project again{(after is null ? "" : $" after {after}")} failed ({e.GetType().Name}: {e.Message})");
            await DropHubAsync();
            return;
        }
        if (!result.GetProperty("ok").GetBoolean())
        {
            Report.InvariantFailures++;
            Report.Add("connection", $"joining the fuzz project again{(after is null ? "" : $" after {after}")} was refused: {result.GetRawText()}");
        }
    }

    // Ids worth reusing in later cases: an op the log holds, a suggestion an agent made.
    void Learn(string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            if (root.ValueKind != JsonValueKind.Object) return;
            if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in results.EnumerateArray())
                {
                    if (r.GetProperty("status").GetString() == "applied") _context.LoggedOpId = r.GetProperty("op_id").GetString();
                }
            }
            if (root.TryGetProperty("suggestions", out var suggestions) && suggestions.ValueKind == JsonValueKind.Array && suggestions.GetArrayLength() > 0)
                _context.SuggestionId = suggestions[0].GetProperty("suggestion_id").GetString();
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>A project with a track <c>t</c>, a clip <c>c</c> and a note <c>n</c>: what the generated paths aim at.</summary>
    static async Task<string> CreateProjectAsync(IFuzzTarget target)
    {
        var created = await target.Http.PostAsJsonAsync("/api/projects", new { name = "Fuzz", bpm = 100 });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var setup = await target.Http.PostAsync($"/api/projects/{id}/ops", new StringContent("""
            [{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}},
             {"type":"insert","path":["tracks","t","clips","c"],"value":{"length_bars":4}},
             {"type":"insert","path":["tracks","t","clips","c","notes","n"],"value":{"pitch":60,"start_tick":0,"duration_ticks":240}}]
            """, Encoding.UTF8, "application/json"));
        setup.EnsureSuccessStatusCode();
        return id;
    }

    public async ValueTask DisposeAsync() => await DropHubAsync();

    public override string ToString() => Report.Summary();
}
