using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Server.Limits;

namespace Zordic.Server.Hubs;

/// <summary>
/// What every hub call goes through: its payload's size, its kind's budget (<see cref="HubRateLimiter"/>),
/// and the errors that map to codes. A call never ends in SignalR's generic error: a failure it knows
/// becomes a <see cref="HubResult"/> with its code, anything else is logged and answered
/// <c>internal_error</c>, and the connection stays usable either way.
/// </summary>
public sealed class StudioHubFilter(StudioHubOptions options, HubRateLimiter limiter, ILogger<StudioHubFilter> log) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocation.HubMethod.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? invocation.HubMethodName;
        if (invocation.HubMethodArguments is [JsonElement payload, ..] && payload.ValueKind != JsonValueKind.Undefined
            && JsonMarshal.GetRawUtf8Value(payload).Length is var size && size > options.MaxPayloadBytes)
            return await RefuseAsync(invocation, method, HubCodes.TooLarge, $"the payload has {size:N0} bytes; the limit is {options.MaxPayloadBytes:N0}");
        if (invocation.HubMethodArguments is [JsonElement text, ..] && text.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String
            && JsonText.HasUnpairedSurrogate(JsonMarshal.GetRawUtf8Value(text)))
            return await RefuseAsync(invocation, method, RejectionCodes.Malformed, "the payload holds a \\u escape of half of a UTF-16 surrogate pair, which is not text");
        if (KindOf(method) is { } kind)
        {
            var address = invocation.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "local";
            if (!limiter.TryAcquire(kind, invocation.Context.ConnectionId, address, 1, out var retryAfter))
                return await RefuseAsync(invocation, method, RejectionCodes.RateLimited, $"too many {method} calls; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s");
        }
        try
        {
            return await next(invocation);
        }
        catch (HubRejection e)
        {
            return await RefuseAsync(invocation, method, e.Code, e.Message);
        }
        catch (ProjectNotFoundException e)
        {
            return await RefuseAsync(invocation, method, RejectionCodes.UnknownProject, $"there is no project '{e.ProjectId}' (it may have been deleted)");
        }
        catch (OperationRejectedException e)
        {
            return await RefuseAsync(invocation, method, e.Rejection.Code, e.Rejection.Message);
        }
        catch (StorageUnavailableException e)
        {
            log.LogWarning(e, "{Method} could not reach the op log", method);
            return await RefuseAsync(invocation, method, RejectionCodes.StorageUnavailable, "the studio cannot save changes right now; nothing was changed, try again in a moment");
        }
        catch (OperationCanceledException) when (invocation.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw; // the caller is gone: there is no one to answer
        }
        catch (Exception e)
        {
            log.LogError(e, "{Method} failed", method);
            return await RefuseAsync(invocation, method, HubCodes.InternalError, $"{method} failed on the server; nothing was changed (the error is in the server's log)");
        }
    }

    // op:execute's refusals also reach the sender as op:rejected, which the studio shows; other methods answer in their result.
    static async ValueTask<object?> RefuseAsync(HubInvocationContext invocation, string method, string code, string message)
    {
        if (method == HubEvents.Execute) await invocation.Hub.Clients.Caller.SendAsync(HubEvents.Rejected, new OperationRejected("", code, message));
        return HubResult.Fail(code, message);
    }

    static HubCallKind? KindOf(string method) => method switch
    {
        HubEvents.Join => HubCallKind.Join,
        HubEvents.Cursor or HubEvents.Selection => HubCallKind.Awareness,
        HubEvents.Play or HubEvents.Stop or HubEvents.Sync => HubCallKind.Transport,
        HubEvents.Undo or HubEvents.Redo => HubCallKind.Undo,
        HubEvents.Compose or HubEvents.Harmonize or HubEvents.Accept or HubEvents.Decline => HubCallKind.Agents,
        _ => null, // op:execute counts per op, in the hub
    };
}
