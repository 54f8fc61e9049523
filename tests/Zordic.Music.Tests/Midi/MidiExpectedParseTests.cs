using Xunit.Abstractions;
using Zordic.Music.Midi;

namespace Zordic.Music.Tests.Midi;

/// <summary>
/// The reader against the corpus's expected parses (<c>*.mid.txt</c>: per track, pitch, start and end in
/// seconds). Those files were written by pretty_midi for Tone.js's test suite, and differ from a player
/// (and from this reader) in two documented ways that the comparison accounts for:
/// <list type="bullet">
/// <item>a note-off stops every sounding note of its pitch, not only the oldest one, so a note overlapped
/// by another of the same pitch ends at the first note-off after its start;</item>
/// <item>a note-on and note-off on the same tick make no note at all (this reader keeps a zero-length note).</item>
/// </list>
/// Pitches, starts, the grouping into tracks and the tempo map are compared as they are.
/// </summary>
public sealed class MidiExpectedParseTests(ITestOutputHelper output)
{
    const double Tolerance = 0.001; // seconds

    // pretty_midi's file for the Bartók covers only its first 7 tracks (of 39 with notes).
    static readonly Dictionary<string, int> PartialExpectations = new() { ["tonejs-midi-test/bartok/concerto_for_orchestra_1.mid"] = 7 };

    public static TheoryData<string> Pieces => MidiCorpus.PiecesWithExpectedParse();

    [SharedDataTheory("midi")]
    [MemberData(nameof(Pieces))]
    public void Notes_match_the_expected_parse(string piece)
    {
        var song = MidiReader.Read(MidiCorpus.Bytes(piece));
        var expected = MidiCorpus.ExpectedParse(piece);
        Assert.NotEmpty(expected);
        if (PartialExpectations.TryGetValue(piece, out var partial)) Assert.Equal(partial, expected.Count);
        else Assert.Equal(expected.Count, song.Tracks.Count);

        var overlapped = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var track = song.Tracks[i];
            Assert.Equal(expected[i].Name, track.Name);
            var ours = AsExpectedParseWouldSee(song, track, ref overlapped);
            var theirs = expected[i].Notes.OrderBy(n => n.Start).ThenBy(n => n.Pitch).ThenBy(n => n.End).ToList();
            Assert.True(theirs.Count == ours.Count, $"track {i} '{track.Name}': {ours.Count} notes, expected {theirs.Count}");
            for (var n = 0; n < ours.Count; n++)
            {
                var (a, b) = (ours[n], theirs[n]);
                Assert.True(a.Pitch == b.Pitch && Math.Abs(a.Start - b.Start) < Tolerance && Math.Abs(a.End - b.End) < Tolerance,
                    $"track {i} '{track.Name}' note {n}: read {a}, expected {b}");
            }
        }
        output.WriteLine($"{song.NoteCount} notes; {overlapped} overlapped by a note of the same pitch (compared by pretty_midi's rule)");
    }

    /// <summary>Our notes of a track, in seconds, with pretty_midi's two rules applied (see the class comment).</summary>
    static List<ExpectedNote> AsExpectedParseWouldSee(MidiSong song, MidiTrack track, ref int overlapped)
    {
        var sounding = track.Notes.Where(n => n.DurationTicks > 0).ToList();
        var endsByPitch = sounding.GroupBy(n => n.Pitch).ToDictionary(g => g.Key, g => g.Select(n => n.EndTick).Order().ToArray());
        var notes = new List<ExpectedNote>(sounding.Count);
        foreach (var note in sounding)
        {
            // Every note-off that stopped a note is some note's end: the first one after this note's start.
            var ends = endsByPitch[note.Pitch];
            var index = Array.BinarySearch(ends, note.StartTick + 1);
            var firstEndAfterStart = ends[index >= 0 ? index : ~index];
            if (firstEndAfterStart != note.EndTick) overlapped++;
            notes.Add(new ExpectedNote(note.Pitch, song.TempoMap.SecondsAt(note.StartTick), song.TempoMap.SecondsAt(firstEndAfterStart)));
        }
        return notes.OrderBy(n => n.Start).ThenBy(n => n.Pitch).ThenBy(n => n.End).ToList();
    }

    [SharedDataFact("midi")]
    public void Notes_match_the_Tonejs_json_of_bach_846_in_ticks_and_seconds()
    {
        // bach_846.json is Tone.js's own parse: ticks at 480 per quarter and seconds per note.
        const string piece = "tonejs-midi-test/bach/bach_846.mid";
        var song = MidiReader.Read(MidiCorpus.Bytes(piece));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(MidiCorpus.Root, "tonejs-midi-test/bach/bach_846.json")));
        var tracks = json.RootElement.GetProperty("tracks").EnumerateArray().Where(t => t.GetProperty("notes").GetArrayLength() > 0).ToList();
        Assert.Equal(tracks.Count, song.Tracks.Count);
        for (var i = 0; i < tracks.Count; i++)
        {
            var theirs = tracks[i].GetProperty("notes").EnumerateArray()
                .Select(n => (Tick: n.GetProperty("ticks").GetInt64(), Duration: n.GetProperty("durationTicks").GetInt64(), Pitch: n.GetProperty("midi").GetInt32(),
                              Time: n.GetProperty("time").GetDouble(), Velocity: (int)Math.Round(n.GetProperty("velocity").GetDouble() * 127)))
                .OrderBy(n => n.Tick).ThenBy(n => n.Pitch).ToList();
            var ours = song.Tracks[i].Notes.OrderBy(n => n.StartTick).ThenBy(n => n.Pitch).ToList();
            Assert.Equal(theirs.Count, ours.Count);
            for (var n = 0; n < ours.Count; n++)
            {
                Assert.Equal((theirs[n].Tick, theirs[n].Duration, theirs[n].Pitch, theirs[n].Velocity), (ours[n].StartTick, ours[n].DurationTicks, ours[n].Pitch, ours[n].Velocity));
                Assert.Equal(theirs[n].Time, song.TempoMap.SecondsAt(ours[n].StartTick), Tolerance);
            }
        }
    }
}
