using Zordic.Collab.Operations;

namespace Zordic.Collab.Undo;

/// <summary>Says in words what a path points at ("a note's velocity", "a track"), for messages to people.</summary>
public static class PathDescription
{
    public static string Of(IReadOnlyList<string> path)
    {
        if (!OperationTarget.TryParse(path, out var target, out _)) return "something";
        var noun = target.Kind switch
        {
            TargetKind.Track => "a track",
            TargetKind.Clip => "a clip",
            TargetKind.Note => "a note",
            _ => "the project",
        };
        if (!target.IsProperty) return noun;
        var property = target.Property.JsonName().Replace('_', ' ');
        return target.Kind == TargetKind.Project ? $"the project's {property}" : $"{noun}'s {property}";
    }
}
