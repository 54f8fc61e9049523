using System.Text.Json;
using System.Text.Json.Serialization;
using Zordic.Collab.Operations;

namespace Zordic.Collab.Json;

/// <summary>A version vector is a JSON object of session id → op count, written in sorted order.</summary>
public sealed class VersionVectorJsonConverter : JsonConverter<VersionVector>
{
    public override VersionVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadVector(ref reader);

    public override void Write(Utf8JsonWriter writer, VersionVector value, JsonSerializerOptions options) => WriteVector(writer, value);

    /// <summary>
    /// Reads the object at the reader. Vectors we wrote come sorted and are taken as they are; a key equal
    /// to <paramref name="knownSession"/> (the op's own session) reuses that string.
    /// </summary>
    internal static VersionVector ReadVector(ref Utf8JsonReader reader, string? knownSession = null)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("version_vector must be an object of session id → count.");
        var sessions = new string[4];
        var counts = new long[4];
        var n = 0;
        var canonical = true;
        var sum = 0L;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var session = knownSession is not null && reader.ValueTextEquals(knownSession) ? knownSession : JsonText.String(ref reader, "a version_vector key");
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var count) || count is < 0 or > VersionVector.MaxCount)
                throw new JsonException($"version_vector['{Shorten(session)}'] must be an integer from 0 to {VersionVector.MaxCount} (2^53 − 1).");
            if (sum > VersionVector.MaxCount - count)
                throw new JsonException($"version_vector's counts add up to more than {VersionVector.MaxCount} (2^53 − 1).");
            sum += count;
            if (n == MaxSessions) throw new JsonException($"version_vector has more than {MaxSessions:N0} sessions.");
            if (n == sessions.Length)
            {
                Array.Resize(ref sessions, n * 2);
                Array.Resize(ref counts, n * 2);
            }
            canonical &= count > 0 && (n == 0 || string.CompareOrdinal(sessions[n - 1], session) < 0);
            sessions[n] = session;
            counts[n++] = count;
        }
        return canonical
            ? VersionVector.FromCanonical(sessions.AsSpan(0, n).ToArray(), counts.AsSpan(0, n).ToArray())
            : VersionVector.From(sessions.Take(n).Zip(counts.Take(n), (s, c) => new KeyValuePair<string, long>(s, c)));
    }

    const int MaxSessions = 10_000;

    static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    internal static void WriteVector(Utf8JsonWriter writer, VersionVector value)
    {
        writer.WriteStartObject();
        foreach (var (session, count) in value) writer.WriteNumber(session, count);
        writer.WriteEndObject();
    }
}
