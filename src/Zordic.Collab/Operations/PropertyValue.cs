using Zordic.Music.Theory;
using Zordic.Music.Time;

namespace Zordic.Collab.Operations;

/// <summary>
/// A validated property value, kept small: numbers and booleans in <see cref="Number"/>, names,
/// keys and time signatures in <see cref="Ref"/>.
/// </summary>
public readonly record struct PropertyValue(double Number, object? Ref)
{
    public static PropertyValue Of(double number) => new(number, null);
    public static PropertyValue Of(bool flag) => new(flag ? 1 : 0, null);
    public static PropertyValue Of(string text) => new(0, text);
    public static PropertyValue Of(TimeSignature meter) => new(0, meter);
    public static PropertyValue Of(MusicalKey key) => new(0, key);

    public bool Flag => Number != 0;
    public int Integer => (int)Number;
    public string Text => (string)Ref!;
    public TimeSignature Meter => (TimeSignature)Ref!;
    public MusicalKey Key => (MusicalKey)Ref!;
}
