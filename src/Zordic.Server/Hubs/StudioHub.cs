using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Zordic.Agents.Prompting;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Undo;
using Zordic.Music.Document;
using Zordic.Server.Agents;
using Zordic.Server.Fanout;
using Zordic.Server.Limits;
using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>
/// The collaboration hub at <c>/hubs/studio</c>, with the seed's method and event names (docs/hub.md).
/// Every method takes one JSON payload and returns a <see cref="HubResult"/>; bad input gets a specific
/// code, changes nothing and leaves the connection usable (<see cref="StudioHubFilter"/> turns refusals
/// and failures into results). Hub instances live for one call: what a connection needs to remember is
/// in its <see cref="ConnectionSession"/>; what it is sent goes through <see cref="SessionFanout"/>.
/// </summary>
public sealed class StudioHub(
    ProjectCatalog catalog,
    SessionFanout fanout,
    ISessionState sessions,
    UndoHistories undo,
    StudioHubOptions options,
    HubRateLimiter limiter,
    SuggestionBoard suggestions,
    TimeProvider clock) : Hub
{
    ConnectionSession Session => (ConnectionSession)Context.Items[typeof(ConnectionSession)]!;

    public override Task OnConnectedAsync()
    {
        Context.Items[typeof(ConnectionSession)] = new ConnectionSession(new OperationRateLimiter(options.OpsPerSecond, options.OpsBurst, clock));
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception) => await LeaveCurrentAsync("disconnected");

    const string JoinUsage = "session:join needs {\"project_id\", \"user_id\", \"display_name\"?, \"since\"?: seq, \"version_vector\"?, \"session_id\"?, \"include_document\"?}";

    [HubMethodName(HubEvents.Join)]
    public async Task<HubResult> JoinAsync(JsonElement payload)
    {
        var join = HubPayload.Read<JoinPayload>(payload, JoinUsage, RejectionCodes.Malformed);
        if (!OperationTarget.IsValidId(join.ProjectId)) throw new HubRejection(RejectionCodes.Malformed, "project_id must be a project's id");
        if (join.UserId is not { Length: > 0 and <= 128 } userId || string.IsNullOrWhiteSpace(userId) || userId.Any(char.IsControl))
            throw new HubRejection(RejectionCodes.Malformed, "user_id must be 1–128 printable characters");
        if (join.DisplayName is { } name && (name.Length is 0 or > 64 || name.Any(char.IsControl)))
            throw new HubRejection(RejectionCodes.Malformed, "display_name must be 1–64 printable characters");
        if (join.Since is < 0) throw new HubRejection(RejectionCodes.InvalidValue, "since must be a log position ≥ 0");
        var sessionId = HubPayload.OptionalId(join.SessionId, "session_id");
        var projectId = join.ProjectId!;

        await LeaveCurrentAsync("left");
        var others = await sessions.ParticipantsAsync(projectId);
        var me = new Participant(Context.ConnectionId, userId, join.DisplayName ?? userId, UserColors.For(userId, others));
        // A tab that says which session it edits in gets that session's count in its state (the replica may
        // have let go of it), so that it numbers its next op on from there.
        if (sessionId is not null) await catalog.RememberSessionAsync(projectId, sessionId, Context.ConnectionAborted);
        // Inside the project's gate: the state at this log position, then every op after it (SessionFanout).
        var joined = await catalog.ReadAsync(projectId, (replica, sequence) =>
        {
            SessionState state = join.Since is { } since ? new SessionState.Since(since)
                : join.VersionVector is { } known ? new SessionState.Missing(known)
                : new SessionState.Whole(StateSync.Whole(projectId, replica, sequence, join.IncludeDocument ?? true));
            return fanout.Join(projectId, Context, new SessionJoined(projectId, Context.ConnectionId, me, [.. others, me]), sequence, state);
        }, Context.ConnectionAborted);
        // Answer once this connection is in the session: from then on it receives every change.
        await joined.WaitAsync(Context.ConnectionAborted);
        await sessions.AddAsync(projectId, me);
        Session.ProjectId = projectId;
        Session.Participant = me;
        fanout.Broadcast(projectId, HubEvents.UserJoined, me, Delivery.Ordered, except: me.ConnectionId);
        foreach (var cursor in await sessions.CursorsAsync(projectId))
        {
            if (cursor.Who.ConnectionId != me.ConnectionId)
                fanout.SendTo(projectId, me.ConnectionId, HubEvents.UserCursor, CursorOf(cursor.Who, cursor.Track, cursor.Beat), Delivery.Latest, LatestKey(HubEvents.UserCursor, cursor.Who));
        }
        return HubResult.Success;
    }

    [HubMethodName(HubEvents.Leave)]
    public async Task<HubResult> LeaveAsync(JsonElement payload)
    {
        JoinedSession();
        await LeaveCurrentAsync("left");
        return HubResult.Success;
    }

    [HubMethodName(HubEvents.Execute)]
    public async Task<HubResult> ExecuteAsync(JsonElement payload)
    {
        var (projectId, me) = JoinedSession();
        JsonElement[] elements;
        if (payload.ValueKind == JsonValueKind.Array) elements = [.. payload.EnumerateArray()];
        else if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("ops", out var batch) && batch.ValueKind == JsonValueKind.Array) elements = [.. batch.EnumerateArray()];
        else if (payload.ValueKind == JsonValueKind.Object) elements = [payload];
        else throw new HubRejection(RejectionCodes.Malformed, "op:execute takes an operation, an array of operations, or {\"ops\": [...]}");
        if (elements.Length == 0) return HubResult.Success;
        if (elements.Length > options.MaxOpsPerBatch)
            return await RejectEachAsync(elements, RejectionCodes.RateLimited, $"{elements.Length} ops in one batch; send at most {options.MaxOpsPerBatch}");
        if (!Session.Limiter.TryTake(elements.Length))
            return await RejectEachAsync(elements, RejectionCodes.RateLimited, $"more than {Session.Limiter.PerSecond} ops per second from this connection; slow down and resend");
        if (!limiter.TryAcquire(HubCallKind.Ops, Context.ConnectionId, RemoteAddress, elements.Length, out var retryAfter))
            return await RejectEachAsync(elements, RejectionCodes.RateLimited, $"too many ops from this address; resend in {Math.Ceiling(retryAfter.TotalSeconds):0} s");

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

        var results = await Session.InOrderAsync(() => catalog.ExecuteAsync(projectId, ops, Context.ConnectionAborted, captureInverses: true));
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
        var (projectId, me) = JoinedSession();
        var history = undo.For(projectId, me.UserId);
        UndoPlan? plan = null;
        var results = await Session.InOrderAsync(() => catalog.EditAsync(projectId, me.UserId, session =>
        {
            plan = history.Plan(redo, session);
            return plan.Operations;
        }, Context.ConnectionAborted, ServerSessions.Undo, captureInverses: true));
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
        var (projectId, me) = JoinedSession();
        var cursor = HubPayload.Read<CursorPayload>(payload, "awareness:cursor needs {\"track\": id | null, \"beat\": number | null}");
        var track = HubPayload.OptionalId(cursor.Track, "track");
        if (cursor.Beat is { } beat && (beat < 0 || beat > 1_000_000))
            throw new HubRejection(RejectionCodes.InvalidValue, "beat must be a number of quarter notes from the song's start, or null");
        if (track is not null && cursor.Beat is null) throw new HubRejection(RejectionCodes.InvalidValue, "a cursor on a track needs a beat");
        await sessions.SetCursorAsync(projectId, new CursorState(me, track, cursor.Beat), options.AwarenessTimeToLive);
        fanout.Broadcast(projectId, HubEvents.UserCursor, CursorOf(me, track, cursor.Beat), Delivery.Latest, me.ConnectionId, LatestKey(HubEvents.UserCursor, me));
        return HubResult.Success;
    }

    [HubMethodName(HubEvents.Selection)]
    public async Task<HubResult> SelectionAsync(JsonElement payload)
    {
        var (projectId, me) = JoinedSession();
        var selection = HubPayload.Read<SelectionPayload>(payload, "awareness:selection needs {\"track\": id | null, \"ids\": [id, ...]}");
        var track = HubPayload.OptionalId(selection.Track, "track");
        var ids = selection.Ids ?? [];
        if (ids.Count > options.MaxSelectionIds) throw new HubRejection(HubCodes.TooLarge, $"a selection holds at most {options.MaxSelectionIds:N0} ids");
        var checkedIds = ids.Select(id => HubPayload.Id(id, "ids")).ToList();
        await sessions.SetSelectionAsync(projectId, new SelectionState(me, track, checkedIds), options.AwarenessTimeToLive);
        fanout.Broadcast(projectId, HubEvents.UserSelection, new UserSelection(me.ConnectionId, me.UserId, me.DisplayName, me.Color, track, checkedIds),
            Delivery.Latest, me.ConnectionId, LatestKey(HubEvents.UserSelection, me));
        return HubResult.Success;
    }

    /// <summary>Asks the agents for music; their answers reach the session as <c>agent:suggestion</c>.</summary>
    [HubMethodName(HubEvents.Compose)]
    public async Task<HubResult> ComposeAsync(JsonElement payload)
    {
        var (projectId, me) = JoinedSession();
        var compose = HubPayload.Read<ComposePayload>(payload, "agent:compose needs {\"prompt\": \"lo-fi beat, 85 bpm, A minor\", \"seed\"?: integer}");
        if (compose.Prompt is null) throw new HubRejection(RejectionCodes.Malformed, "agent:compose needs {\"prompt\": \"lo-fi beat, 85 bpm, A minor\", \"seed\"?: integer}");
        if (!PromptParser.TryParse(compose.Prompt, out _, out var error)) throw new HubRejection(HubCodes.InvalidPrompt, error!);
        var seed = compose.Seed ?? Random.Shared.NextInt64(1, 1_000_000_000);
        var (requestId, _) = await suggestions.ComposeAsync(projectId, compose.Prompt, seed, me.UserId, TimeSpan.Zero, Context.ConnectionAborted);
        return HubResult.Success with { RequestId = requestId };
    }

    /// <summary>Asks the harmony agent for chords to a track's melody; its answer reaches the session as <c>agent:suggestion</c>.</summary>
    [HubMethodName(HubEvents.Harmonize)]
    public async Task<HubResult> HarmonizeAsync(JsonElement payload)
    {
        var (projectId, me) = JoinedSession();
        var harmonize = HubPayload.Read<HarmonizePayload>(payload, "agent:harmonize needs {\"track_id\": \"…\"}");
        if (harmonize.TrackId is null) throw new HubRejection(RejectionCodes.Malformed, "agent:harmonize needs {\"track_id\": \"…\"}");
        try
        {
            var (requestId, _) = await suggestions.HarmonizeAsync(projectId, harmonize.TrackId, me.UserId, TimeSpan.Zero, Context.ConnectionAborted);
            return HubResult.Success with { RequestId = requestId };
        }
        catch (HarmonizeRefusedException e)
        {
            throw new HubRejection(e.Code, e.Message);
        }
    }

    [HubMethodName(HubEvents.Accept)]
    public Task<HubResult> AcceptAsync(JsonElement payload) => AnswerSuggestionAsync(payload, accept: true);

    [HubMethodName(HubEvents.Decline)]
    public Task<HubResult> DeclineAsync(JsonElement payload) => AnswerSuggestionAsync(payload, accept: false);

    async Task<HubResult> AnswerSuggestionAsync(JsonElement payload, bool accept)
    {
        var (projectId, me) = JoinedSession();
        var answer = HubPayload.Read<SuggestionAnswerPayload>(payload, "agent:accept and agent:reject need {\"suggestion_id\"}");
        if (answer.SuggestionId is not { } id) throw new HubRejection(RejectionCodes.Malformed, "agent:accept and agent:reject need {\"suggestion_id\"}");
        if (!accept)
        {
            return await suggestions.RejectAsync(projectId, id, me.UserId, Context.ConnectionAborted)
                ? HubResult.Success
                : HubResult.Fail(HubCodes.UnknownSuggestion, $"there is no open suggestion '{id}' in this project");
        }
        var results = await Session.InOrderAsync(() => suggestions.AcceptAsync(projectId, id, me.UserId, Context.ConnectionAborted));
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
        var (projectId, me) = JoinedSession();
        var transport = HubPayload.Read<TransportPayload>(payload, "audio events need {\"position\": seconds, \"bpm\"?: number}");
        if (transport.Position is not (>= 0 and <= 1_000_000)) throw new HubRejection(RejectionCodes.InvalidValue, "position must be a number of seconds from 0");
        if (transport.Bpm is { } given && (given < DocumentLimits.MinBpm || given > DocumentLimits.MaxBpm))
            throw new HubRejection(RejectionCodes.OutOfRange, $"bpm must be from {DocumentLimits.MinBpm} to {DocumentLimits.MaxBpm}");
        if (playing is null && transport.Playing is null) throw new HubRejection(RejectionCodes.InvalidValue, "audio:sync needs \"playing\": true or false");
        var bpm = transport.Bpm ?? await catalog.ReadAsync(projectId, (replica, _) => replica.Listing.Bpm, Context.ConnectionAborted);
        fanout.Broadcast(projectId, HubEvents.PlaybackSync,
            new PlaybackSync(me.ConnectionId, me.UserId, playing ?? transport.Playing!.Value, bpm, transport.Position.Value, clock.GetUtcNow().ToUnixTimeMilliseconds()), Delivery.Ordered);
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
            fanout.Broadcast(projectId, HubEvents.UserCursor, CursorOf(gone, null, null), Delivery.Latest, latestKey: LatestKey(HubEvents.UserCursor, gone));
            fanout.Broadcast(projectId, HubEvents.UserLeft, new UserLeft(gone.ConnectionId, gone.UserId, reason), Delivery.Ordered);
        }
    }

    (string ProjectId, Participant Me) JoinedSession() => Session is { ProjectId: { } projectId, Participant: { } me }
        ? (projectId, me)
        : throw new HubRejection(HubCodes.NotJoined, "join a project first (session:join)");

    string RemoteAddress => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "local";

    Task Reject(string opId, string code, string message) =>
        Clients.Caller.SendAsync(HubEvents.Rejected, new OperationRejected(opId, code, message));

    async Task<HubResult> RejectEachAsync(JsonElement[] elements, string code, string message)
    {
        foreach (var element in elements) await Reject(OpIdOf(element), code, message);
        return new HubResult(false, code, message, 0, elements.Length);
    }

    static string OpIdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("op_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";

    static UserCursor CursorOf(Participant who, string? track, double? beat) =>
        new(who.ConnectionId, who.UserId, who.DisplayName, who.Color, track, beat);

    /// <summary>Awareness is state: a connection that falls behind is sent only the latest of each person's.</summary>
    public static string LatestKey(string method, Participant who) => $"{method}:{who.ConnectionId}";
}
