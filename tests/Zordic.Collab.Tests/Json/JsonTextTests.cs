using System.Text;
using System.Text.Json;
using CsCheck;
using Zordic.Collab.Json;

namespace Zordic.Collab.Tests.Json;

/// <summary>Text with half a surrogate pair is found in raw JSON exactly when reading its strings fails.</summary>
public sealed class JsonTextTests
{
    // Code units a JSON string escapes: letters, quotes and backslashes, both halves of pairs, other BMP text.
    static readonly Gen<char> Unit = Gen.OneOf(
        Gen.Char['a', 'z'], Gen.Const('"'), Gen.Const('\\'), Gen.Const('u'),
        Gen.Char[(char)0xD800, (char)0xDBFF], Gen.Char[(char)0xDC00, (char)0xDFFF], Gen.Char[(char)0x00E0, (char)0x4E00]);

    [Fact]
    public void An_unpaired_surrogate_is_found_when_and_only_when_a_string_cannot_be_read() =>
        Gen.Select(Unit.Array[0, 12].Select(u => new string(u)), Unit.Array[0, 6].Select(u => new string(u)), Gen.Bool)
            .Sample((value, key, escapeAll) =>
            {
                var json = $"{{\"{Escape(key, escapeAll)}\": [\"{Escape(value, escapeAll)}\", 1, {{\"x\": \"\\\\u\"}}]}}";
                var found = JsonText.HasUnpairedSurrogate(Encoding.UTF8.GetBytes(json));
                return found == !Readable(json) || Fail($"{json}: found {found}");
            }, iter: 5_000);

    [Theory]
    [InlineData("""{"name": "x\ud800"}""", true)]
    [InlineData("""{"name": "\udc00x"}""", true)]
    [InlineData("""{"name": "\ud83c\udfb9 keys"}""", false)]
    [InlineData("""{"name": "\\ud800 is only text"}""", false)]
    [InlineData("""{"\ud800": 1}""", true)]
    [InlineData("""["\ud83c"]""", true)]
    public void Examples(string json, bool unpaired) => Assert.Equal(unpaired, JsonText.HasUnpairedSurrogate(Encoding.UTF8.GetBytes(json)));

    // Every character as a \u escape, or only those JSON requires escaped (and lone surrogates, which UTF-8 cannot hold).
    static string Escape(string text, bool all) => string.Concat(text.Select(c =>
        all || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c switch { '"' => "\\\"", '\\' => "\\\\", _ => c.ToString() }));

    static bool Readable(string json)
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            Walk(document.RootElement);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: e.GetString(); break;
                case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) Walk(item); break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        _ = p.Name;
                        Walk(p.Value);
                    }
                    break;
            }
        }
    }

    static bool Fail(string message) => throw new Xunit.Sdk.XunitException(message);
}
