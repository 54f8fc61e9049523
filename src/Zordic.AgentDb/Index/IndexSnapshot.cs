using System.Text.Json;

namespace Zordic.AgentDb.Index;

/// <summary>
/// The sidecar written next to a saved graph (<c>N.usearch</c> + <c>N.json</c>): which documents the graph
/// holds, so that on open it is reused only if it matches storage exactly. The set of keys is summarised by
/// its size, its largest key and an order-independent hash; any deletion or corruption since the save shows
/// up as a mismatch and the graph is rebuilt from storage.
/// </summary>
internal sealed record IndexSnapshot(int Format, int Dimension, string Scalar, string Metric, int Connectivity, long Count, long MaxKey, ulong KeyHash, GraphTuning Tuning)
{
    public const int CurrentFormat = 1;

    // Recall is NaN before calibration, which plain JSON cannot hold.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static ulong HashKey(long key)
    {
        // SplitMix64 finaliser: spreads consecutive keys so a sum of hashes identifies the set.
        var z = (ulong)key + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static IndexSnapshot? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<IndexSnapshot>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
