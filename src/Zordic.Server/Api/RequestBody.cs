using System.Text.Json;
using Zordic.Collab.Json;

namespace Zordic.Server.Api;

/// <summary>Reads a request body with a size limit and turns parse errors into specific problems.</summary>
public static class RequestBody
{
    /// <summary>
    /// Reads a JSON body into <typeparamref name="T"/> with the project's JSON options; a body that is not
    /// JSON is <c>malformed</c>, one of the wrong shape <c>invalid_value</c> with <paramref name="usage"/>.
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, long maxBytes, string usage, CancellationToken ct) where T : class
    {
        var (json, problem) = await ReadJsonAsync(request, maxBytes, ct);
        if (problem is not null) return (null, problem);
        using var document = json!;
        try
        {
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.Deserialize<T>(StudioJson.Options) is { } body
                ? (body, null)
                : (null, Problems.BadRequest("invalid_value", $"expected {usage}"));
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "a field";
            return (null, Problems.BadRequest("invalid_value", $"{field} has the wrong type or form; expected {usage}"));
        }
    }

    public static async Task<(JsonDocument? Json, IResult? Problem)> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var (bytes, problem) = await ReadBytesAsync(request, maxBytes, ct);
        if (problem is not null) return (null, problem);
        if (bytes!.Length == 0) return (null, Problems.BadRequest("malformed", "the request body is empty; it must be JSON"));
        if (JsonText.HasUnpairedSurrogate(bytes))
            return (null, Problems.BadRequest("malformed", "the request body holds a \\u escape of half of a UTF-16 surrogate pair, which is not text"));
        try
        {
            return (JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest("malformed", $"the request body is not valid JSON: {e.Message}"));
        }
    }

    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return (null, Problems.TooLarge($"the body has {request.ContentLength:N0} bytes; the limit is {maxBytes:N0}"));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, Problems.TooLarge($"the body is larger than the limit of {maxBytes:N0} bytes"));
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}
