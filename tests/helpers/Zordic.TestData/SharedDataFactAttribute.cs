namespace Zordic.TestData;

/// <summary>
/// A fact that reads the shared data: skipped, with the reason, when any of <paramref name="relativePaths"/>
/// is missing from the data folder (<see cref="SharedData"/>), so that a clone without it still runs green.
/// </summary>
/// <param name="relativePaths">Files or folders the test reads, relative to the data folder ("midi", "nottingham/tune").</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] relativePaths) => Skip = SharedData.Missing(relativePaths);
}
