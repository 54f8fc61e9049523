using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Music.Document;
using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Collab.Tests.Replica;

/// <summary>
/// The document the semantics promise, computed the slow and obvious way from the whole set of ops:
/// for every object, the greatest-stamped insert-or-delete decides whether it exists; for every
/// property, the greatest-stamped write (an update, or an insert carrying it) decides its value.
/// The replica must agree with this for every generated trace.
/// </summary>
public static class NaiveDocument
{
    public static Project Evaluate(string projectId, IEnumerable<CollaborativeOperation> ops)
    {
        var unique = ops.DistinctBy(o => o.OpId).ToList();
        var existence = new Dictionary<string, (OpStamp Stamp, bool Alive)>();
        var writes = new Dictionary<(string Object, Property Property), (OpStamp Stamp, PropertyValue Value)>();
        var kinds = new Dictionary<string, TargetKind>();

        foreach (var op in unique)
        {
            if (!OperationTarget.TryParse(op.Path, out var target, out _)) continue;
            var stamp = OpStamp.Of(op);
            var key = ObjectKey(target);
            kinds[key] = target.Kind;
            if (op.Type == OperationType.Update)
            {
                if (!PropertySchema.TryParse(target.Property, op.Value!.Value, out var v, out _)) continue;
                Write(writes, (key, target.Property), stamp, v);
                continue;
            }
            if (!existence.TryGetValue(key, out var e) || stamp > e.Stamp) existence[key] = (stamp, op.Type == OperationType.Insert);
            if (op.Type == OperationType.Insert)
            {
                var props = Properties.Of(target.Kind);
                var fields = new PropertyValue[props.Length];
                if (!PropertySchema.TryParseObject(target.Kind, target.ObjectId!, op.Value!.Value, fields, out _)) continue;
                for (var i = 0; i < props.Length; i++) Write(writes, (key, props[i]), stamp, fields[i]);
            }
        }

        bool Live(string key) => existence.TryGetValue(key, out var e) && e.Alive;
        PropertyValue Get(string key, Property p) => writes[(key, p)].Value;
        IEnumerable<string> ChildrenOf(string parent, TargetKind kind) =>
            kinds.Where(k => k.Value == kind && k.Key.StartsWith(parent + "/", StringComparison.Ordinal)
                && k.Key.Count(ch => ch == '/') == parent.Count(ch => ch == '/') + 1 && Live(k.Key)).Select(k => k.Key);
        static string Id(string key) => key[(key.LastIndexOf('/') + 1)..];

        var tracks = ChildrenOf("", TargetKind.Track).Select(t => new Track(Id(t), Get(t, Property.Name).Text,
                (TrackKind)Get(t, Property.Kind).Integer, Get(t, Property.Instrument).Text, Get(t, Property.Volume).Number,
                Get(t, Property.Pan).Number, Get(t, Property.Mute).Flag, Get(t, Property.Solo).Flag, Get(t, Property.Order).Text,
                ChildrenOf(t, TargetKind.Clip).Select(c => new Clip(Id(c), Get(c, Property.StartBar).Integer, Get(c, Property.LengthBars).Integer,
                    ChildrenOf(c, TargetKind.Note).Select(n => new Note(Id(n), Get(n, Property.Pitch).Integer, Get(n, Property.StartTick).Integer,
                        Get(n, Property.DurationTicks).Integer, Get(n, Property.Velocity).Integer))
                        .OrderBy(n => n.StartTick).ThenBy(n => n.Pitch).ThenBy(n => n.Id, StringComparer.Ordinal).ToList()))
                    .OrderBy(c => c.StartBar).ThenBy(c => c.Id, StringComparer.Ordinal).ToList()))
            .OrderBy(t => t.Order, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();

        PropertyValue? Root(Property p) => writes.TryGetValue(("", p), out var w) ? w.Value : null;
        return new Project(projectId,
            Root(Property.Name)?.Text ?? ProjectDefaults.Name,
            Root(Property.Bpm)?.Number ?? ProjectDefaults.Bpm,
            Root(Property.TimeSignature)?.Meter ?? TimeSignature.Common,
            Root(Property.Key)?.Key ?? MusicalKey.CMajor,
            Root(Property.Swing)?.Number ?? 0,
            tracks);
    }

    static string ObjectKey(OperationTarget t) =>
        (t.TrackId is null ? "" : "/" + t.TrackId) + (t.ClipId is null ? "" : "/" + t.ClipId) + (t.NoteId is null ? "" : "/" + t.NoteId);

    static void Write(Dictionary<(string, Property), (OpStamp, PropertyValue)> writes, (string, Property) key, OpStamp stamp, PropertyValue value)
    {
        if (!writes.TryGetValue(key, out var w) || stamp > w.Item1) writes[key] = (stamp, value);
    }
}
