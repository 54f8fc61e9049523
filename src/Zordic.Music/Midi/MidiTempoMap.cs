using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// The tempo changes of a song, in tick order, always starting with one at tick 0; converts ticks
/// (480 per quarter) to seconds the way a player does.
/// </summary>
public sealed class MidiTempoMap
{
    readonly MidiTempoChange[] changes;
    // Seconds at each change, so that a conversion is a binary search and one multiplication.
    readonly double[] secondsAtChange;

    /// <summary>Builds a map from changes in any order; later changes on the same tick win, and tick 0 defaults to 120 bpm.</summary>
    public MidiTempoMap(IEnumerable<MidiTempoChange> tempoChanges)
    {
        var sorted = new List<MidiTempoChange>();
        foreach (var change in tempoChanges.OrderBy(c => c.Tick)) // OrderBy is stable: file order breaks ties
        {
            if (change.MicrosecondsPerQuarter <= 0) continue;
            if (sorted.Count > 0 && sorted[^1].Tick == change.Tick) sorted[^1] = change;
            else sorted.Add(change);
        }
        if (sorted.Count == 0 || sorted[0].Tick > 0)
            sorted.Insert(0, new MidiTempoChange(0, MidiTempoChange.DefaultMicrosecondsPerQuarter));
        changes = [.. sorted];
        secondsAtChange = new double[changes.Length];
        for (var i = 1; i < changes.Length; i++)
        {
            secondsAtChange[i] = secondsAtChange[i - 1] + SecondsOf(changes[i].Tick - changes[i - 1].Tick, changes[i - 1]);
        }
    }

    public IReadOnlyList<MidiTempoChange> Changes => changes;

    /// <summary>The tempo the song starts with.</summary>
    public double InitialBpm => changes[0].Bpm;

    /// <summary>Seconds from the start of the song to <paramref name="tick"/>.</summary>
    public double SecondsAt(long tick)
    {
        var lo = 0;
        var hi = changes.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (changes[mid].Tick <= tick) lo = mid; else hi = mid - 1;
        }
        return secondsAtChange[lo] + SecondsOf(tick - changes[lo].Tick, changes[lo]);
    }

    static double SecondsOf(long ticks, MidiTempoChange tempo) =>
        ticks * (tempo.MicrosecondsPerQuarter / 1_000_000.0) / Ticks.PerQuarter;
}
