using System.Runtime.InteropServices;
using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Server.Api;

namespace Zordic.Server.Hubs;

/// <summary>
/// Reads a hub method's JSON payload into its record. Hub methods take <see cref="JsonElement"/> rather
/// than the record itself: SignalR answers a payload it cannot bind with a generic error, and the studio
/// answers every bad payload with a specific code. A <see cref="HubRejection"/> thrown here becomes the
/// method's result (<see cref="StudioHubFilter"/>).
/// </summary>
public static class HubPayload
{
    /// <param name="usage">What the method takes, for the message: <c>awareness:cursor needs {…}</c>.</param>
    /// <param name="wrongType">The code for a field of the wrong type.</param>
    public static T Read<T>(JsonElement payload, string usage, string wrongType = RejectionCodes.InvalidValue)
    {
        if (payload.ValueKind != JsonValueKind.Object) throw new HubRejection(RejectionCodes.Malformed, usage);
        try
        {
            return JsonSerializer.Deserialize<T>(JsonMarshal.GetRawUtf8Value(payload), StudioJson.Options)
                ?? throw new HubRejection(RejectionCodes.Malformed, usage);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "a field";
            throw new HubRejection(wrongType, $"{field} has the wrong type or form; {usage}");
        }
    }

    /// <summary>A required string that must be an id (letters, digits, '-', '_', ':', '.'; 1–64).</summary>
    public static string Id(string? value, string field) =>
        OperationTarget.IsValidId(value) ? value! : throw new HubRejection(RejectionCodes.InvalidValue, $"{field} must be an id (1–64 letters, digits, '-', '_', ':' or '.')");

    /// <summary>An optional id: null stays null.</summary>
    public static string? OptionalId(string? value, string field) => value is null ? null : Id(value, field);
}

/// <summary>A hub call refused with a specific code: thrown anywhere in a hub method, it becomes the method's result.</summary>
public sealed class HubRejection(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
