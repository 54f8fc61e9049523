using System.Text.Json;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Server.Api.Contracts;

namespace Zordic.Server.Api;

/// <summary><c>/api/projects/{id}/ops</c>: submit operations, and read the op log for catch-up.</summary>
public static class OperationEndpoints
{
    public const int MaxBatch = 5_000;
    const int DefaultPage = 5_000, MaxPage = 50_000;

    public static RouteGroupBuilder MapOperationEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapPost("/{id}/ops", SubmitAsync)
            .WithTags("Operations")
            .WithSummary("Submit operations")
            .WithDescription("Body: an array of operations. Whole operations (op_id, user_id, session_id, type, path, value, version_vector, timestamp, parent_op_id) are validated and applied as sent; bare edits {type, path, value} are stamped by the server as its API session. Each op gets its own result: applied or duplicate with its log position, or rejected with a reason code; a rejected op changes nothing.")
            .Accepts<CollaborativeOperation[]>("application/json")
            .Produces<SubmitOperationsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        projects.MapGet("/{id}/ops", ReadAsync)
            .WithTags("Operations")
            .WithSummary("Read the op log for catch-up")
            .WithDescription("?since=<seq> returns the ops after that log position; ?version_vector={\"session\":count,…} (URL-encoded JSON) returns exactly the ops a replica with that vector lacks. Pages hold at most ?limit ops (default 5,000); while has_more, ask again with since=last_seq (and the same version_vector).")
            .Produces<OperationPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return projects;
    }

    static async Task<IResult> SubmitAsync(string id, HttpRequest request, ProjectCatalog catalog, CancellationToken ct)
    {
        var (json, problem) = await RequestBody.ReadJsonAsync(request, 16 * 1024 * 1024, ct);
        if (problem is not null) return problem;
        using var document = json;
        var root = json!.RootElement;
        if (root.ValueKind != JsonValueKind.Array) return Problems.BadRequest("malformed", "the body must be a JSON array of operations");
        var count = root.GetArrayLength();
        if (count > MaxBatch) return Problems.TooLarge($"{count:N0} operations in one request; send at most {MaxBatch:N0} at a time");

        var wholeOps = new List<CollaborativeOperation>(count);
        var intents = new List<OperationIntent>(count);
        var results = new OperationResultJson?[count];
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var isWhole = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("op_id", out _);
            try
            {
                if (isWhole) wholeOps.Add(CollabJson.ParseOperation(element));
                else intents.Add(element.Deserialize(CollabJson.Default.OperationIntent) ?? throw new JsonException("an operation must be an object, not null"));
            }
            catch (JsonException e)
            {
                var opId = isWhole && element.GetProperty("op_id").ValueKind == JsonValueKind.String ? element.GetProperty("op_id").GetString()! : "";
                results[index] = new OperationResultJson(opId, "rejected", null, RejectionCodes.Malformed, $"operation {index}: {e.Message}");
            }
            index++;
        }
        if (wholeOps.Count > 0 && intents.Count > 0)
            return Problems.BadRequest("malformed", "send either whole operations (with op_id, session_id, version_vector) or bare edits {type, path, value}, not both in one request");

        var outcomes = intents.Count > 0
            ? await catalog.EditAsync(id, UserIdentity.Of(request), session => [.. intents.Select(i => session.Next(i.Type, i.Path, i.Value))], ct)
            : await catalog.ExecuteAsync(id, wholeOps, ct);
        var next = 0;
        for (var i = 0; i < count; i++) results[i] ??= OperationResultJson.From(outcomes[next++]);
        var applied = outcomes.Count(o => o.Status == OperationStatus.Applied);
        var rejected = results.Count(r => r!.Status == "rejected");
        return Results.Ok(new SubmitOperationsResponse(results!, applied, rejected));
    }

    static async Task<IResult> ReadAsync(string id, long? since, string? version_vector, int? limit, ProjectCatalog catalog, CancellationToken ct)
    {
        if (since < 0) return Problems.BadRequest("invalid_value", "since must be a log position ≥ 0");
        if (limit is < 1 or > MaxPage) return Problems.BadRequest("invalid_value", $"limit must be from 1 to {MaxPage:N0}");
        var pageSize = limit ?? DefaultPage;
        if (await catalog.Log.GetAsync(id, ct) is null) return Problems.ProjectNotFound(id);

        IReadOnlyList<LoggedOperation> page;
        if (version_vector is not null)
        {
            VersionVector known;
            try
            {
                known = JsonSerializer.Deserialize(version_vector, CollabJson.Default.VersionVector) ?? VersionVector.Empty;
            }
            catch (JsonException e)
            {
                return Problems.BadRequest("invalid_value", $"version_vector must be a JSON object of session id → count: {e.Message}");
            }
            page = await catalog.Log.ReadMissingAsync(id, known, since ?? 0, pageSize + 1, ct);
        }
        else
        {
            page = await catalog.Log.ReadAsync(id, since ?? 0, pageSize + 1, ct);
        }
        var hasMore = page.Count > pageSize;
        var ops = page.Take(pageSize).Select(o => new LoggedOperationJson(o.Sequence, o.Operation)).ToList();
        return Results.Ok(new OperationPage(ops, ops.Count > 0 ? ops[^1].Seq : since ?? 0, hasMore));
    }
}
