using Microsoft.AspNetCore.Diagnostics;
using Zordic.Collab.Projects;
using Zordic.Music.Midi;
using Zordic.Server.Agents;

namespace Zordic.Server.Api;

/// <summary>
/// Turns what an endpoint throws into a problem with a specific code, in one place: a project that is
/// gone, an op log that cannot be written, a refused op or MIDI file, an agent that does not answer.
/// Anything else is logged and answered 500 <c>internal_error</c>; no response is ever a bare 500.
/// </summary>
public sealed class StudioExceptionHandler(ILogger<StudioExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ProjectNotFoundException e => Problems.ProjectNotFound(e.ProjectId),
            OperationRejectedException e => Problems.BadRequest(e.Rejection.Code, e.Rejection.Message),
            StorageUnavailableException => RetryLater(context, Problems.Of(StatusCodes.Status503ServiceUnavailable, "storage_unavailable", "Storage unavailable",
                "the studio cannot save changes right now; nothing was changed, try again in a moment")),
            HarmonizeRefusedException e when e.Code == HarmonizeRefusedException.UnknownTrack => Problems.Of(StatusCodes.Status404NotFound, e.Code, "Track not found", e.Message),
            HarmonizeRefusedException e => Problems.BadRequest(e.Code, e.Message),
            MidiFormatException e when e.Code is MidiErrorCodes.TooLarge or MidiErrorCodes.TooManyTracks or MidiErrorCodes.TooManyNotes or MidiErrorCodes.TooManyEvents
                => Problems.Of(StatusCodes.Status413PayloadTooLarge, e.Code, "MIDI file too large", e.Message),
            MidiFormatException e => Problems.BadRequest(e.Code, $"not a MIDI file the studio can read: {e.Message}"),
            TimeoutException => RetryLater(context, Problems.Of(StatusCodes.Status503ServiceUnavailable, "agent_unavailable", "Agent unavailable",
                "the agent did not answer in time (it may be busy or its circuit breaker open); try again in a moment")),
            BadHttpRequestException e => Problems.Of(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "too_large" : "malformed", "Bad request", e.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return true; // the caller left; nobody reads an answer
            log.LogError(exception, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            problem = Problems.Of(StatusCodes.Status500InternalServerError, "internal_error", "Internal error",
                "the request failed on the server; nothing was changed (the error is in the server's log)");
        }
        await problem.ExecuteAsync(context);
        return true;
    }

    static IResult RetryLater(HttpContext context, IResult problem)
    {
        context.Response.Headers.RetryAfter = "1";
        return problem;
    }
}
