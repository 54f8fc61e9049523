namespace Zordic.Collab.Operations;

/// <summary>Every property an update can address, with its JSON name.</summary>
public enum Property : byte
{
    None,
    // project
    Name, Bpm, TimeSignature, Key, Swing,
    // track (Name too)
    Kind, Instrument, Volume, Pan, Mute, Solo, Order,
    // clip
    StartBar, LengthBars,
    // note
    Pitch, StartTick, DurationTicks, Velocity,
}

public static class Properties
{
    static readonly Dictionary<string, Property> ByName = new(StringComparer.Ordinal)
    {
        ["name"] = Property.Name, ["bpm"] = Property.Bpm, ["time_signature"] = Property.TimeSignature,
        ["key"] = Property.Key, ["swing"] = Property.Swing, ["kind"] = Property.Kind,
        ["instrument"] = Property.Instrument, ["volume"] = Property.Volume, ["pan"] = Property.Pan,
        ["mute"] = Property.Mute, ["solo"] = Property.Solo, ["order"] = Property.Order,
        ["start_bar"] = Property.StartBar, ["length_bars"] = Property.LengthBars, ["pitch"] = Property.Pitch,
        ["start_tick"] = Property.StartTick, ["duration_ticks"] = Property.DurationTicks, ["velocity"] = Property.Velocity,
    };

    static readonly string[] Names = BuildNames();

    static string[] BuildNames()
    {
        var names = new string[Enum.GetValues<Property>().Length];
        names[0] = "";
        foreach (var (name, property) in ByName) names[(int)property] = name;
        return names;
    }

    public static string JsonName(this Property property) => Names[(int)property];

    public static bool TryParse(string name, out Property property) => ByName.TryGetValue(name, out property);

    /// <summary>The properties an object of <paramref name="target"/>'s kind has, in canonical order.</summary>
    public static ReadOnlySpan<Property> Of(TargetKind target) => target switch
    {
        TargetKind.Project => ProjectProperties,
        TargetKind.Track => TrackProperties,
        TargetKind.Clip => ClipProperties,
        _ => NoteProperties,
    };

    static readonly Property[] ProjectProperties = [Property.Name, Property.Bpm, Property.TimeSignature, Property.Key, Property.Swing];
    static readonly Property[] TrackProperties = [Property.Name, Property.Kind, Property.Instrument, Property.Volume, Property.Pan, Property.Mute, Property.Solo, Property.Order];
    static readonly Property[] ClipProperties = [Property.StartBar, Property.LengthBars];
    static readonly Property[] NoteProperties = [Property.Pitch, Property.StartTick, Property.DurationTicks, Property.Velocity];
}
