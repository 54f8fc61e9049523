namespace Zordic.Agents.Beat;

/// <summary>The learned drum styles, by Groove style name ("rock", "funk", "hiphop" …).</summary>
public sealed class BeatModel(IReadOnlyDictionary<string, GrooveStyle> styles)
{
    public IReadOnlyDictionary<string, GrooveStyle> Styles { get; } = styles;

    public GrooveStyle Style(string name) =>
        Styles.TryGetValue(name, out var style) ? style : throw new KeyNotFoundException($"the beat model has no style '{name}'");
}
