using Zordic.Collab.Operations;

namespace Zordic.Collab.Replica;

/// <summary>
/// The replicated state of one object (the project, a track, a clip or a note): whether it exists,
/// one register per property, and its children by id. A node can exist before its insert arrives
/// (an update delivered out of order); it is visible only once inserted and while not deleted.
/// Deleting an object hides its children with it; restoring it (an insert of the same id after the
/// delete) brings them back.
/// </summary>
internal sealed class ObjectState(TargetKind kind, string id)
{
    public readonly TargetKind Kind = kind;
    public readonly string Id = id;
    /// <summary>Set by inserts (true) and deletes (false); unset until the insert is seen.</summary>
    public Lww<bool> Alive;
    public readonly Lww<PropertyValue>[] Properties = new Lww<PropertyValue>[Operations.Properties.Of(kind).Length];
    public Dictionary<string, ObjectState>? Children;

    public bool IsLive => Alive.IsSet && Alive.Value;

    public ObjectState Child(TargetKind childKind, string childId) => Child(childKind, childId, out _);

    public ObjectState Child(TargetKind childKind, string childId, out bool created)
    {
        Children ??= new Dictionary<string, ObjectState>(StringComparer.Ordinal);
        created = !Children.TryGetValue(childId, out var child);
        if (created)
        {
            child = new ObjectState(childKind, childId);
            Children.Add(childId, child);
        }
        return child!;
    }

    /// <summary>This node and every node under it.</summary>
    public int CountNodes()
    {
        var count = 1;
        if (Children is null) return count;
        foreach (var child in Children.Values) count += child.CountNodes();
        return count;
    }

    public ObjectState? FindChild(string? childId) =>
        childId is not null && Children is not null && Children.TryGetValue(childId, out var child) ? child : null;

    /// <summary>The register of <paramref name="property"/>, by its slot in <see cref="Operations.Properties.Of"/>.</summary>
    public ref Lww<PropertyValue> Register(Property property) =>
        ref Properties[Operations.Properties.Of(Kind).IndexOf(property)];
}
