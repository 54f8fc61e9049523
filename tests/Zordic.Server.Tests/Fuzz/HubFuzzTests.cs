using Xunit.Abstractions;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>
/// Generated calls to every hub method (HubCases: garbage types, payloads at and past every limit, huge
/// and deeply nested ones) with the real SignalR client: every call answered with a HubResult (a code when
/// it failed), never SignalR's generic error; nothing logged as an error; the connection still usable
/// (it joins and edits after each case); the project equal to its op log.
/// </summary>
public sealed class HubFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generated_calls_to_every_hub_method_get_a_result_with_a_code_and_leave_the_connection_usable()
    {
        await using var studio = await StudioHost.StartAsync(hub: StudioHostTarget.HubOptions);
        await using var fuzz = await FuzzRunner.StartAsync(new StudioHostTarget(studio));

        await fuzz.RunAsync(FuzzRunner.Hub, count: 1000, seconds: 20);

        output.WriteLine(fuzz.Report.Summary());
        Assert.True(fuzz.Report.Cases >= 40, $"only {fuzz.Report.Cases} cases ran in the time given");
        Assert.True(fuzz.Report.Clean, fuzz.Report.Summary());
    }
}
