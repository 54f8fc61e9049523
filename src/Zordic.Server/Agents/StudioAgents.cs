using Zordic.AgentDb;
using Zordic.Agents.Beat;
using Zordic.Agents.Embeddings;
using Zordic.Agents.Melody;
using Zordic.Agents.Runtime;
using Zordic.Agents.Swarm;

namespace Zordic.Server.Agents;

/// <summary>
/// The agents of one studio: AgentDb (in the data directory), the in-process event bus, the engine,
/// and the beat, melody, harmony and visual agents registered on it.
/// </summary>
public sealed class StudioAgents : IAsyncDisposable
{
    StudioAgents(AgentDatabase database, InProcessEventBus bus, AgentEngine engine, PatternLibrary library)
    {
        Database = database;
        Bus = bus;
        Engine = engine;
        Library = library;
    }

    public AgentDatabase Database { get; }
    public IEventBus Bus { get; }
    public AgentEngine Engine { get; }
    public PatternLibrary Library { get; }

    public static async Task<StudioAgents> StartAsync(string dataDirectory, TimeProvider clock, CancellationToken ct = default)
    {
        var database = await AgentDatabase.OpenAsync(Path.Combine(dataDirectory, "agentdb"),
            new AgentDatabaseOptions { ProductEmbeddingDimension = Embedding.Dimensions }, ct);
        var bus = new InProcessEventBus();
        var engine = new AgentEngine(bus, new AgentDbMemory(database), clock);
        var library = new PatternLibrary(database, clock);
        await library.SeedVisualTemplatesAsync(ct);
        engine.Register(new BeatAgent(library, BeatGenerator.Default));
        engine.Register(new MelodyAgent(library, MelodyGenerator.Default));
        engine.Register(new HarmonyAgent(library));
        engine.Register(new VisualAgent(library));
        return new StudioAgents(database, bus, engine, library);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await ((InProcessEventBus)Bus).DisposeAsync();
        await Database.DisposeAsync();
    }
}
