using Zordic.Collab.Undo;

namespace Zordic.Collab.Tests.Undo;

/// <summary>
/// Found with bench/run collab-load: under load, an op:execute was answered internal_error ("nothing was
/// changed") although its op was applied. The hub records each applied action with
/// <c>UndoHistories.For(project, user)</c> after the op is logged; For trims the histories (at its first
/// call, then once a minute) with a LINQ sort of the ConcurrentDictionary, which copies it into an array
/// sized from its count, and threw when another call added a history in between. It snapshots with ToArray.
/// </summary>
public sealed class UndoHistoriesRaceTests
{
    [Fact]
    public void Histories_for_new_users_can_be_taken_from_many_threads_while_they_are_trimmed()
    {
        Exception? failure = null;
        for (var round = 0; round < 200 && failure is null; round++)
        {
            var histories = new UndoHistories();
            using var start = new Barrier(16);
            var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    for (var i = 0; i < 200; i++) histories.For("p", $"user{t}-{i}");
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        Assert.Null(failure);
    }
}
