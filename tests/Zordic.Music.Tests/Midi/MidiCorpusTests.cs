using System.Diagnostics;
using Xunit.Abstractions;
using Zordic.Music.Midi;

namespace Zordic.Music.Tests.Midi;

/// <summary>Every file of the shared corpus imports, or is rejected with a <see cref="MidiFormatException"/>, quickly.</summary>
public sealed class MidiCorpusTests(ITestOutputHelper output)
{
    // A hang guard, not a speed test: a file that takes this long is stuck (reading one takes milliseconds; bench/run ops measures speed).
    static readonly TimeSpan PerFileBudget = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Files => MidiCorpus.FilesAsTheoryData();

    [SharedDataTheory("midi")]
    [MemberData(nameof(Files))]
    public async Task Every_file_imports_or_fails_with_a_MidiFormatException_in_bounded_time(string file)
    {
        var bytes = MidiCorpus.Bytes(file);
        var stopwatch = Stopwatch.StartNew();
        // Run on another thread so that a hang fails the test instead of stalling the run.
        var outcome = Task.Run(() =>
        {
            try
            {
                var song = MidiReader.Read(bytes);
                var project = MidiImport.ToProject(song, "p", Path.GetFileNameWithoutExtension(file));
                return $"imported: {project.Tracks.Count} track(s), {song.NoteCount} note(s)";
            }
            catch (MidiFormatException e)
            {
                Assert.Contains(e.Code, KnownCodes);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                return $"rejected {e.Code}: {e.Message}";
            }
        });
        string result;
        try
        {
            result = await outcome.WaitAsync(PerFileBudget);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{file} took longer than {PerFileBudget.TotalSeconds} s to import");
        }
        output.WriteLine($"{file}: {result} ({stopwatch.Elapsed.TotalMilliseconds:F1} ms)");
    }

    static readonly string[] KnownCodes = typeof(MidiErrorCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>Pins how the corpus goes as a whole, so that a reader change that flips any file is noticed.</summary>
    [SharedDataFact("midi")]
    public void The_corpus_imports_358_files_and_rejects_46_with_these_codes()
    {
        var outcomes = new Dictionary<string, int>();
        var slowest = (File: "", Milliseconds: 0.0);
        foreach (var file in MidiCorpus.MidiFiles())
        {
            var bytes = MidiCorpus.Bytes(file);
            var stopwatch = Stopwatch.StartNew();
            string outcome;
            try
            {
                MidiImport.ToProject(MidiReader.Read(bytes), "p", "n");
                outcome = "imported";
            }
            catch (MidiFormatException e)
            {
                outcome = e.Code;
            }
            var ms = stopwatch.Elapsed.TotalMilliseconds;
            if (ms > slowest.Milliseconds) slowest = (file, ms);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        output.WriteLine($"slowest: {slowest.File} {slowest.Milliseconds:F1} ms");
        var expected = new Dictionary<string, int>
        {
            ["imported"] = 358,
            [MidiErrorCodes.Midi2Clip] = 17,
            [MidiErrorCodes.IllegalStatus] = 23,
            [MidiErrorCodes.NotMidi] = 3,
            [MidiErrorCodes.EmptyFile] = 2,
            [MidiErrorCodes.Truncated] = 1,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), outcomes.OrderBy(o => o.Key));
    }

    [SharedDataFact("midi")]
    public void The_file_with_65535_empty_tracks_imports_with_bounded_memory()
    {
        var bytes = MidiCorpus.Bytes("shkyrockett-midi-unit-test-cases/test-cases/tracks/empty-65535-tracks.mid");
        MidiReader.Read(bytes); // warm up the JIT so the allocation count is the reader's own
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var song = MidiReader.Read(bytes);
        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"{stopwatch.Elapsed.TotalMilliseconds:F2} ms, {allocated:N0} bytes allocated");
        Assert.Empty(song.Tracks);
        Assert.Equal(0, song.NoteCount);
        Assert.True(allocated < 256 * 1024, $"reading 65,535 empty tracks allocated {allocated:N0} bytes");
    }
}
