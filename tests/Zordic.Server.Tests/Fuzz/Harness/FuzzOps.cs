using System.Globalization;
using CsCheck;
using Zordic.Music.Document;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Generators of operations as JSON text, whole (every field valid, missing, of the wrong type or at an
/// extreme) and bare (<c>{type, path, value}</c>), aimed at the fuzz project (<see cref="FuzzContext"/>):
/// paths to its track <c>t</c>, clip <c>c</c> and note <c>n</c>, new ids, and paths that resolve to
/// nothing. Values sit at and just past every limit of PropertySchema and DocumentLimits. Placeholders
/// (<c>%S%</c>, <c>%N%</c>, <c>%ID%</c> …) are filled in when a case is sent, so that enough ops are
/// valid for the project to change.
/// </summary>
public static class FuzzOps
{
    static readonly string[] Note = ["tracks", "t", "clips", "c", "notes", "n"];
    static readonly string[] Clip = ["tracks", "t", "clips", "c"];
    static readonly string[] Track = ["tracks", "t"];

    static string D(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    static string I(long x) => x.ToString(CultureInfo.InvariantCulture);

    static Gen<string> Around(double min, double max, bool integer) => Gen.OneOf(
        D(min), D(max), D((min + max) / 2), integer ? D(min - 1) : D(min - 0.001), integer ? D(max + 1) : D(max + 0.001),
        integer ? D(min + 0.5) : D(min), "\"" + D(max) + "\"", "null", "true", "1e308", "-1e308", "1e309");

    /// <summary>Values for a property, at and past its limits, or of another type.</summary>
    static Gen<string> ValueFor(string property) => property switch
    {
        "bpm" => Around(DocumentLimits.MinBpm, DocumentLimits.MaxBpm, false),
        "swing" => Around(DocumentLimits.MinSwing, DocumentLimits.MaxSwing, false),
        "volume" => Around(DocumentLimits.MinVolumeDb, DocumentLimits.MaxVolumeDb, false),
        "pan" => Around(DocumentLimits.MinPan, DocumentLimits.MaxPan, false),
        "pitch" => Around(DocumentLimits.MinPitch, DocumentLimits.MaxPitch, true),
        "velocity" => Around(DocumentLimits.MinVelocity, DocumentLimits.MaxVelocity, true),
        "start_tick" => Around(0, DocumentLimits.MaxTicks, true),
        "duration_ticks" => Around(1, DocumentLimits.MaxTicks, true),
        "start_bar" => Around(0, DocumentLimits.MaxBars - 1, true),
        "length_bars" => Around(1, DocumentLimits.MaxClipLengthBars, true),
        "name" => Gen.Frequency((3, FuzzJson.String), (1, Gen.OneOf(DocumentLimits.MaxNameLength, DocumentLimits.MaxNameLength + 1).Select(n => "\"" + new string('n', n) + "\""))),
        "mute" or "solo" => Gen.OneOf("true", "false", "0", "1", "\"true\"", "null"),
        "kind" => Gen.OneOf("\"drums\"", "\"bass\"", "\"lead\"", "\"chords\"", "\"pad\"", "\"keys\"", "\"fx\"", "\"DRUMS\"", "\"piano\"", "3", "null"),
        "instrument" => Gen.OneOf("\"drum-kit\"", "\"bass\"", "\"lead\"", "\"pad\"", "\"keys\"", "\"pluck\"", "\"piano\"", "\"\"", "7"),
        "order" => Gen.OneOf("\"V\"", "\"0\"", "\"V0\"", "\"a\"", "\"zz\"", "\"!\"", "\"\"", "1",
            "\"" + new string('a', DocumentLimits.MaxOrderLength) + "\"", "\"" + new string('a', DocumentLimits.MaxOrderLength + 1) + "\""),
        "key" => Gen.OneOf("{\"tonic\":\"A\",\"mode\":\"minor\"}", "{\"tonic\":\"F#\",\"mode\":\"dorian\"}", "{\"tonic\":\"H\",\"mode\":\"minor\"}",
            "{\"tonic\":\"A\",\"mode\":\"blues\"}", "{\"tonic\":\"A\"}", "{\"tonic\":\"A\",\"mode\":\"minor\",\"x\":1}", "\"A minor\"", "[9,1]", "{\"tonic\":1,\"mode\":2}"),
        "time_signature" => Gen.Select(Gen.OneOf(-1, 0, 1, 3, 4, 7, 32, 33, 1000), Gen.OneOf(-2, 0, 1, 2, 3, 4, 8, 16, 32, 64), Gen.Int[0, 9],
            (n, d, shape) => shape switch
            {
                0 => $"{{\"numerator\":{n}}}",
                1 => $"{{\"numerator\":{n},\"denominator\":{d},\"x\":0}}",
                2 => $"[{n},{d}]",
                3 => $"{{\"numerator\":{n}.5,\"denominator\":{d}}}",
                _ => $"{{\"numerator\":{n},\"denominator\":{d}}}",
            }),
        _ => FuzzJson.Value,
    };

    /// <summary>A value to insert at an object path: the object's fields (some required ones left out, unknown ones added), or anything.</summary>
    static Gen<string> ObjectFor(string collection) => Gen.Frequency(
        (8, collection switch
        {
            "tracks" => Fields(("kind", 95), ("order", 95), ("name", 30), ("instrument", 30), ("volume", 20), ("pan", 20), ("mute", 10), ("solo", 10)),
            "clips" => Fields(("start_bar", 60), ("length_bars", 60)),
            _ => Fields(("pitch", 92), ("start_tick", 92), ("duration_ticks", 92), ("velocity", 50)),
        }),
        (1, Gen.OneOf("{}", "{\"id\":\"other\"}", "{\"bogus\":1}", "[]", "null", "1")),
        (1, FuzzJson.Value));

    static Gen<string> Fields(params (string Name, int Percent)[] fields) =>
        fields.Aggregate(Gen.Const(""), (sofar, f) => Gen.Select(sofar, Gen.Int[0, 99], ValueFor(f.Name),
                (text, roll, value) => roll >= f.Percent ? text : (text.Length == 0 ? "" : text + ",") + $"\"{f.Name}\":{value}"))
            .Select(text => "{" + text + "}");

    static string PathJson(IEnumerable<string> segments) => "[" + string.Join(",", segments.Select(s => s.StartsWith('%') ? "\"" + s + "\"" : FuzzJson.Quote(s))) + "]";

    static readonly string[] ProjectProps = ["name", "bpm", "swing", "key", "time_signature"];
    static readonly string[] TrackProps = ["name", "kind", "instrument", "volume", "pan", "mute", "solo", "order"];
    static readonly string[] ClipProps = ["start_bar", "length_bars"];
    static readonly string[] NoteProps = ["pitch", "start_tick", "duration_ticks", "velocity"];

    /// <summary>(type, path, value) triples: mostly updates and inserts that could apply, then deletes and paths that are wrong.</summary>
    public static readonly Gen<(string Type, string Path, string? Value)> Edit = Gen.Frequency(
        (5, Gen.OneOf(ProjectProps).SelectMany(p => ValueFor(p).Select(v => ("\"update\"", PathJson([p]), (string?)v)))),
        (3, Gen.OneOf(TrackProps).SelectMany(p => ValueFor(p).Select(v => ("\"update\"", PathJson([.. Track, p]), (string?)v)))),
        (2, Gen.OneOf(ClipProps).SelectMany(p => ValueFor(p).Select(v => ("\"update\"", PathJson([.. Clip, p]), (string?)v)))),
        (5, Gen.OneOf(NoteProps).SelectMany(p => ValueFor(p).Select(v => ("\"update\"", PathJson([.. Note, p]), (string?)v)))),
        (5, Gen.OneOf(0, 1, 2).SelectMany(level => Gen.OneOf("%NEW%", "t", "c", "n", "%NEW%").SelectMany(id =>
        {
            string[] path = level switch { 0 => ["tracks", id], 1 => ["tracks", "t", "clips", id], _ => ["tracks", "t", "clips", "c", "notes", id] };
            return ObjectFor(path[^2]).Select(v => ("\"insert\"", PathJson(path), (string?)v));
        }))),
        (1, Gen.OneOf<string[]>(Note, Clip, ["tracks", "t", "clips", "c", "notes", "%NEW%"], ["tracks", "ghost"]).Select(p => ("\"delete\"", PathJson(p), (string?)null))),
        (2, Gen.Select(
            Gen.OneOf("\"update\"", "\"insert\"", "\"delete\"", "\"move\"", "\"UPDATE\"", "1", "null", "\"\""),
            Gen.Frequency(
                (3, Gen.OneOf("[]", "[\"tracks\"]", "[\"tracks\",0]", "[\"tracks\",\"t\",\"clips\"]", "[\"bpm\",\"x\"]", "[\"tempo\"]", "\"bpm\"", "null", "{}",
                    "[\"tracks\",\"t\",\"clips\",\"c\",\"notes\",\"n\",\"velocity\",\"x\"]", "[\"tracks\",\"t\",\"kind\"]", "[\"tracks\",\"\"]",
                    "[\"tracks\",\"a b\"]", "[\"tracks\",\"~\"]", "[\"tracks\",\"" + new string('i', 65) + "\"]", "[\"tracks\",\"" + new string('i', 64) + "\"]")),
                (1, Gen.Int[10, 400].Select(n => "[" + string.Join(",", Enumerable.Repeat("\"tracks\"", n)) + "]")),
                (1, FuzzJson.Value)),
            Gen.Frequency((3, FuzzJson.Value), (1, FuzzJson.Nested(600))),
            (type, path, value) => (type, path, (string?)value))));

    static readonly Gen<string> OpId = Gen.Frequency(
        (12, Gen.Const("\"%ID%\"")),
        (2, Gen.OneOf("\"fz-dup\"", "\"%OLD%\"")),
        (1, Gen.OneOf("\"\"", "\"" + new string('o', 65) + "\"", "\"" + new string('o', 64) + "\"", "\"a b\"", "1", "null", "[]", "\"~\"")));

    static readonly Gen<string> Session = Gen.Frequency(
        (12, Gen.Const("\"%S%\"")),
        (1, Gen.OneOf("\"api\"", "\"undo\"", "\"midi\"", "\"agent:beat\"", "\"agent:anything\"")),
        (1, Gen.OneOf("\"\"", "\"~\"", "\"" + new string('s', 65) + "\"", "\"a b\"", "7", "null")));

    static readonly Gen<string> Vector = Gen.Frequency(
        (12, Gen.Const("{\"%S%\":%N%}")),
        (2, Gen.OneOf("0", "1", "1000", "9007199254740991", "9007199254740992", "-1", "1.5").Select(past => "{\"%S%\":%N%,\"~\":" + past + "}")),
        (2, Gen.OneOf("{\"%S%\":0}", "{\"%S%\":-1}", "{\"%S%\":10001}", "{\"%S%\":9007199254740991}", "{\"%S%\":9007199254740992}",
            "{\"%S%\":9223372036854775807}", "{\"%S%\":\"1\"}", "{\"%S%\":1.5}", "{\"api\":9223372036854775807}", "{\"~\":5}", "{}", "[]", "\"v\"", "null", "{\"%S%\":%N%,\"other\":3}")),
        (1, Gen.Int[2, 1500].Select(n => "{\"%S%\":%N%," + string.Join(",", Enumerable.Range(0, n).Select(i => $"\"s{i}\":1")) + "}")));

    static readonly Gen<string> Timestamp = Gen.Frequency(
        (8, Gen.Long[0, 4_000_000_000_000].Select(I)),
        (1, Gen.OneOf("-1", "9223372036854775807", "9223372036854775808", "1e300", "1.5", "\"now\"", "null")));

    static readonly Gen<string> Parent = Gen.Frequency(
        (6, Gen.Const("null")),
        (1, Gen.OneOf("\"%OLD%\"", "\"x\"", "\"" + new string('p', 1000) + "\"", "1", "{}")));

    /// <summary>A whole operation: each field present and sensible most of the time, otherwise missing, of the wrong type, or extreme.</summary>
    public static readonly Gen<string> Whole = Gen.Select(OpId, Gen.OneOf("\"%U%\"", "\"%U%\"", "\"%U%\"", "\"someone-else\"", "\"\"", "5"), Session, Edit, Vector, Timestamp, Parent, Gen.Int[0, 99],
        (opId, user, session, edit, vector, timestamp, parent, drop) =>
        {
            var fields = new List<string?>
            {
                "\"op_id\":" + opId, "\"user_id\":" + user, "\"session_id\":" + session, "\"type\":" + edit.Type, "\"path\":" + edit.Path,
                edit.Value is null ? null : "\"value\":" + edit.Value, "\"version_vector\":" + vector, "\"timestamp\":" + timestamp, "\"parent_op_id\":" + parent,
            };
            // Now and then a field goes missing, or an unknown one comes along.
            if (drop < 12) fields[drop % fields.Count] = null;
            else if (drop < 15) fields.Add("\"extra\":1");
            return "{" + string.Join(",", fields.Where(f => f is not null)) + "}";
        });

    /// <summary>A bare edit <c>{type, path, value}</c> as a script sends it.</summary>
    public static readonly Gen<string> Bare = Gen.Select(Edit, Gen.Int[0, 19], (edit, extra) =>
        "{\"type\":" + edit.Type + ",\"path\":" + edit.Path + (edit.Value is null ? "" : ",\"value\":" + edit.Value) + (extra == 0 ? ",\"extra\":true" : "") + "}");

    /// <summary>
    /// A batch for POST /ops or op:execute: a few ops mostly; now and then exactly at the limit or one past
    /// it (valid note inserts, so that a batch at the limit really applies), or not ops at all.
    /// </summary>
    public static Gen<string> Batch(int limit, Gen<string> op, int maxDepth = 3000) => Gen.Frequency(
        (20, op.Array[0, 8].Select(ops => "[" + string.Join(",", ops) + "]")),
        (1, Gen.OneOf(limit, limit + 1).Select(n => "[" + string.Join(",", Enumerable.Repeat(ManyNotes, n)) + "]")),
        (2, Gen.OneOf("[null]", "[1,2]", "[[]]", "[\"op\"]", "[{}]")),
        (1, FuzzJson.Nested(maxDepth)));

    /// <summary>A whole, valid note insert (each copy gets its own id and number when rendered).</summary>
    public const string ManyNotes = "{\"op_id\":\"%ID%\",\"user_id\":\"%U%\",\"session_id\":\"%S%\",\"type\":\"insert\",\"path\":[\"tracks\",\"t\",\"clips\",\"c\",\"notes\",\"%NEW%\"],\"value\":{\"pitch\":60,\"start_tick\":0,\"duration_ticks\":1},\"version_vector\":{\"%S%\":%N%},\"timestamp\":1}";
}
