using System.Text.Json;

namespace Zordic.Collab.Json;

/// <summary>
/// JSON strings are UTF-16 text, and a JSON escape can name half of a surrogate pair (<c>"\ud800"</c>) that
/// no .NET string can hold: System.Text.Json then throws <see cref="InvalidOperationException"/> when the
/// string is read, not the <see cref="JsonException"/> every reader here turns into a specific code. These
/// helpers find such text before anything acts on it, and read strings so that it fails as JSON.
/// </summary>
public static class JsonText
{
    /// <summary>True when the raw JSON has a <c>\u</c> escape of a surrogate that is not one half of a pair.</summary>
    public static bool HasUnpairedSurrogate(ReadOnlySpan<byte> json)
    {
        var pendingHigh = false;
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
            {
                if (pendingHigh) return true; // a high surrogate followed by anything but its low half
                continue;
            }
            if (json[i + 1] != 'u' || !TryHex(json.Slice(i + 2), out var unit))
            {
                if (pendingHigh) return true;
                i++; // a two-character escape such as \\ or \"
                continue;
            }
            var high = unit is >= 0xD800 and <= 0xDBFF;
            var low = unit is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh != low) return true; // a low half without its high one, or a high one without its low half
            pendingHigh = high;
            i += 5;
        }
        return pendingHigh;
    }

    /// <summary>The string at the reader; text that no .NET string can hold fails as a <see cref="JsonException"/>.</summary>
    public static string String(ref Utf8JsonReader reader, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"{what} holds text with half of a UTF-16 surrogate pair.", e);
        }
    }

    /// <summary>The string of a JSON value, or null when it is not text a .NET string can hold.</summary>
    public static string? TryString(JsonElement json)
    {
        try
        {
            return json.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    static bool TryHex(ReadOnlySpan<byte> digits, out int unit)
    {
        unit = 0;
        if (digits.Length < 4) return false;
        for (var k = 0; k < 4; k++)
        {
            var d = digits[k];
            var v = d is >= (byte)'0' and <= (byte)'9' ? d - '0' : d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10 : d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10 : -1;
            if (v < 0) return false;
            unit = unit * 16 + v;
        }
        return true;
    }
}
