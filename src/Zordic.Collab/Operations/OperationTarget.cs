namespace Zordic.Collab.Operations;

/// <summary>The kind of object a path leads to.</summary>
public enum TargetKind { Project, Track, Clip, Note }

/// <summary>
/// A parsed path: which object (by the ids along the way) and, for updates, which property.
/// <c>["tracks", T, "clips", C, "notes", N, "velocity"]</c> is a note target with property Velocity.
/// </summary>
public readonly record struct OperationTarget(TargetKind Kind, string? TrackId, string? ClipId, string? NoteId, Property Property)
{
    public bool IsProperty => Property != Property.None;

    /// <summary>The id of the object itself (null for the project).</summary>
    public string? ObjectId => Kind switch
    {
        TargetKind.Track => TrackId,
        TargetKind.Clip => ClipId,
        TargetKind.Note => NoteId,
        _ => null,
    };

    public static bool TryParse(IReadOnlyList<string>? path, out OperationTarget target, out Rejection? rejection)
    {
        target = default;
        rejection = null;
        if (path is null || path.Count == 0)
        {
            rejection = new(RejectionCodes.InvalidPath, "path is empty: it must name a project property or an object, e.g. [\"bpm\"] or [\"tracks\", id].");
            return false;
        }
        if (path.Count == 1)
        {
            if (Properties.TryParse(path[0], out var p) && Properties.Of(TargetKind.Project).Contains(p))
            {
                target = new(TargetKind.Project, null, null, null, p);
                return true;
            }
            rejection = new(RejectionCodes.InvalidPath, $"'{path[0]}' is not a project property (name, bpm, time_signature, key, swing).");
            return false;
        }
        // Walk tracks/T[/clips/C[/notes/N]][/property]
        ReadOnlySpan<string> collections = ["tracks", "clips", "notes"];
        var ids = new string?[3];
        var depth = 0;
        var i = 0;
        while (i < path.Count)
        {
            if (depth < 3 && path[i] == collections[depth])
            {
                if (i + 1 >= path.Count)
                {
                    rejection = new(RejectionCodes.InvalidPath, $"'{path[i]}' must be followed by an id.");
                    return false;
                }
                if (!IsValidId(path[i + 1]))
                {
                    rejection = new(RejectionCodes.InvalidPath, $"'{Shorten(path[i + 1])}' is not a valid id (1–64 letters, digits, '-', '_', ':' or '.'); paths address objects by id, never by index.");
                    return false;
                }
                ids[depth++] = path[i + 1];
                i += 2;
                continue;
            }
            break;
        }
        if (depth == 0)
        {
            rejection = new(RejectionCodes.InvalidPath, $"'{Shorten(path[0])}' is not a project property or collection (tracks).");
            return false;
        }
        var kind = (TargetKind)depth;
        var property = Property.None;
        if (i < path.Count)
        {
            if (i != path.Count - 1)
            {
                rejection = new(RejectionCodes.InvalidPath, $"path continues after '{Shorten(path[i])}'; expected {(depth < 3 ? $"'{collections[depth]}' or " : "")}a property name at the end.");
                return false;
            }
            if (!Properties.TryParse(path[i], out property) || property == Property.None || !Properties.Of(kind).Contains(property))
            {
                var allowed = string.Join(", ", Properties.Of(kind).ToArray().Select(p => p.JsonName()));
                rejection = new(RejectionCodes.InvalidPath, $"'{Shorten(path[i])}' is not a property of a {kind.ToString().ToLowerInvariant()} ({allowed}).");
                return false;
            }
        }
        target = new(kind, ids[0], ids[1], ids[2], property);
        return true;
    }

    /// <summary>Ids are short printable tokens (UUIDs fit), so they are safe in paths, logs and URLs.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > Zordic.Music.Document.DocumentLimits.MaxIdLength) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.')) return false;
        }
        return true;
    }

    internal static string Shorten(string? s) => s is null ? "null" : s.Length <= 40 ? s : s[..40] + "…";
}
