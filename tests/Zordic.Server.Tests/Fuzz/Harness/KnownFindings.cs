namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Failures the fuzzing found that wait for a fix in the server, each reproduced by a skipped test in
/// FuzzFindingsTests. The runner still counts them (the benchmark's numbers stay honest) but names them, so
/// that the test suite fails only on something new. Remove an entry when its test is un-skipped.
/// </summary>
public static class KnownFindings
{
    public const string InfiniteTempo = "create_project_bpm_beyond_double_range_500";
    public const string DeepHubPayload = "hub_payload_nested_63_deep_closes_connection";
    public const string HubBindingFailure = "hub_call_signalr_cannot_bind_gets_generic_error";
    public const string LoneSurrogate = "inserted_value_with_lone_surrogate_500_breaks_project";
    public const string LoneSurrogateElsewhere = "string_with_lone_surrogate_500";

    /// <summary>SignalR's JSON protocol reader stops at 64 levels, two of which are the invocation message's own.</summary>
    public const int HubReaderDepth = 63;

    /// <summary>The known finding a failed REST case is, if any.</summary>
    public static string? OfRest(RestCase c, string? body) =>
        body is null ? null
        : c.Method == "POST" && c.Path == "/api/projects" && body.Contains("e309", StringComparison.Ordinal) ? InfiniteTempo
        : HasLoneSurrogate(body) ? (c.Path.EndsWith("/ops", StringComparison.Ordinal) ? LoneSurrogate : LoneSurrogateElsewhere)
        : null;

    /// <summary>JSON text with a \uD800–\uDFFF escape (the generators write them only unpaired).</summary>
    public static bool HasLoneSurrogate(string json) =>
        json.Contains("\\ud8", StringComparison.OrdinalIgnoreCase) || json.Contains("\\ud9", StringComparison.OrdinalIgnoreCase)
        || json.Contains("\\uda", StringComparison.OrdinalIgnoreCase) || json.Contains("\\udb", StringComparison.OrdinalIgnoreCase)
        || json.Contains("\\udc", StringComparison.OrdinalIgnoreCase) || json.Contains("\\udd", StringComparison.OrdinalIgnoreCase)
        || json.Contains("\\ude", StringComparison.OrdinalIgnoreCase) || json.Contains("\\udf", StringComparison.OrdinalIgnoreCase);

    /// <summary>The known finding a failed hub call is, if any.</summary>
    public static string? OfHub(HubCase c, string payload) =>
        NestingDepth(payload) >= HubReaderDepth ? DeepHubPayload
        : c.Arguments != 1 || !HubCases.Methods.Contains(c.Method) ? HubBindingFailure
        : null;

    /// <summary>How deep arrays and objects nest in JSON text (brackets inside strings do not count).</summary>
    public static int NestingDepth(string json)
    {
        int depth = 0, deepest = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var ch = json[i];
            if (inString)
            {
                if (ch == '\\') i++;
                else if (ch == '"') inString = false;
                continue;
            }
            switch (ch)
            {
                case '"': inString = true; break;
                case '[' or '{': deepest = Math.Max(deepest, ++depth); break;
                case ']' or '}': depth--; break;
            }
        }
        return deepest;
    }
}
