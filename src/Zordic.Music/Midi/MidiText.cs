using System.Text;
using Zordic.Music.Document;

namespace Zordic.Music.Midi;

/// <summary>Text meta events carry bytes in no declared encoding: UTF-8 when they are valid UTF-8, else Latin-1.</summary>
static class MidiText
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A display name: control characters (NUL padding is common) dropped, spaces trimmed, length capped; null when nothing is left.</summary>
    public static string? ToName(ReadOnlySpan<byte> bytes)
    {
        // Names are capped anyway; decoding a megabyte of "name" would only waste memory.
        var cap = DocumentLimits.MaxNameLength * 4;
        if (bytes.Length > cap) bytes = bytes[..cap];
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { text = Encoding.Latin1.GetString(bytes); }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        var name = builder.ToString().Trim();
        while (name.Contains("  ", StringComparison.Ordinal)) name = name.Replace("  ", " ", StringComparison.Ordinal);
        if (name.Length > DocumentLimits.MaxNameLength) name = name[..DocumentLimits.MaxNameLength].TrimEnd();
        return name.Length == 0 ? null : name;
    }
}
