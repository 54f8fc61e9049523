using Zordic.Agents.Beat;
using Zordic.Agents.Models;
using Zordic.Agents.Prompting;
using Zordic.Agents.Training;

namespace Zordic.Agents.Tests.Training;

/// <summary>The committed parameter files are what training on ../shared/data gives, byte for byte.</summary>
public sealed class ModelTrainingTests
{
    [SharedDataFact("groove", "nottingham/train")]
    public void Refitting_on_the_shared_data_reproduces_the_committed_models()
    {
        var data = SharedDataFolder.Locate();
        var models = AgentTrainer.TrainAll(data);
        foreach (var (file, json) in models.ToFiles())
            Assert.True(json == AgentModels.EmbeddedJson(file), $"{file} differs from a refit: run ./zordic train and commit src/Zordic.Agents/Models");
    }

    [Fact]
    public void The_committed_models_read_back_to_the_same_files()
    {
        foreach (var (file, json) in AgentModels.Default.ToFiles()) Assert.Equal(AgentModels.EmbeddedJson(file), json);
    }

    [Fact]
    public void The_models_cover_the_groove_styles_the_genres_learn_from()
    {
        foreach (var genre in Genres.All)
            Assert.True(AgentModels.Default.Beat.Styles.ContainsKey(BeatGenerator.LearnedStyle(genre)), genre.ToString());
    }
}
