using Zordic.Collab.Operations;

namespace Zordic.Server.Hubs;

// What each hub method takes, as the project's JSON options read it (snake_case). Fields are nullable so
// that a missing field is told apart from a wrong one; each method checks what it needs, with a specific
// code and a message that says what was expected (HubPayload.Read).

/// <summary><c>session:join</c>. <c>since</c> (a log position) or <c>version_vector</c> ask for a catch-up instead of the whole project.</summary>
public sealed record JoinPayload(string? ProjectId, string? UserId, string? DisplayName, VersionVector? VersionVector, long? Since, bool? IncludeDocument, string? SessionId);

/// <summary><c>awareness:cursor</c>: a track and a beat (quarter notes from the song's start), or both null.</summary>
public sealed record CursorPayload(string? Track, double? Beat);

/// <summary><c>awareness:selection</c>: ids of notes or clips on a track.</summary>
public sealed record SelectionPayload(string? Track, IReadOnlyList<string?>? Ids);

/// <summary><c>agent:compose</c>.</summary>
public sealed record ComposePayload(string? Prompt, long? Seed);

/// <summary><c>agent:harmonize</c>.</summary>
public sealed record HarmonizePayload(string? TrackId);

/// <summary><c>agent:accept</c> and <c>agent:reject</c>.</summary>
public sealed record SuggestionAnswerPayload(string? SuggestionId);

/// <summary><c>audio:play</c>, <c>audio:stop</c>, <c>audio:sync</c>: the transport position in seconds.</summary>
public sealed record TransportPayload(double? Position, double? Bpm, bool? Playing);
