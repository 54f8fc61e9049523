using System.Text;
using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Hardening;

/// <summary>
/// Finding 2: vectors grew by one session per tab forever, and a project past 10,000 sessions could no
/// longer be loaded or caught up (the reader refuses more). Now ops are logged two entries long and the
/// replica keeps counts for its most recently active sessions only.
/// </summary>
public sealed class SessionGrowthTests
{
    const int Tabs = 10_500;

    [Fact]
    public async Task A_project_edited_from_more_than_ten_thousand_tabs_keeps_small_vectors_loads_and_catches_up()
    {
        await using var first = await StudioHost.StartAsync();
        var id = (await first.CreateProjectAsync(new { name = "Busy" })).GetProperty("id").GetString()!;
        var replica = new ProjectReplica(id);
        for (var from = 0; from < Tabs; from += 5_000)
        {
            // Each tab opens, makes one edit having seen everything before it, and closes.
            var ops = Enumerable.Range(from, Math.Min(5_000, Tabs - from)).Select(tab =>
            {
                var op = new EditingSession(replica, "user", $"tab-{tab}").Next(OperationType.Update, ["swing"], JsonSerializer.SerializeToElement(tab % 10 / 10.0));
                Assert.Null(replica.Apply(op));
                return op;
            }).ToArray();
            var response = await first.PostOpsAsync(id, "[" + string.Join(",", ops.Select(o => Encoding.UTF8.GetString(CollabJson.Serialize(o)))) + "]");
            Assert.Equal(ops.Length, response.GetProperty("applied").GetInt32());
        }

        await using var studio = await first.RestartAsync();
        var document = await studio.GetJsonAsync($"/api/projects/{id}");
        Assert.InRange(document.GetProperty("version_vector").EnumerateObject().Count(), 1, ProjectQuotas.Default.MaxLiveSessions);
        Assert.Equal(Tabs + 1, document.GetProperty("seq").GetInt64());

        var page = await studio.GetJsonAsync($"/api/projects/{id}/ops?since={Tabs - 100}");
        Assert.All(page.GetProperty("ops").EnumerateArray(), o => Assert.InRange(o.GetProperty("op").GetProperty("version_vector").EnumerateObject().Count(), 1, 2));

        // A newcomer joins and edits, and sees what the server has.
        await using var ana = new StudioClient(studio, id, "ana", "tab-ana");
        await ana.JoinAsync(withVersionVector: false);
        await ana.EditAsync(s => s.Update(["bpm"], JsonSerializer.SerializeToElement(111)));
        await Eventually.HoldsAsync(async () => (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("bpm").GetDouble() == 111, "the edit to take effect");
        await Eventually.HoldsAsync(() => ana.PendingCount == 0, "the edit's acknowledgement");
        Assert.Equal(await studio.ReplicaDocumentAsync(id), DocumentOf(ana.Confirmed));
    }

    static string DocumentOf(ProjectReplica replica) => JsonSerializer.Serialize(replica.ToDocument());
}
