using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Generators of JSON text: well-formed values of every kind with the numbers and strings that break
/// parsers (past 2^53, past long and double, lone surrogates, NULs, huge), deep nesting, and text that is
/// not JSON at all.
/// </summary>
public static class FuzzJson
{
    public static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.OneOf("0", "-0", "1", "-1", "0.5", "-0.5", "1.0", "1e3", "1E-7", "127", "128", "255", "256", "1024", "1025", "4095", "4096",
            "65535", "65536", "2147483647", "2147483648", "-2147483649", "4294967296", "9007199254740991", "9007199254740992", "9007199254740993",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
            "123456789012345678901234567890", "1e308", "-1e308", "1.7976931348623157e308", "1e309", "-1e309", "1e-400", "5e-324",
            "0.1e1", "1e+2", "1e-0", "0.0000000000000000000000000001")),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")));

    /// <summary>String contents: ordinary, empty, control characters, non-BMP, lone surrogates, and long.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[Gen.Char.AlphaNumeric, 0, 12]),
        (2, Gen.OneOf("", " ", "\u0000", "\t\n", "é", "🎹", "\u202e", "a\u0000b", "~", "-", ".", "..", "%", "{}", "null", "0", "api", "undo", "midi", "agent:beat",
            "tracks", "t", "c", "n", "🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹🎹")),
        (1, Gen.String),
        (1, Gen.OneOf(63, 64, 65, 128, 129, 199, 200, 201, 1000, 70_000).Select(n => new string('x', n))));

    /// <summary>A JSON string literal of <see cref="Text"/>, or one with escapes that decode to invalid UTF-16.</summary>
    public static readonly Gen<string> String = Gen.Frequency(
        (9, Text.Select(Quote)),
        (1, Gen.OneOf("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\uFFFF\"", "\"a\\/b\"")));

    public static readonly Gen<string> Scalar = Gen.Frequency(
        (1, Gen.OneOf("null", "true", "false")),
        (3, Number),
        (3, String));

    /// <summary>Any JSON value, at most three levels deep.</summary>
    public static readonly Gen<string> Value = ValueOf(3);

    /// <summary>Arrays or objects nested 10 to 3,000 deep (the server's parsers stop at 32 or 64).</summary>
    public static readonly Gen<string> Deep = Nested(3000);

    /// <summary>
    /// Arrays or objects nested 10 to <paramref name="maxDepth"/> deep. The .NET SignalR client writes at most
    /// 1,000 levels, so hub payloads stay below that.
    /// </summary>
    public static Gen<string> Nested(int maxDepth) => Gen.Select(Gen.Int[10, maxDepth], Gen.Bool, (depth, arrays) => arrays
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    /// <summary>Text that is not one JSON value: truncated, with comments, trailing commas, single quotes, NaN, a BOM, random bytes.</summary>
    public static readonly Gen<string> Malformed = Gen.Frequency(
        (3, Gen.OneOf("", " ", "{", "[", "}", "{\"a\":}", "[1,]", "{\"a\":1,}", "nul", "tru", "{'a':1}", "NaN", "Infinity", "-Infinity", "\uFEFF[]",
            "/*c*/[]", "[1 2]", "{\"a\" 1}", "{\"a\":1}{\"b\":2}", "[\"\\x\"]", "\"unterminated", "[1e]", "[-]", "[01]", "[.5]", "{\"a\":1", "\u0000")),
        (1, Gen.String),
        (1, Value.Select(v => v.Length > 1 ? v[..^1] : v + ",")));

    static Gen<string> ValueOf(int depth)
    {
        if (depth == 0) return Scalar;
        var inner = ValueOf(depth - 1);
        return Gen.Frequency(
            (6, Scalar),
            (1, inner.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Text.Select(Quote), inner).Array[0, 5].Select(fields => "{" + string.Join(",", fields.Select(f => f.Item1 + ":" + f.Item2)) + "}")));
    }

    public static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>A short rendering for reports: long texts keep their start and say how long they were.</summary>
    public static string Shorten(string? text, int keep = 400)
    {
        if (text is null) return "(none)";
        if (text.Length <= keep) return text;
        var sb = new StringBuilder(text, 0, keep, keep + 40);
        sb.Append(CultureInfo.InvariantCulture, $"…(+{text.Length - keep:N0} chars)");
        return sb.ToString();
    }
}
