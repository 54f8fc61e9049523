using System.Text.Json;
using Zordic.Agents.Beat;
using Zordic.Agents.Harmony;
using Zordic.Agents.Melody;

namespace Zordic.Agents.Models;

/// <summary>
/// The fitted parameters of every agent. <see cref="Default"/> reads the committed files embedded in
/// this assembly (Models/README.md names the data and licences they come from); training makes new ones.
/// </summary>
public sealed record AgentModels(BeatModel Beat, MelodyModel Melody, HarmonizerModel Harmonizer)
{
    public const string BeatFile = "beat.json";
    public const string MelodyFile = "melody.json";
    public const string HarmonizerFile = "harmonizer.json";

    static readonly Lazy<AgentModels> Embedded = new(LoadEmbedded);

    /// <summary>The committed models, loaded once on first use.</summary>
    public static AgentModels Default => Embedded.Value;

    /// <summary>Each model file's name and its JSON text, as training writes them.</summary>
    public IReadOnlyList<(string File, string Json)> ToFiles() =>
    [
        (BeatFile, BeatModelJson.Write(Beat)),
        (MelodyFile, MelodyModelJson.Write(Melody)),
        (HarmonizerFile, HarmonizerModelJson.Write(Harmonizer)),
    ];

    /// <summary>Reads models from files in <paramref name="folder"/> (as <c>./zordic train -o</c> writes them).</summary>
    public static AgentModels Load(string folder) => FromJson(file => File.ReadAllText(Path.Combine(folder, file)));

    /// <summary>The committed file's text, as embedded in this assembly.</summary>
    public static string EmbeddedJson(string file)
    {
        var name = "Zordic.Agents.Models." + file;
        using var stream = typeof(AgentModels).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the model file {file} is not embedded; run ./zordic train");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static AgentModels LoadEmbedded() => FromJson(EmbeddedJson);

    static AgentModels FromJson(Func<string, string> text)
    {
        JsonElement Parse(string file)
        {
            using var doc = JsonDocument.Parse(text(file));
            return doc.RootElement.Clone();
        }
        return new AgentModels(BeatModelJson.Read(Parse(BeatFile)), MelodyModelJson.Read(Parse(MelodyFile)), HarmonizerModelJson.Read(Parse(HarmonizerFile)));
    }
}
