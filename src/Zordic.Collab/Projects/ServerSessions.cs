namespace Zordic.Collab.Projects;

/// <summary>
/// The editing sessions the server itself authors ops in. Their numbering is the server's: an op sent
/// from outside in one of them would make the server's next op look like a resend, so clients are
/// refused them (<c>reserved_session</c>).
/// </summary>
public static class ServerSessions
{
    /// <summary>The REST API's bare edits and the CLI.</summary>
    public const string Api = "api";
    /// <summary>Undo and redo: inverse ops, authored for the person who asked.</summary>
    public const string Undo = "undo";
    /// <summary>MIDI imports.</summary>
    public const string Midi = "midi";
    /// <summary>Each agent authors in the session of its user id, <c>agent:beat</c> and so on.</summary>
    public const string AgentPrefix = "agent:";

    public static bool IsReserved(string? sessionId) =>
        sessionId is Api or Undo or Midi || (sessionId?.StartsWith(AgentPrefix, StringComparison.Ordinal) ?? false);
}
