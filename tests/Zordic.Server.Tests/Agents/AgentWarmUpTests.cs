using Microsoft.Extensions.DependencyInjection;
using Zordic.Server.Agents;

namespace Zordic.Server.Tests.Agents;

public sealed class AgentWarmUpTests
{
    [Fact]
    public async Task The_warm_up_composes_with_throwaway_agents_and_leaves_nothing_behind()
    {
        await using var studio = await StudioHost.StartAsync();
        var warmUp = studio.Services.GetRequiredService<AgentWarmUp>();
        await warmUp.Completed.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(warmUp.Composed);
        Assert.NotNull(warmUp.Folder);
        Assert.False(Directory.Exists(warmUp.Folder));
        // Nothing of it in the studio's own AgentDb: no patterns, memory or learning traces to recommend from.
        var agents = studio.Services.GetRequiredService<StudioAgents>();
        foreach (var collection in new[] { "beat_patterns", "melody_patterns", "memory", "learning_traces" })
            Assert.Equal(0, await (await agents.Database.CollectionAsync(collection)).CountAsync());
        Assert.Empty(studio.Log.Entries);
    }
}
