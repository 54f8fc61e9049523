namespace Zordic.AgentDb.Index;

/// <summary>The k smallest (distance, slot) pairs seen so far: a bounded max-heap.</summary>
internal sealed class TopK
{
    private readonly float[] _distances;
    private readonly int[] _slots;

    public TopK(int capacity)
    {
        Capacity = Math.Max(1, capacity);
        _distances = new float[Capacity];
        _slots = new int[Capacity];
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The distance a candidate must beat to enter (∞ until full).</summary>
    public float Threshold => Count < Capacity ? float.PositiveInfinity : _distances[0];

    public void Add(float distance, int slot)
    {
        if (Count < Capacity)
        {
            var i = Count++;
            _distances[i] = distance;
            _slots[i] = slot;
            SiftUp(i);
        }
        else if (distance < _distances[0] || (distance == _distances[0] && slot < _slots[0]))
        {
            _distances[0] = distance;
            _slots[0] = slot;
            SiftDown(0);
        }
    }

    public void Merge(TopK other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other._distances[i], other._slots[i]);
        }
    }

    /// <summary>The entries nearest first; ties broken by slot so results are deterministic.</summary>
    public (float Distance, int Slot)[] ToSorted()
    {
        var result = new (float, int)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_distances[i], _slots[i]);
        }

        // Insertion sort: k is small and this avoids a comparer delegate per call.
        for (var i = 1; i < result.Length; i++)
        {
            var item = result[i];
            var j = i - 1;
            while (j >= 0 && (result[j].Item1 > item.Item1 || (result[j].Item1 == item.Item1 && result[j].Item2 > item.Item2)))
            {
                result[j + 1] = result[j];
                j--;
            }

            result[j + 1] = item;
        }

        return result;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Greater(i, parent))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= Count)
            {
                return;
            }

            var largest = left + 1 < Count && Greater(left + 1, left) ? left + 1 : left;
            if (!Greater(largest, i))
            {
                return;
            }

            Swap(i, largest);
            i = largest;
        }
    }

    // Max-heap on distance; among equal distances the larger slot sits on top so it is evicted first.
    private bool Greater(int a, int b) =>
        _distances[a] > _distances[b] || (_distances[a] == _distances[b] && _slots[a] > _slots[b]);

    private void Swap(int a, int b)
    {
        (_distances[a], _distances[b]) = (_distances[b], _distances[a]);
        (_slots[a], _slots[b]) = (_slots[b], _slots[a]);
    }
}
