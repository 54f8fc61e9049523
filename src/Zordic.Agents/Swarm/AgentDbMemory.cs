using System.Text.Json;
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Swarm;

/// <summary>The agents' shared memory (seed §1): messages with a memory key, kept in AgentDb's <c>memory</c> collection.</summary>
public sealed class AgentDbMemory(AgentDatabase db) : IAgentMemory
{
    public async Task StoreAsync(string key, AgentMessage message, CancellationToken ct)
    {
        var memory = await db.CollectionAsync("memory", ct);
        var vector = message.Vector is { Length: Embeddings.Embedding.Dimensions } v && v.Any(x => x != 0) ? v : TextEmbedding.Of(message.Topic);
        await memory.UpsertAsync(new AgentDocument(key, vector, JsonSerializer.SerializeToElement(message, AgentJson.Options)), ct);
    }
}
