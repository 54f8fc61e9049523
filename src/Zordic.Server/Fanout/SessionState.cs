namespace Zordic.Server.Fanout;

/// <summary>
/// What a joining connection receives before the ops that follow its join: the whole project at the
/// join's log position, or (when it said what it has) the ops it lacks up to there.
/// </summary>
public abstract record SessionState
{
    /// <summary>The whole project: the <c>state:sync</c> payload, made inside the project's gate.</summary>
    public sealed record Whole(object Payload) : SessionState;

    /// <summary>The ops after <paramref name="Since"/> in the log.</summary>
    public sealed record Since(long Sequence) : SessionState;

    /// <summary>The ops a replica with <paramref name="Known"/> lacks.</summary>
    public sealed record Missing(Collab.Operations.VersionVector Known) : SessionState;
}
