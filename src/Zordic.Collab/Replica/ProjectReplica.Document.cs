using Zordic.Collab.Operations;
using Zordic.Music.Document;

namespace Zordic.Collab.Replica;

// The document a replica shows: live objects only, in the order the studio lists them.
public sealed partial class ProjectReplica
{
    /// <summary>The visible document: live objects only, tracks by order, clips by bar, notes by time.</summary>
    public Project ToDocument()
    {
        var tracks = new List<Track>();
        foreach (var t in LiveChildren(_root))
        {
            var clips = new List<Clip>();
            foreach (var c in LiveChildren(t))
            {
                var notes = new List<Note>();
                foreach (var n in LiveChildren(c))
                {
                    notes.Add(new Note(n.Id, Int(n, 0), Int(n, 1), Int(n, 2), Int(n, 3)));
                }
                notes.Sort(static (a, b) => a.StartTick != b.StartTick ? a.StartTick.CompareTo(b.StartTick)
                    : a.Pitch != b.Pitch ? a.Pitch.CompareTo(b.Pitch) : string.CompareOrdinal(a.Id, b.Id));
                clips.Add(new Clip(c.Id, Int(c, 0), Int(c, 1), notes));
            }
            clips.Sort(static (a, b) => a.StartBar != b.StartBar ? a.StartBar.CompareTo(b.StartBar) : string.CompareOrdinal(a.Id, b.Id));
            var p = t.Properties;
            tracks.Add(new Track(t.Id, p[0].Value.Text, (TrackKind)p[1].Value.Integer, p[2].Value.Text, p[3].Value.Number,
                p[4].Value.Number, p[5].Value.Flag, p[6].Value.Flag, p[7].Value.Text, clips));
        }
        tracks.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Order, b.Order);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new Project(ProjectId, RootValue(Property.Name).Text, RootValue(Property.Bpm).Number, RootValue(Property.TimeSignature).Meter,
            RootValue(Property.Key).Key, RootValue(Property.Swing).Number, tracks);

        static int Int(ObjectState node, int slot) => node.Properties[slot].Value.Integer;
    }

    static IEnumerable<ObjectState> LiveChildren(ObjectState node)
    {
        if (node.Children is null) yield break;
        foreach (var child in node.Children.Values)
        {
            if (child.IsLive) yield return child;
        }
    }
}
