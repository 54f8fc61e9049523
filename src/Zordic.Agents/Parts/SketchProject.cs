using Zordic.Music.Document;

namespace Zordic.Agents.Parts;

/// <summary>Turns sketches into a project document (for MIDI export, or for applying as operations).</summary>
public static class SketchProject
{
    /// <summary>A project holding every track of the sketches (tempo, metre and key of the first), one clip per track from bar 0.</summary>
    public static Project ToProject(string name, params Sketch[] sketches)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sketches.Length);
        var first = sketches[0];
        var tracks = new List<Track>();
        var index = 0;
        foreach (var sketch in sketches)
        {
            foreach (var part in sketch.Tracks)
            {
                var notes = part.Notes.Select((n, i) => new Note($"n{index}-{i}", n.Pitch, n.Start, Math.Max(1, n.Duration), Math.Clamp(n.Velocity, 1, 127))).ToList();
                var clip = new Clip($"c{index}", 0, Math.Max(1, sketch.Bars), notes);
                tracks.Add(new Track($"t{index}", part.Name, part.Kind, InstrumentPresets.DefaultFor(part.Kind), 0, 0, false, false, $"a{index:D3}", [clip]));
                index++;
            }
        }
        return new Project("sketch", name, first.Bpm, first.TimeSignature, first.Key, 0, tracks);
    }
}
