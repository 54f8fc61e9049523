namespace Zordic.Server.Api;

/// <summary>
/// RFC 7807 problem responses with a stable <c>code</c> extension, so that clients can branch on the
/// reason and people can read <c>detail</c>.
/// </summary>
public static class Problems
{
    public static IResult Of(int status, string code, string title, string detail) => Results.Problem(
        detail: detail,
        statusCode: status,
        title: title,
        type: $"urn:zordic:problem:{code}",
        extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult ProjectNotFound(string projectId) =>
        Of(StatusCodes.Status404NotFound, "unknown_project", "Project not found", $"there is no project '{Shorten(projectId)}'");

    public static IResult BadRequest(string code, string detail) =>
        Of(StatusCodes.Status400BadRequest, code, "Bad request", detail);

    public static IResult TooLarge(string detail) =>
        Of(StatusCodes.Status413PayloadTooLarge, "too_large", "Request too large", detail);

    static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
