using System.Text.Json;

namespace Zordic.Server.Api.Contracts;

/// <summary>
/// <c>POST /api/projects</c>: a name, and optionally a tempo and a key. The key is either text
/// ("A minor", "F#m", "Bb") or an object <c>{"tonic": "A", "mode": "minor"}</c>.
/// </summary>
public sealed record CreateProjectRequest(string? Name, double? Bpm, JsonElement? Key);
