namespace Zordic.Server.Agents;

/// <summary>Why a melody can't be harmonized: a reason code (<c>unknown_track</c>, <c>not_a_melody</c>) and a sentence.</summary>
public sealed class HarmonizeRefusedException(string code, string message) : Exception(message)
{
    public const string UnknownTrack = "unknown_track", NotAMelody = "not_a_melody";

    public string Code { get; } = code;
}
