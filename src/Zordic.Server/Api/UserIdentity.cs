namespace Zordic.Server.Api;

/// <summary>
/// Who is calling. The studio has no accounts yet: a caller may name itself with the X-User-Id header,
/// and is "api" otherwise. Operations sent whole carry their own user_id.
/// </summary>
public static class UserIdentity
{
    public const string Header = "X-User-Id";
    public const string Anonymous = "api";

    public static string Of(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var values) && values.ToString() is { Length: > 0 } user ? user : Anonymous;
}
