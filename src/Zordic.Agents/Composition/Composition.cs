using Zordic.Agents.Beat;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;

namespace Zordic.Agents.Composition;

/// <summary>How long each agent took, in milliseconds (measured, so not part of the deterministic result).</summary>
public sealed record AgentTimings(double BeatMs, double HarmonyMs, double MelodyMs, double TotalMs);

/// <summary>Beat, melody and harmony written for one prompt and seed.</summary>
public sealed record Composition(DrumBeat Beat, Sketch Melody, ChordProgression Harmony, AgentTimings Timings);
