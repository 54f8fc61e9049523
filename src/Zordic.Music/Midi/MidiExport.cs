using Zordic.Music.Document;
using Zordic.Music.Time;

namespace Zordic.Music.Midi;

/// <summary>
/// Writes a project as a Standard MIDI File, format 1 at 480 ticks per quarter: a conductor track with
/// the project's name, tempo, time signature and key, then one track per project track in display order.
/// </summary>
public static class MidiExport
{
    /// <summary>Melodic tracks take these channels in turn; channel 10 (index 9) is the drums'.</summary>
    static readonly int[] MelodicChannels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

    const byte NoteOff = 0x80, NoteOn = 0x90, ProgramChange = 0xC0;
    const byte TrackName = 0x03, SetTempo = 0x51, TimeSignatureMeta = 0x58, KeySignatureMeta = 0x59;

    /// <summary>The file's bytes. Muted tracks are written too: mute is a mixer setting, not part of the music.</summary>
    public static byte[] ToBytes(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var timeSignature = project.TimeSignature.IsValid ? project.TimeSignature : TimeSignature.Common;
        var tracks = project.Tracks
            .OrderBy(t => t.Order, StringComparer.Ordinal)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        var writer = new MidiWriter(format: 1, trackCount: tracks.Count + 1, Ticks.PerQuarter);
        WriteConductorTrack(writer, project, timeSignature);
        var nextMelodic = 0;
        foreach (var track in tracks)
        {
            var isDrums = track.Kind == TrackKind.Drums;
            // With more than 15 melodic tracks channels are shared; each track keeps its own MTrk chunk,
            // so an import still tells them apart.
            var channel = isDrums ? MidiChannels.Drums : MelodicChannels[nextMelodic++ % MelodicChannels.Length];
            WriteTrack(writer, track, channel, isDrums, timeSignature.TicksPerBar);
        }
        return writer.ToArray();
    }

    static void WriteConductorTrack(MidiWriter writer, Project project, TimeSignature timeSignature)
    {
        writer.BeginTrack();
        writer.WriteText(0, TrackName, project.Name);
        var bpm = double.IsFinite(project.Bpm) && project.Bpm > 0 ? project.Bpm : 120;
        var microsecondsPerQuarter = (int)Math.Clamp(Math.Round(60_000_000.0 / bpm), 1, 0xFF_FFFF);
        writer.WriteMeta(0, SetTempo, [(byte)(microsecondsPerQuarter >> 16), (byte)(microsecondsPerQuarter >> 8), (byte)microsecondsPerQuarter]);
        // 24 MIDI clocks per metronome click and 8 thirty-seconds per quarter: the values everyone writes.
        writer.WriteMeta(0, TimeSignatureMeta, [(byte)timeSignature.Numerator, (byte)int.Log2(timeSignature.Denominator), 24, 8]);
        var key = MidiKeySignature.FromKey(project.Key);
        writer.WriteMeta(0, KeySignatureMeta, [(byte)(sbyte)key.SharpsOrFlats, (byte)(key.IsMinor ? 1 : 0)]);
        writer.EndTrack(0);
    }

    static void WriteTrack(MidiWriter writer, Track track, int channel, bool isDrums, long ticksPerBar)
    {
        writer.BeginTrack();
        writer.WriteText(0, TrackName, track.Name);
        if (!isDrums) writer.WriteChannelMessage(0, ProgramChange | channel, InstrumentPresets.ToGeneralMidiProgram(track.Instrument), 0);

        var events = new List<NoteEvent>();
        foreach (var clip in track.Clips)
        {
            var clipStart = clip.StartBar * ticksPerBar;
            foreach (var note in clip.Notes)
            {
                var start = clipStart + note.StartTick;
                var end = start + Math.Max(1, note.DurationTicks);
                var pitch = Math.Clamp(note.Pitch, DocumentLimits.MinPitch, DocumentLimits.MaxPitch);
                var velocity = Math.Clamp(note.Velocity, DocumentLimits.MinVelocity, DocumentLimits.MaxVelocity);
                events.Add(new NoteEvent(start, IsOn: true, pitch, velocity, end));
                events.Add(new NoteEvent(end, IsOn: false, pitch, 0, end));
            }
        }
        // Offs before ons on the same tick, so that a note ending where the next of its pitch starts stops
        // the old one; ons of one pitch on one tick by their end, so that readers pairing note-offs first in,
        // first out (as players do) give each note back its own length.
        events.Sort(static (a, b) =>
        {
            var order = a.Tick.CompareTo(b.Tick);
            if (order == 0) order = a.IsOn.CompareTo(b.IsOn);
            if (order == 0) order = a.Pitch.CompareTo(b.Pitch);
            if (order == 0) order = a.End.CompareTo(b.End);
            return order;
        });
        long lastTick = 0;
        foreach (var e in events)
        {
            if (e.IsOn) writer.WriteChannelMessage(e.Tick, NoteOn | channel, e.Pitch, e.Velocity);
            else writer.WriteChannelMessage(e.Tick, NoteOff | channel, e.Pitch, 0x40);
            lastTick = e.Tick;
        }
        writer.EndTrack(lastTick);
    }

    readonly record struct NoteEvent(long Tick, bool IsOn, int Pitch, int Velocity, long End);
}
