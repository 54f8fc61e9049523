using Zordic.Agents.Runtime;

namespace Zordic.Agents.Tests.Runtime;

public sealed class TopicPatternTests
{
    [Theory]
    [InlineData("beat.created", "beat.created", true)]
    [InlineData("beat.created", "beat.updated", false)]
    [InlineData("beat.*", "beat.created", true)]
    [InlineData("beat.*", "beat", false)]
    [InlineData("beat.*", "beat.created.v2", false)]
    [InlineData("*.created", "melody.created", true)]
    [InlineData("visual.#", "visual", true)]
    [InlineData("visual.#", "visual.render.now", true)]
    [InlineData("#", "anything.at.all", true)]
    [InlineData("beat.created", "beat.created.response", false)]
    public void Patterns_match_topics_segment_by_segment(string pattern, string topic, bool matches) =>
        Assert.Equal(matches, new TopicPattern(pattern).Matches(topic));

    [Theory]
    [InlineData("")]
    [InlineData("beat..created")]
    [InlineData("#.created")]
    [InlineData("beat.cre*")]
    public void Bad_patterns_are_refused(string pattern) => Assert.Throws<ArgumentException>(() => new TopicPattern(pattern));
}
