namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// One generated HTTP request. <see cref="Path"/> and a text body may hold <see cref="FuzzContext"/>
/// placeholders; a binary body (MIDI) is sent as is.
/// </summary>
public sealed record RestCase(string Method, string Path, string? Body, byte[]? Bytes = null, string ContentType = "application/json", string? UserHeader = null)
{
    /// <summary>The request as a reproduction: method, path, headers, and the body (long ones shortened, saying how long).</summary>
    public string Describe(FuzzContext context, string? renderedBody) =>
        $"{Method} {context.Render(Path)} (content-type {ContentType}{(UserHeader is null ? "" : $", X-User-Id {FuzzJson.Shorten(UserHeader, 80)}")}) "
        + (Bytes is not null ? $"body: {Bytes.Length} bytes {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 64)))}{(Bytes.Length > 64 ? "…" : "")}" : $"body: {FuzzJson.Shorten(renderedBody)}");
}
