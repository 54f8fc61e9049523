namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Hub calls that SignalR itself refuses before the studio sees them, as docs/hub.md says: a call that fits
/// no method (a name the hub lacks, other than one argument) gets SignalR's "Failed to invoke" error, and a
/// payload nested deeper than its JSON reader goes closes the connection. The runner counts these apart
/// (<see cref="FuzzReport.SignalRRefusals"/>): they are the protocol's limits, not the studio's failures.
/// </summary>
public static class SignalRRefusals
{
    public const string DeepPayload = "payload_deeper_than_signalr_reads";
    public const string CallFitsNoMethod = "call_fits_no_hub_method";

    /// <summary>SignalR's JSON protocol reader stops at 64 levels, two of which are the invocation message's own.</summary>
    public const int HubReaderDepth = 63;

    /// <summary>JSON text with a \uD800–\uDFFF escape (the generators write them only unpaired).</summary>
    public static bool HasLoneSurrogate(string json) =>
        json.Contains("\\ud8", StringComparison.OrdinalIgnoreCase) || json.Contains("\\ud9", StringComparison.OrdinalIgnoreCase)
        || json.Contains("\\uda", StringComparison.OrdinalIgnoreCase) || json.Contains("\\udb", StringComparison.OrdinalIgnoreCase)
        || json.Contains("\\udc", StringComparison.OrdinalIgnoreCase) || json.Contains("\\udd", StringComparison.OrdinalIgnoreCase)
        || json.Contains("\\ude", StringComparison.OrdinalIgnoreCase) || json.Contains("\\udf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Which of SignalR's own refusals a hub call meets, if any.</summary>
    public static string? Of(HubCase c, string payload) =>
        NestingDepth(payload) >= HubReaderDepth ? DeepPayload
        : c.Arguments != 1 || !HubCases.Methods.Contains(c.Method) ? CallFitsNoMethod
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
