using Zordic.Agents.Models;

namespace Zordic.Agents.Training;

/// <summary>Refits every agent's model from <c>../shared/data</c>: Groove <c>train</c> for beats, Nottingham <c>train</c> for melody and harmony.</summary>
public static class AgentTrainer
{
    public static AgentModels TrainAll(string dataFolder, Action<string>? progress = null)
    {
        progress?.Invoke("reading the Groove MIDI Dataset (train)");
        var grooves = GrooveCorpus.Load(dataFolder, split => split == "train");
        var beat = BeatTrainer.Train(grooves);
        progress?.Invoke($"beat model: {beat.Styles.Count} styles");
        progress?.Invoke("reading the Nottingham tunes (train)");
        var tunes = NottinghamCorpus.Load(dataFolder, "train");
        var melody = MelodyTrainer.Train(tunes);
        progress?.Invoke($"melody model: {melody.Rhythms.Count} bar rhythms");
        var harmonizer = HarmonizerTrainer.Train(tunes, progress);
        return new AgentModels(beat, melody, harmonizer);
    }

    /// <summary>Writes the model files into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(AgentModels models, string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var (file, json) in models.ToFiles())
        {
            var path = Path.Combine(folder, file);
            File.WriteAllText(path, json);
            paths.Add(path);
        }
        return paths;
    }
}
