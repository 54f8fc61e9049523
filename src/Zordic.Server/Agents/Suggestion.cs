using System.Text.Json;

namespace Zordic.Server.Agents;

/// <summary>
/// Music an agent offers a project (<c>agent:suggestion</c>): the tracks to audition, until someone in
/// the session accepts it (it becomes operations of the agent's user) or rejects it (it becomes feedback).
/// </summary>
public sealed record Suggestion(
    string SuggestionId,
    string ProjectId,
    string Agent,
    string Kind,
    string RequestId,
    string Prompt,
    string RequestedBy,
    double Bpm,
    string Key,
    int Bars,
    JsonElement Sketch,
    DateTimeOffset CreatedAt);
