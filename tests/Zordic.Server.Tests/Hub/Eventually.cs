namespace Zordic.Server.Tests.Hub;

/// <summary>Waits for something that arrives over the network; fails with a message after a generous timeout.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
