using Xunit.Abstractions;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>
/// Generated requests to every REST endpoint (RestCases: malformed JSON, wrong types, values at and past
/// every limit, colliding op ids, batches at and past 5,000, random MIDI, the agents, unknown paths) against
/// the real app: no 5xx, nothing logged as an error, and after each the project equals its op log and
/// still takes an ordinary edit. Bounded in time; the benchmark (bench/run fuzz) runs the same for longer.
/// </summary>
public sealed class RestFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generated_requests_to_every_endpoint_get_an_answer_with_a_code_and_break_no_project()
    {
        await using var studio = await StudioHost.StartAsync(hub: StudioHostTarget.HubOptions);
        await using var fuzz = await FuzzRunner.StartAsync(new StudioHostTarget(studio));

        await fuzz.RunAsync(FuzzRunner.Rest, count: 1000, seconds: 25);

        output.WriteLine(fuzz.Report.Summary());
        Assert.True(fuzz.Report.Cases >= 40, $"only {fuzz.Report.Cases} cases ran in the time given");
        Assert.True(fuzz.Report.Clean, fuzz.Report.Summary());
    }
}
