using System.Text.Json;
using Zordic.Agents.Parts;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>
/// What <c>harmony.requested</c> carries: a melody someone wrote (a sketch in <see cref="SketchJson"/>'s
/// message shape: bpm, metre, bars and the notes), the track it came from, and who asked for which project.
/// </summary>
public sealed record HarmonizeRequest(ComposeRequest Request, string TrackId, JsonElement Melody)
{
    /// <summary>The <c>harmony.requested</c> command to the harmony agent, under correlation id <paramref name="requestId"/>.</summary>
    public AgentMessage ToMessage(string from, string requestId) => new()
    {
        From = from,
        To = [AgentIds.Harmony],
        Topic = AgentTopics.HarmonyRequested,
        Type = MessageType.Command,
        CorrelationId = requestId,
        Priority = 8,
        Payload = new MessagePayload { Action = "harmonize", Data = AgentContext.Data(this) },
    };
}
