using System.Text.Json;
using Zordic.Agents.Harmony;

namespace Zordic.Agents.Models;

/// <summary>
/// The fitted parameters of every agent. <see cref="Default"/> reads the committed files embedded in
/// this assembly (see Models/README.md for the data and licences they come from); training makes new ones.
/// </summary>
public sealed class AgentModels(HarmonizerModel harmonizer)
{
    static readonly Lazy<AgentModels> Embedded = new(LoadEmbedded);

    /// <summary>The committed models, loaded once on first use.</summary>
    public static AgentModels Default => Embedded.Value;

    public HarmonizerModel Harmonizer { get; } = harmonizer;

    public const string HarmonizerFile = "harmonizer.json";

    static AgentModels LoadEmbedded() => new(HarmonizerModelJson.Read(Resource(HarmonizerFile)));

    static JsonElement Resource(string file)
    {
        var name = "Zordic.Agents.Models." + file;
        using var stream = typeof(AgentModels).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the model file {file} is not embedded; run ./zordic train");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.Clone();
    }
}
