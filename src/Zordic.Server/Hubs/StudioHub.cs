using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Collab.Undo;
using Zordic.Server.Agents;
using Zordic.Server.Api.Contracts;
using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>
/// The collaboration hub at <c>/hubs/studio</c>, with the seed's method and event names (docs/hub.md).
/// Every method takes one JSON payload and returns a <see cref="HubResult"/>; bad input gets a specific
/// code, changes nothing and leaves the connection usable. Hub instances live for one call: what a
/// connection needs to remember is in its <see cref="ConnectionSession"/>.
/// </summary>
public sealed class StudioHub(
    ProjectCatalog catalog,
    SessionFanout fanout,
    ISessionState sessions,
    UndoHistories undo,
    StudioHubOptions options,
    SuggestionBoard suggestions,
    TimeProvider clock) : Hub
{
    const string UndoSession = "undo";

    ConnectionSession Session => (ConnectionSession)Context.Items[typeof(ConnectionSession)]!;

    public override Task OnConnectedAsync()
    {
        Context.Items[typeof(ConnectionSession)] = new ConnectionSession(new OperationRateLimiter(options.OpsPerSecond, options.OpsBurst, clock));
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception) => await LeaveCurrentAsync("disconnected");

    [HubMethodName(HubEvents.Join)]
    public async Task<HubResult> JoinAsync(JsonElement payload)
    {
        if (TooLarge(payload) is { } tooLarge) return tooLarge;
        if (payload.ValueKind != JsonValueKind.Object) return HubResult.Fail(RejectionCodes.Malformed, "session:join needs {\"project_id\", \"user_id\", \"display_name\"?, \"version_vector\"?}");
        if (!TryString(payload, "project_id", 64, out var projectId) || !OperationTarget.IsValidId(projectId))
            return HubResult.Fail(RejectionCodes.Malformed, "project_id must be a project's id");
        if (!TryString(payload, "user_id", 128, out var userId) || string.IsNullOrWhiteSpace(userId) || userId.Any(char.IsControl))
            return HubResult.Fail(RejectionCodes.Malformed, "user_id must be 1–128 printable characters");
        var displayName = userId;
        if (payload.TryGetProperty("display_name", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 and <= 64 } given || given.Any(char.IsControl))
                return HubResult.Fail(RejectionCodes.Malformed, "display_name must be 1–64 printable characters");
            displayName = given;
        }
        VersionVector? known = null;
        if (payload.TryGetProperty("version_vector", out var vector) && vector.ValueKind != JsonValueKind.Null)
        {
            try
            {
                known = JsonSerializer.Deserialize(JsonMarshal.GetRawUtf8Value(vector), CollabJson.Default.VersionVector);
            }
            catch (JsonException e)
            {
                return HubResult.Fail(RejectionCodes.Malformed, $"version_vector must be an object of session id → count: {e.Message}");
            }
        }

        var withDocument = true;
        if (payload.TryGetProperty("include_document", out var include))
        {
            if (include.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return HubResult.Fail(RejectionCodes.Malformed, "include_document must be true or false");
            withDocument = include.GetBoolean();
        }

        await LeaveCurrentAsync("left");
        var others = await sessions.ParticipantsAsync(projectId);
        var me = new Participant(Context.ConnectionId, userId, displayName, UserColors.For(userId, others));
        try
        {
            // Inside the project's gate: the state at this log position and the batches after it reach
            // this connection in that order (SessionFanout).
            var joined = await catalog.ReadAsync(projectId, (replica, sequence) =>
            {
                var document = known is null && withDocument
                    ? ProjectDocument.From(new ProjectState(replica.ToDocument(), replica.VersionVector, sequence))
                    : null;
                var state = known is null ? ReplicaSnapshot.Write(replica) : null;
                return fanout.Join(projectId, Context.ConnectionId, new SessionJoined(projectId, Context.ConnectionId, me, [.. others, me]), sequence, document, state, known);
            }, Context.ConnectionAborted);
            // Answer once this connection is in the session: from then on it receives every change.
            await joined.WaitAsync(Context.ConnectionAborted);
        }
        catch (ProjectNotFoundException)
        {
            return HubResult.Fail(RejectionCodes.UnknownProject, $"there is no project '{projectId}'");
        }
        await sessions.AddAsync(projectId, me);
        Session.ProjectId = projectId;
        Session.Participant = me;
        foreach (var other in others) await Clients.Client(other.ConnectionId).SendAsync(HubEvents.UserJoined, me);
        foreach (var cursor in await sessions.CursorsAsync(projectId))
        {
            if (cursor.Who.ConnectionId != Context.ConnectionId)
                await Clients.Caller.SendAsync(HubEvents.UserCursor, CursorOf(cursor.Who, cursor.Track, cursor.Beat));
        }
        return HubResult.Success;
    }

    [HubMethodName(HubEvents.Leave)]
    public async Task<HubResult> LeaveAsync(JsonElement payload)
    {
        if (Session.ProjectId is null) return HubResult.Fail(HubCodes.NotJoined, "this connection has not joined a project");
        await LeaveCurrentAsync("left");
        return HubResult.Success;
    }

    [HubMethodName(HubEvents.Execute)]
    public async Task<HubResult> ExecuteAsync(JsonElement payload)
    {
        if (TooLarge(payload) is { } tooLarge) return await RejectAllAsync(tooLarge);
        if (Joined() is { } notJoined) return await RejectAllAsync(notJoined);
        var (projectId, me) = (Session.ProjectId!, Session.Participant!);

        JsonElement[] elements;
        if (payload.ValueKind == JsonValueKind.Array) elements = [.. payload.EnumerateArray()];
        else if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("ops", out var batch) && batch.ValueKind == JsonValueKind.Array) elements = [.. batch.EnumerateArray()];
        else if (payload.ValueKind == JsonValueKind.Object) elements = [payload];
        else return await RejectAllAsync(HubResult.Fail(RejectionCodes.Malformed, "op:execute takes an operation, an array of operations, or {\"ops\": [...]}"));
        if (elements.Length == 0) return HubResult.Success;
        if (elements.Length > options.MaxOpsPerBatch)
            return await RejectEachAsync(elements, RejectionCodes.RateLimited, $"{elements.Length} ops in one batch; send at most {options.MaxOpsPerBatch}");
        if (!Session.Limiter.TryTake(elements.Length))
            return await RejectEachAsync(elements, RejectionCodes.RateLimited, $"more than {Session.Limiter.PerSecond} ops per second from this connection; slow down and resend");

        var ops = new List<CollaborativeOperation>(elements.Length);
        var rejected = 0;
        foreach (var element in elements)
        {
            try
            {
                var op = CollabJson.ParseOperation(element);
                if (op.UserId != me.UserId)
                {
                    rejected++;
                    await Reject(op.OpId, HubCodes.WrongUser, $"ops on this connection must carry user_id '{me.UserId}', the user that joined");
                    continue;
                }
                ops.Add(op);
            }
            catch (JsonException e)
            {
                rejected++;
                await Reject(OpIdOf(element), RejectionCodes.Malformed, $"not an operation: {e.Message}");
            }
        }
        if (ops.Count == 0) return new HubResult(false, "rejected", $"all {rejected} ops were rejected; see op:rejected", 0, rejected);

        IReadOnlyList<OperationResult> results;
        await Session.Order.WaitAsync();
        try
        {
            results = await catalog.ExecuteAsync(projectId, ops, Context.ConnectionAborted, captureInverses: true);
        }
        catch (ProjectNotFoundException)
        {
            return await RejectEachAsync(elements, RejectionCodes.UnknownProject, $"project '{projectId}' no longer exists");
        }
        finally
        {
            Session.Order.Release();
        }
        foreach (var result in results.Where(r => r.Status == OperationStatus.Rejected))
        {
            rejected++;
            await Reject(result.OpId, result.Rejection!.Code, result.Rejection.Message);
        }
        undo.For(projectId, me.UserId).Record(results);
        var applied = results.Count(r => r.Status == OperationStatus.Applied);
        return new HubResult(rejected == 0, rejected == 0 ? null : "rejected", rejected == 0 ? null : $"{rejected} of {elements.Length} ops were rejected; see op:rejected", applied, rejected);
    }

    [HubMethodName(HubEvents.Undo)]
    public Task<HubResult> UndoAsync(JsonElement payload) => UndoOrRedoAsync(redo: false);

    [HubMethodName(HubEvents.Redo)]
    public Task<HubResult> RedoAsync(JsonElement payload) => UndoOrRedoAsync(redo: true);

    async Task<HubResult> UndoOrRedoAsync(bool redo)
    {
        if (Joined() is { } notJoined) return notJoined;
        var (projectId, me) = (Session.ProjectId!, Session.Participant!);
        var history = undo.For(projectId, me.UserId);
        UndoPlan? plan = null;
        IReadOnlyList<OperationResult> results;
        await Session.Order.WaitAsync();
        try
        {
            results = await catalog.EditAsync(projectId, me.UserId, session =>
            {
                plan = history.Plan(redo, session);
                return plan.Operations;
            }, Context.ConnectionAborted, UndoSession, captureInverses: true);
        }
        catch (ProjectNotFoundException)
        {
            return HubResult.Fail(RejectionCodes.UnknownProject, $"project '{projectId}' no longer exists");
        }
        finally
        {
            Session.Order.Release();
        }
        history.Complete(plan!, results);
        var verb = redo ? "redo" : "undo";
        if (!plan!.HadStep)
        {
            var code = redo ? HubCodes.NothingToRedo : HubCodes.NothingToUndo;
            await Reject("", code, $"nothing to {verb}");
            return HubResult.Fail(code, $"nothing to {verb}");
        }
        var kept = plan.KeptForOthers.Concat(results.Where(r => r.Status == OperationStatus.Rejected)
            .Select(r => $"a change that no longer fits ({r.Rejection!.Message})")).ToList();
        var applied = results.Count(r => r.Status == OperationStatus.Applied);
        if (kept.Count == 0) return new HubResult(true, Applied: applied);
        var message = applied == 0
            ? $"could not {verb}: someone else changed it since ({string.Join("; ", kept)}); their work is kept"
            : $"{verb} done in part: kept what someone else changed since ({string.Join("; ", kept)})";
        await Reject("", HubCodes.UndoConflict, message);
        return new HubResult(false, HubCodes.UndoConflict, message, applied, kept.Count);
    }

    [HubMethodName(HubEvents.Cursor)]
    public async Task<HubResult> CursorAsync(JsonElement payload)
    {
        if (Joined() is { } notJoined) return notJoined;
        if (payload.ValueKind != JsonValueKind.Object) return HubResult.Fail(RejectionCodes.Malformed, "awareness:cursor needs {\"track\": id | null, \"beat\": number | null}");
        if (!TryOptionalId(payload, "track", out var track)) return HubResult.Fail(RejectionCodes.InvalidValue, "track must be a track id or null");
        double? beat = null;
        if (payload.TryGetProperty("beat", out var beatJson) && beatJson.ValueKind != JsonValueKind.Null)
        {
            if (!TryNumber(payload, "beat", out var b) || b < 0 || b > 1_000_000) return HubResult.Fail(RejectionCodes.InvalidValue, "beat must be a number of quarter notes from the song's start, or null");
            beat = b;
        }
        else if (track is not null)
        {
            return HubResult.Fail(RejectionCodes.InvalidValue, "a cursor on a track needs a beat");
        }
        var (projectId, me) = (Session.ProjectId!, Session.Participant!);
        await sessions.SetCursorAsync(projectId, new CursorState(me, track, beat), options.AwarenessTimeToLive);
        await Clients.OthersInGroup(projectId).SendAsync(HubEvents.UserCursor, CursorOf(me, track, beat));
        return HubResult.Success;
    }

    [HubMethodName(HubEvents.Selection)]
    public async Task<HubResult> SelectionAsync(JsonElement payload)
    {
        if (Joined() is { } notJoined) return notJoined;
        if (TooLarge(payload) is { } tooLarge) return tooLarge;
        if (payload.ValueKind != JsonValueKind.Object) return HubResult.Fail(RejectionCodes.Malformed, "awareness:selection needs {\"track\": id | null, \"ids\": [id, ...]}");
        if (!TryOptionalId(payload, "track", out var track)) return HubResult.Fail(RejectionCodes.InvalidValue, "track must be a track id or null");
        var ids = new List<string>();
        if (payload.TryGetProperty("ids", out var idsJson))
        {
            if (idsJson.ValueKind != JsonValueKind.Array) return HubResult.Fail(RejectionCodes.InvalidValue, "ids must be an array of ids");
            foreach (var id in idsJson.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.String || !OperationTarget.IsValidId(id.GetString())) return HubResult.Fail(RejectionCodes.InvalidValue, "ids must be an array of ids");
                if (ids.Count == 10_000) return HubResult.Fail(HubCodes.TooLarge, "a selection holds at most 10,000 ids");
                ids.Add(id.GetString()!);
            }
        }
        var (projectId, me) = (Session.ProjectId!, Session.Participant!);
        await sessions.SetSelectionAsync(projectId, new SelectionState(me, track, ids), options.AwarenessTimeToLive);
        await Clients.OthersInGroup(projectId).SendAsync(HubEvents.UserSelection, new UserSelection(me.ConnectionId, me.UserId, me.DisplayName, me.Color, track, ids));
        return HubResult.Success;
    }

    /// <summary>Asks the agents for music; their answers reach the session as <c>agent:suggestion</c>.</summary>
    [HubMethodName(HubEvents.Compose)]
    public async Task<HubResult> ComposeAsync(JsonElement payload)
    {
        if (Joined() is { } notJoined) return notJoined;
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("prompt", out var promptJson) || promptJson.ValueKind != JsonValueKind.String)
            return HubResult.Fail(RejectionCodes.Malformed, "agent:compose needs {\"prompt\": \"lo-fi beat, 85 bpm, A minor\", \"seed\"?: integer}");
        var prompt = promptJson.GetString()!;
        if (!Zordic.Agents.Prompting.PromptParser.TryParse(prompt, out _, out var error)) return HubResult.Fail(HubCodes.InvalidPrompt, error!);
        long seed;
        if (payload.TryGetProperty("seed", out var seedJson) && seedJson.ValueKind != JsonValueKind.Null)
        {
            if (seedJson.ValueKind != JsonValueKind.Number || !seedJson.TryGetInt64(out seed)) return HubResult.Fail(RejectionCodes.InvalidValue, "seed must be an integer");
        }
        else
        {
            seed = Random.Shared.NextInt64(1, 1_000_000_000);
        }
        var (requestId, _) = await suggestions.ComposeAsync(Session.ProjectId!, prompt, seed, Session.Participant!.UserId, TimeSpan.Zero, Context.ConnectionAborted);
        return HubResult.Success with { RequestId = requestId };
    }

    /// <summary>Asks the harmony agent for chords to a track's melody; its answer reaches the session as <c>agent:suggestion</c>.</summary>
    [HubMethodName(HubEvents.Harmonize)]
    public async Task<HubResult> HarmonizeAsync(JsonElement payload)
    {
        if (Joined() is { } notJoined) return notJoined;
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("track_id", out var trackJson) || trackJson.ValueKind != JsonValueKind.String)
            return HubResult.Fail(RejectionCodes.Malformed, "agent:harmonize needs {\"track_id\": \"…\"}");
        var projectId = Session.ProjectId!;
        try
        {
            var (requestId, _) = await suggestions.HarmonizeAsync(projectId, trackJson.GetString()!, Session.Participant!.UserId, TimeSpan.Zero, Context.ConnectionAborted);
            return HubResult.Success with { RequestId = requestId };
        }
        catch (ProjectNotFoundException)
        {
            return HubResult.Fail(RejectionCodes.UnknownProject, $"project '{projectId}' no longer exists");
        }
        catch (HarmonizeRefusedException e)
        {
            return HubResult.Fail(e.Code, e.Message);
        }
    }

    [HubMethodName(HubEvents.Accept)]
    public Task<HubResult> AcceptAsync(JsonElement payload) => AnswerSuggestionAsync(payload, accept: true);

    [HubMethodName(HubEvents.Decline)]
    public Task<HubResult> DeclineAsync(JsonElement payload) => AnswerSuggestionAsync(payload, accept: false);

    async Task<HubResult> AnswerSuggestionAsync(JsonElement payload, bool accept)
    {
        if (Joined() is { } notJoined) return notJoined;
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("suggestion_id", out var idJson) || idJson.ValueKind != JsonValueKind.String)
            return HubResult.Fail(RejectionCodes.Malformed, "agent:accept and agent:reject need {\"suggestion_id\"}");
        var (projectId, me) = (Session.ProjectId!, Session.Participant!);
        var id = idJson.GetString()!;
        if (!accept)
        {
            return await suggestions.RejectAsync(projectId, id, me.UserId, Context.ConnectionAborted)
                ? HubResult.Success
                : HubResult.Fail(HubCodes.UnknownSuggestion, $"there is no open suggestion '{id}' in this project");
        }
        IReadOnlyList<OperationResult>? results;
        await Session.Order.WaitAsync();
        try
        {
            results = await suggestions.AcceptAsync(projectId, id, me.UserId, Context.ConnectionAborted);
        }
        catch (ProjectNotFoundException)
        {
            return HubResult.Fail(RejectionCodes.UnknownProject, $"project '{projectId}' no longer exists");
        }
        finally
        {
            Session.Order.Release();
        }
        if (results is null) return HubResult.Fail(HubCodes.UnknownSuggestion, $"there is no open suggestion '{id}' in this project (accepted, rejected or expired)");
        var rejected = results.Count(r => r.Status == OperationStatus.Rejected);
        return new HubResult(rejected == 0, rejected == 0 ? null : "rejected", null, results.Count(r => r.Status == OperationStatus.Applied), rejected);
    }

    [HubMethodName(HubEvents.Play)]
    public Task<HubResult> PlayAsync(JsonElement payload) => RelayTransportAsync(payload, playing: true);

    [HubMethodName(HubEvents.Stop)]
    public Task<HubResult> StopAsync(JsonElement payload) => RelayTransportAsync(payload, playing: false);

    [HubMethodName(HubEvents.Sync)]
    public Task<HubResult> SyncAsync(JsonElement payload) => RelayTransportAsync(payload, playing: null);

    /// <summary>Relays the sender's transport to the session, stamped with the server's clock.</summary>
    async Task<HubResult> RelayTransportAsync(JsonElement payload, bool? playing)
    {
        if (Joined() is { } notJoined) return notJoined;
        if (payload.ValueKind != JsonValueKind.Object) return HubResult.Fail(RejectionCodes.Malformed, "audio events need {\"position\": seconds, \"bpm\"?: number}");
        if (!TryNumber(payload, "position", out var position) || position < 0)
            return HubResult.Fail(RejectionCodes.InvalidValue, "position must be a number of seconds from 0");
        var projectId = Session.ProjectId!;
        double bpm;
        if (payload.TryGetProperty("bpm", out var bpmJson) && bpmJson.ValueKind != JsonValueKind.Null)
        {
            if (!TryNumber(payload, "bpm", out bpm)) return HubResult.Fail(RejectionCodes.InvalidValue, "bpm must be a number");
            if (bpm < Music.Document.DocumentLimits.MinBpm || bpm > Music.Document.DocumentLimits.MaxBpm)
                return HubResult.Fail(RejectionCodes.OutOfRange, $"bpm must be from {Music.Document.DocumentLimits.MinBpm} to {Music.Document.DocumentLimits.MaxBpm}");
        }
        else
        {
            bpm = await catalog.ReadAsync(projectId, (replica, _) => replica.ToDocument().Bpm, Context.ConnectionAborted);
        }
        if (playing is null)
        {
            if (!payload.TryGetProperty("playing", out var playingJson) || playingJson.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return HubResult.Fail(RejectionCodes.InvalidValue, "audio:sync needs \"playing\": true or false");
            playing = playingJson.GetBoolean();
        }
        var me = Session.Participant!;
        await Clients.Group(projectId).SendAsync(HubEvents.PlaybackSync,
            new PlaybackSync(me.ConnectionId, me.UserId, playing.Value, bpm, position, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        return HubResult.Success;
    }

    async Task LeaveCurrentAsync(string reason)
    {
        var session = Context.Items.TryGetValue(typeof(ConnectionSession), out var item) ? (ConnectionSession)item! : null;
        if (session?.ProjectId is not { } projectId) return;
        session.ProjectId = null;
        session.Participant = null;
        fanout.Leave(projectId, Context.ConnectionId);
        if (await sessions.RemoveAsync(projectId, Context.ConnectionId) is { } gone)
        {
            var others = Clients.GroupExcept(projectId, [Context.ConnectionId]);
            await others.SendAsync(HubEvents.UserCursor, CursorOf(gone, null, null));
            await others.SendAsync(HubEvents.UserLeft, new UserLeft(gone.ConnectionId, gone.UserId, reason));
        }
    }

    HubResult? Joined() => Session.ProjectId is null
        ? HubResult.Fail(HubCodes.NotJoined, "join a project first (session:join)")
        : null;

    HubResult? TooLarge(JsonElement payload)
    {
        var size = payload.ValueKind == JsonValueKind.Undefined ? 0 : JsonMarshal.GetRawUtf8Value(payload).Length;
        return size > options.MaxPayloadBytes
            ? HubResult.Fail(HubCodes.TooLarge, $"the payload has {size:N0} bytes; the limit is {options.MaxPayloadBytes:N0}")
            : null;
    }

    Task Reject(string opId, string code, string message) =>
        Clients.Caller.SendAsync(HubEvents.Rejected, new OperationRejected(opId, code, message));

    async Task<HubResult> RejectAllAsync(HubResult failure)
    {
        await Reject("", failure.Code!, failure.Message!);
        return failure;
    }

    async Task<HubResult> RejectEachAsync(JsonElement[] elements, string code, string message)
    {
        foreach (var element in elements) await Reject(OpIdOf(element), code, message);
        return new HubResult(false, code, message, 0, elements.Length);
    }

    static string OpIdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("op_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";

    static UserCursor CursorOf(Participant who, string? track, double? beat) =>
        new(who.ConnectionId, who.UserId, who.DisplayName, who.Color, track, beat);

    static bool TryString(JsonElement payload, string field, int maxLength, out string value)
    {
        value = "";
        if (!payload.TryGetProperty(field, out var json) || json.ValueKind != JsonValueKind.String) return false;
        value = json.GetString()!;
        return value.Length is > 0 && value.Length <= maxLength;
    }

    static bool TryNumber(JsonElement payload, string field, out double value)
    {
        value = 0;
        return payload.TryGetProperty(field, out var json) && json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out value) && double.IsFinite(value);
    }

    static bool TryOptionalId(JsonElement payload, string field, out string? id)
    {
        id = null;
        if (!payload.TryGetProperty(field, out var json) || json.ValueKind == JsonValueKind.Null) return true;
        if (json.ValueKind != JsonValueKind.String || !OperationTarget.IsValidId(json.GetString())) return false;
        id = json.GetString();
        return true;
    }
}
