namespace Zordic.TestData;

/// <summary>
/// A theory that reads the shared data: skipped as a whole, with the reason, when any of
/// <paramref name="relativePaths"/> is missing (xunit then never asks for its data, which may list the corpus).
/// </summary>
/// <param name="relativePaths">Files or folders the test reads, relative to the data folder.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(params string[] relativePaths) => Skip = SharedData.Missing(relativePaths);
}
