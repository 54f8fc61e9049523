namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// One generated hub call: a method and its payload as JSON text (with <see cref="FuzzContext"/>
/// placeholders); <see cref="Arguments"/> other than 1 sends that many copies of it (0: none).
/// </summary>
public sealed record HubCase(string Method, string Payload, int Arguments = 1)
{
    public string Describe(string renderedPayload) =>
        $"{Method}({(Arguments == 1 ? "" : $"{Arguments} arguments of ")}{FuzzJson.Shorten(renderedPayload)})";
}
