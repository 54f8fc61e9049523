using System.Text.Json.Serialization;
using Zordic.Collab.Operations;
using Zordic.Server.Api.Contracts;
using Zordic.Server.Sessions;

namespace Zordic.Server.Hubs;

/// <summary>The names of the hub's methods and events: the seed's, unchanged.</summary>
public static class HubEvents
{
    public const string Join = "session:join", Leave = "session:leave";
    public const string Execute = "op:execute", Undo = "op:undo", Redo = "op:redo";
    public const string Cursor = "awareness:cursor", Selection = "awareness:selection";
    public const string Play = "audio:play", Stop = "audio:stop", Sync = "audio:sync";

    public const string Joined = "session:joined", UserJoined = "session:user_joined", UserLeft = "session:user_left";
    public const string Applied = "op:applied", Rejected = "op:rejected", StateSync = "state:sync";
    public const string UserCursor = "awareness:user_cursor", UserSelection = "awareness:user_selection";
    public const string PlaybackSync = "audio:playback_sync";

    public const string Compose = "agent:compose", Harmonize = "agent:harmonize", Accept = "agent:accept", Decline = "agent:reject";
    public const string AgentSuggestion = "agent:suggestion";
}

/// <summary>What every hub method returns: ok, or a reason code and a message.</summary>
public sealed record HubResult(bool Ok, string? Code = null, string? Message = null, int? Applied = null, int? Rejected = null)
{
    /// <summary>For <c>agent:compose</c> and <c>agent:harmonize</c>: the id their suggestions carry as <c>request_id</c>.</summary>
    public string? RequestId { get; init; }

    public static readonly HubResult Success = new(true);
    public static HubResult Fail(string code, string message) => new(false, code, message);
}

public sealed record SessionJoined(string ProjectId, string ConnectionId, Participant User, IReadOnlyList<Participant> Participants);

public sealed record UserLeft(string ConnectionId, string UserId, string Reason);

/// <summary>
/// <c>state:sync</c>: the whole project at <c>seq</c> — the visible document, and the replica state with
/// its stamps (<see cref="Collab.Replica.ReplicaSnapshot"/>) that a client needs to merge later ops
/// exactly — or, for a client that sent its version vector, the ops it lacked up to <c>seq</c>.
/// </summary>
public sealed record StateSync(string ProjectId, long Seq, ProjectDocument? Document, Fanout.RawJson? Replica, IReadOnlyList<LoggedOperationJson>? Ops)
{
    /// <summary>The whole project at log position <paramref name="sequence"/>: call inside the project's gate.</summary>
    public static StateSync Whole(string projectId, Collab.Replica.ProjectReplica replica, long sequence, bool includeDocument) => new(
        projectId,
        sequence,
        includeDocument ? ProjectDocument.From(new Collab.Projects.ProjectState(replica.ToDocument(), replica.VersionVector, sequence)) : null,
        new Fanout.RawJson(Collab.Replica.ReplicaSnapshot.Write(replica)),
        null);
}

/// <summary><c>op:applied</c> as clients read it (the server writes it from ops serialized once: Fanout.AppliedPage).</summary>
public sealed record OperationsApplied(string ProjectId, IReadOnlyList<LoggedOperationJson> Ops);

public sealed record OperationRejected(string OpId, string Code, string Message);

/// <summary>Where someone's cursor is; <c>track</c> and <c>beat</c> are null (written, not left out) when it is gone.</summary>
public sealed record UserCursor(string ConnectionId, string UserId, string DisplayName, string Color,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Track,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Beat);

public sealed record UserSelection(string ConnectionId, string UserId, string DisplayName, string Color,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Track, IReadOnlyList<string> Ids);

public sealed record PlaybackSync(string ConnectionId, string UserId, bool Playing, double Bpm, double Position, long ServerTime);

/// <summary>Reason codes the hub adds to the operation codes of <see cref="RejectionCodes"/>.</summary>
public static class HubCodes
{
    public const string NotJoined = "not_joined";
    public const string WrongUser = "wrong_user";
    public const string TooLarge = "too_large";
    public const string NothingToUndo = "nothing_to_undo";
    public const string NothingToRedo = "nothing_to_redo";
    public const string UndoConflict = "undo_conflict";
    public const string InvalidPrompt = "invalid_prompt";
    public const string UnknownSuggestion = "unknown_suggestion";
    /// <summary>Something failed on the server; it is logged, and nothing of the call was applied.</summary>
    public const string InternalError = "internal_error";
}
