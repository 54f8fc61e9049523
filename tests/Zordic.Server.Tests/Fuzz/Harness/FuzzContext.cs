using System.Text;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// What generated cases refer to, filled in when a case is sent: the fuzz project and its user, this
/// case's editing session and its next op number (<c>%S%</c>, <c>%N%</c>), fresh op ids and object ids
/// (<c>%ID%</c>, <c>%NEW%</c>), an op id already in the log (<c>%OLD%</c>), a suggestion an agent made
/// (<c>%SUG%</c>). Sessions are reused round-robin, so that numbers follow on and ops can apply.
/// </summary>
public sealed class FuzzContext
{
    readonly Dictionary<string, long> _numbers = new(StringComparer.Ordinal);
    readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    long _fresh;

    public FuzzContext(string projectId) => ProjectId = projectId;

    public string ProjectId { get; set; }
    public string UserId { get; init; } = "fuzzer";
    public int Case { get; set; }
    public string SessionId => $"fz-{_tag}-{Case % 40}";
    /// <summary>An op id the project's log holds (for ops that reuse one).</summary>
    public string? LoggedOpId { get; set; }
    /// <summary>The latest suggestion an agent made in the project.</summary>
    public string? SuggestionId { get; set; }

    public string Render(string template)
    {
        if (!template.Contains('%')) return template;
        var output = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var start = template.IndexOf('%', i);
            var end = start < 0 ? -1 : template.IndexOf('%', start + 1);
            if (start < 0 || end < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }
            output.Append(template, i, start - i);
            var token = template.AsSpan(start + 1, end - start - 1);
            if (Fill(token) is { } value)
            {
                output.Append(value);
                i = end + 1;
            }
            else
            {
                // Not a placeholder: a literal '%' (in a generated string); keep it and go on after it.
                output.Append('%');
                i = start + 1;
            }
        }
        return output.ToString();
    }

    string? Fill(ReadOnlySpan<char> token) => token switch
    {
        "S" => SessionId,
        "N" => Next(SessionId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "U" => UserId,
        "P" => ProjectId,
        "ID" => Guid.CreateVersion7().ToString(),
        "NEW" => $"z{_tag}{++_fresh}",
        "OLD" => LoggedOpId ?? "none-yet",
        "SUG" => SuggestionId ?? "none-yet",
        _ => null,
    };

    long Next(string session)
    {
        _numbers.TryGetValue(session, out var n);
        return _numbers[session] = n + 1;
    }

    /// <summary>Starts numbering again (a new project: its sessions have sent nothing yet).</summary>
    public void Reset(string projectId)
    {
        ProjectId = projectId;
        _numbers.Clear();
        LoggedOpId = null;
        SuggestionId = null;
    }
}
