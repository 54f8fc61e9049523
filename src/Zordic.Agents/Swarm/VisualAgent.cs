using System.Text.Json;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Runtime;
using Zordic.Agents.Visual;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The seed's Visual Agent: for an audio event it finds the nearest template of the event's effect
/// family in <c>visual_templates</c> and answers with the effect, mapped with the seed's formulas
/// (velocity → scale, frequency → hue), animated as the template says.
/// </summary>
public sealed class VisualAgent(PatternLibrary library) : IAgent
{
    public string Id => AgentIds.Visual;
    public IReadOnlyList<string> Subscriptions => [AgentTopics.VisualRender];

    public async Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        var audio = message.Payload.Data!.Value.Deserialize<AudioEvent>(AgentJson.Options)!;
        var effect = VisualEffects.Generate(audio);
        var templates = await library.VisualTemplatesAsync(PatternEmbeddings.AudioEvent(audio), effect.Type, ct);
        var template = templates.FirstOrDefault();
        await context.RespondAsync(new MessagePayload
        {
            PatternId = template?.Id,
            Action = "render",
            Data = AgentContext.Data(new
            {
                type = effect.Type.ToString().ToLowerInvariant(),
                effect.Scale,
                effect.Hue,
                effect.Color,
                effect.Position,
                effect.Duration,
                effect.Easing,
                animation = template?.Metadata.GetProperty("animation_style").GetString(),
                keyframes = template?.Metadata.TryGetProperty("keyframes", out var k) == true ? k : (JsonElement?)null,
            }),
        }, ct);
    }
}
