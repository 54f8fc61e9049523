using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// The tempo changes of a song, in tick order, always starting with one at tick 0; converts ticks
/// (480 per quarter) to seconds the way a player does.
/// </summary>
public sealed class MidiTempoMap
{
    readonly MidiTempoChange[] _changes;
    // Seconds at each change, so that a conversion is a binary search and one multiplication.
    readonly double[] _secondsAtChange;

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
        _changes = [.. sorted];
        _secondsAtChange = new double[_changes.Length];
        for (var i = 1; i < _changes.Length; i++)
        {
            _secondsAtChange[i] = _secondsAtChange[i - 1] + SecondsOf(_changes[i].Tick - _changes[i - 1].Tick, _changes[i - 1]);
        }
    }

    public IReadOnlyList<MidiTempoChange> Changes => _changes;

    /// <summary>The tempo the song starts with.</summary>
    public double InitialBpm => _changes[0].Bpm;

    /// <summary>Seconds from the start of the song to <paramref name="tick"/>.</summary>
    public double SecondsAt(long tick)
    {
        var lo = 0;
        var hi = _changes.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_changes[mid].Tick <= tick) lo = mid; else hi = mid - 1;
        }
        return _secondsAtChange[lo] + SecondsOf(tick - _changes[lo].Tick, _changes[lo]);
    }

    static double SecondsOf(long ticks, MidiTempoChange tempo) =>
        ticks * (tempo.MicrosecondsPerQuarter / 1_000_000.0) / Ticks.PerQuarter;
}
