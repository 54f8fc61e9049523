namespace Zordic.Agents.Swarm;

/// <summary>The topics the studio's agents talk on, in the seed's naming.</summary>
public static class AgentTopics
{
    /// <summary>A user asked for music: the beat agent answers first.</summary>
    public const string BeatRequested = "beat.requested";
    public const string BeatCreated = "beat.created";
    public const string MelodySuggested = "melody.suggested";
    /// <summary>Someone asked for chords to a melody they wrote: the harmony agent answers with <c>harmony.suggested</c>.</summary>
    public const string HarmonyRequested = "harmony.requested";
    public const string HarmonySuggested = "harmony.suggested";
    /// <summary>A request for the visual effect of an audio event (answered with a response).</summary>
    public const string VisualRender = "visual.render";
}

/// <summary>The agents' ids and the users they edit projects as (docs/architecture.md, decision 1: agents act as users).</summary>
public static class AgentIds
{
    public const string Beat = "beat", Melody = "melody", Harmony = "harmony", Visual = "visual";

    /// <summary>The user id (and session id) an agent's accepted suggestions are applied under, e.g. <c>agent:melody</c>.</summary>
    public static string UserOf(string agentId) => "agent:" + agentId;
}
