using System.Text.Json;

namespace Zordic.Server.Tests;

/// <summary>The zordic command as a user runs it: a real process, its stdout, stderr and exit code.</summary>
public sealed class CliTests
{
    [SharedDataFact("midi/tonejs-midi-test/debussy")]
    public async Task Import_then_export_gives_back_the_same_notes()
    {
        var data = Directory.CreateTempSubdirectory("zordic-cli-").FullName;
        var source = SharedData.Path("midi/tonejs-midi-test/debussy/");
        var file = Directory.GetFiles(source, "*.mid").OrderBy(f => f, StringComparer.Ordinal).First();
        var (code, stdout, stderr) = await ZordicProcess.RunAsync("import", file, "--data-dir", data);
        Assert.True(code == 0, stderr);
        var id = stdout.Trim();
        Assert.Matches("^[0-9a-f-]{36}$", id);

        var exported = Path.Combine(data, "out.mid");
        (code, _, stderr) = await ZordicProcess.RunAsync("export", id, "-o", exported, "--data-dir", data);
        Assert.True(code == 0, stderr);
        (code, stdout, stderr) = await ZordicProcess.RunAsync("import", exported, "--json", "--data-dir", data);
        Assert.True(code == 0, stderr);
        var second = JsonDocument.Parse(stdout).RootElement.GetProperty("id").GetString()!;

        await using var studio = await StudioHost.StartAsync(data);
        var original = await studio.GetJsonAsync($"/api/projects/{id}");
        var roundTripped = await studio.GetJsonAsync($"/api/projects/{second}");
        Assert.NotEmpty(MidiApiTests.Notes(original));
        Assert.Equal(MidiApiTests.Notes(original), MidiApiTests.Notes(roundTripped));
    }

    [SharedDataFact("midi/tonejs-midi-test/beat.mid")]
    public async Task Import_goes_through_a_server_running_on_the_same_data()
    {
        var data = Directory.CreateTempSubdirectory("zordic-cli-").FullName;
        await using var server = await ZordicProcess.ServeAsync(data);
        var (code, stdout, stderr) = await ZordicProcess.RunAsync("import", SharedData.Path("midi/tonejs-midi-test/beat.mid"), "--data-dir", data, "--name", "Live");
        Assert.True(code == 0, stderr);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        // The running server sees the project at once: it made it.
        var project = JsonDocument.Parse(await http.GetStringAsync($"/api/projects/{stdout.Trim()}")).RootElement;
        Assert.Equal("Live", project.GetProperty("name").GetString());
        Assert.Equal(390, MidiApiTests.Notes(project).Count);
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_says_so_in_one_line()
    {
        var data = Directory.CreateTempSubdirectory("zordic-cli-").FullName;
        await using var server = await ZordicProcess.ServeAsync(data);
        var port = new Uri(server.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, stdout, stderr) = await ZordicProcess.RunAsync("serve", "--port", port, "--data-dir", Directory.CreateTempSubdirectory("zordic-cli-").FullName);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"zordic: cannot listen on 127.0.0.1:{port}", line);
    }

    [SharedDataFact("nottingham/tune/midi/melody/ashover14.mid")]
    public async Task Generate_compose_and_harmonize_print_the_issues_json_shapes_and_write_midi()
    {
        var data = Directory.CreateTempSubdirectory("zordic-cli-").FullName;
        var (code, stdout, stderr) = await ZordicProcess.RunAsync("generate", "beat", "--prompt", "four on the floor house 124", "--seed", "3", "--json", "--data-dir", data);
        Assert.True(code == 0, stderr);
        var beat = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal((124.0, "4/4", 480), (beat.GetProperty("bpm").GetDouble(), beat.GetProperty("time_signature").GetString(), beat.GetProperty("ppq").GetInt32()));
        var drums = beat.GetProperty("tracks").EnumerateArray().Single();
        Assert.Equal("drums", drums.GetProperty("kind").GetString());
        var kicks = drums.GetProperty("notes").EnumerateArray().Where(n => n.GetProperty("pitch").GetInt32() == 36).Select(n => n.GetProperty("start").GetInt32()).ToList();
        Assert.Contains(kicks, k => k < 60); // four on the floor: a kick on the downbeat (humanized by a few ticks)
        (code, var again, _) = await ZordicProcess.RunAsync("generate", "beat", "--prompt", "four on the floor house 124", "--seed", "3", "--json", "--data-dir", data);
        Assert.Equal(stdout, again);

        var song = Path.Combine(data, "song.mid");
        (code, stdout, stderr) = await ZordicProcess.RunAsync("compose", "--prompt", "boom bap 90", "--seed", "5", "--json", "-o", song, "--data-dir", data);
        Assert.True(code == 0, stderr);
        var composed = JsonDocument.Parse(stdout).RootElement;
        foreach (var part in new[] { "beat", "melody", "harmony" }) Assert.Equal(90, composed.GetProperty(part).GetProperty("bpm").GetDouble());
        Assert.True(composed.GetProperty("timings_ms").GetProperty("total").GetDouble() > 0);
        Assert.Equal(["drums", "chords", "bass", "melody"], Zordic.Music.Midi.MidiReader.Read(File.ReadAllBytes(song)).Tracks.Where(t => t.Notes.Count > 0).Select(t => t.IsDrums ? "drums" : t.Name?.ToLowerInvariant()));

        // A Nottingham melody: the key and chords, contiguous, at 480 ticks per quarter; -o adds chords and a bass to it.
        // Its notes alone sound like D major; its key signature says A major, and so do its chords (A, D, E).
        var melody = SharedData.Path("nottingham/tune/midi/melody/ashover14.mid");
        var harmonized = Path.Combine(data, "harmonized.mid");
        (code, stdout, stderr) = await ZordicProcess.RunAsync("harmonize", melody, "--json", "-o", harmonized, "--data-dir", data);
        Assert.True(code == 0, stderr);
        var harmony = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("A major", harmony.GetProperty("key").GetString());
        var chords = harmony.GetProperty("chords").EnumerateArray().ToList();
        Assert.Equal("A", chords[0].GetProperty("symbol").GetString());
        Assert.True(chords.Count > 8);
        for (var i = 1; i < chords.Count; i++)
            Assert.Equal(chords[i - 1].GetProperty("start").GetInt64() + chords[i - 1].GetProperty("duration").GetInt64(), chords[i].GetProperty("start").GetInt64());
        Assert.All(chords, c => Assert.Matches("^[A-G][#b]?(m|dim|aug|7|m7|maj7)?$", c.GetProperty("symbol").GetString()));
        var written = Zordic.Music.Midi.MidiReader.Read(File.ReadAllBytes(harmonized)).Tracks.Where(t => t.Notes.Count > 0).ToList();
        Assert.Equal(["Melody", "Chords", "Bass"], written.Select(t => t.Name));
        Assert.Equal(Zordic.Music.Midi.MidiReader.Read(File.ReadAllBytes(melody)).Tracks.Sum(t => t.Notes.Count), written[0].Notes.Count);
    }

    [Theory]
    [InlineData(new[] { "harmonize", "/no/such/melody.mid" }, 1, "no such file")]
    [InlineData(new[] { "generate", "beat", "--prompt", "hello there" }, 1, "genre")]
    [InlineData(new[] { "export", "no-such-project", "-o", "x.mid" }, 1, "no project")]
    [InlineData(new[] { "import", "/no/such/file.mid" }, 1, "no such file")]
    [InlineData(new[] { "export", "p" }, 2, "--output")]
    [InlineData(new[] { "play" }, 2, "play")]
    [InlineData(new[] { "serve", "--port", "99999" }, 2, "port")]
    public async Task Errors_are_one_line_on_stderr_with_a_non_zero_exit_code(string[] args, int exitCode, string mention)
    {
        var data = Directory.CreateTempSubdirectory("zordic-cli-").FullName;
        var (code, stdout, stderr) = await ZordicProcess.RunAsync([.. args, "--data-dir", data]);
        Assert.Equal(exitCode, code);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("zordic: ", lines[0]);
        Assert.Contains(mention, lines[0]);
    }
}
