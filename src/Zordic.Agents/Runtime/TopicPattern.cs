namespace Zordic.Agents.Runtime;

/// <summary>
/// A subscription's topic: exact (<c>beat.created</c>) or with wildcards, segment by segment on dots:
/// <c>*</c> matches one segment (<c>beat.*</c> matches <c>beat.created</c>, not <c>beat.a.b</c>) and a
/// final <c>#</c> matches any rest, even none (<c>visual.#</c>, or <c>#</c> for everything).
/// </summary>
public sealed class TopicPattern
{
    readonly string[] _segments;

    public TopicPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) throw new ArgumentException("a topic pattern cannot be empty", nameof(pattern));
        _segments = pattern.Split('.');
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            if (s.Length == 0) throw new ArgumentException($"topic pattern '{pattern}' has an empty segment", nameof(pattern));
            if (s == "#" && i != _segments.Length - 1) throw new ArgumentException($"'#' may only end a topic pattern ('{pattern}')", nameof(pattern));
            if (s != "*" && s != "#" && (s.Contains('*') || s.Contains('#')))
                throw new ArgumentException($"wildcards stand alone in a segment ('{pattern}')", nameof(pattern));
        }
        Text = pattern;
    }

    public string Text { get; }

    public bool Matches(string topic)
    {
        var parts = topic.Split('.');
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] == "#") return true;
            if (i >= parts.Length) return false;
            if (_segments[i] != "*" && _segments[i] != parts[i]) return false;
        }
        return parts.Length == _segments.Length;
    }

    public override string ToString() => Text;
}
