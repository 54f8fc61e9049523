using System.Text.Json;
using Zordic.Collab.Operations;

namespace Zordic.Collab.Undo;

/// <summary>
/// The edit that takes an applied operation back: an insert's inverse deletes, a delete's inverse
/// inserts the object again as it was (restoring it with everything under it), an update's inverse
/// writes the previous value. Computed from the state just before the operation was applied.
/// </summary>
public sealed record InverseEdit(OperationType Type, IReadOnlyList<string> Path, JsonElement? Value);
