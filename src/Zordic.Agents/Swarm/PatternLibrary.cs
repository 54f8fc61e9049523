using System.Text.Json;
using Zordic.AgentDb;
using Zordic.AgentDb.Collections;
using Zordic.AgentDb.Filters;
using Zordic.Agents.Beat;
using Zordic.Agents.Harmony;
using Zordic.Agents.Parts;
using Zordic.Agents.Visual;

namespace Zordic.Agents.Swarm;

/// <summary>
/// The agents' patterns in AgentDb (seed §1 and §3): every beat, melody and progression made is kept
/// with its embedding and metadata, so the next one can look for similar ones; feedback on
/// suggestions goes to <c>learning_traces</c>; visual templates live in <c>visual_templates</c>.
/// </summary>
public sealed class PatternLibrary(AgentDatabase db, TimeProvider? clock = null)
{
    readonly TimeProvider _clock = clock ?? TimeProvider.System;

    long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task StoreBeatAsync(string id, DrumBeat beat, ComposeRequest request, float[] embedding, CancellationToken ct)
    {
        var beats = await db.CollectionAsync("beat_patterns", ct);
        await beats.InsertAsync(AgentDocument.Create(id, embedding, new
        {
            type = "beat",
            genre = beat.Prompt.Genre.ToString().ToLowerInvariant(),
            bpm = beat.Sketch.Bpm,
            key = beat.Sketch.Key.ToString(),
            duration_bars = beat.Sketch.Bars,
            prompt = request.Prompt,
            seed = request.Seed,
            project_id = request.ProjectId,
            created_by = request.RequestedBy,
            kick_steps = beat.Bars.Select(b => (int)b.Kick).ToArray(),
            accents = beat.Accents.ToArray(),
            source = beat.Source,
            is_public = false,
            rating = 0.0,
            usage_count = 0,
            created_at = Now,
        }), ct);
    }

    /// <summary>The seed's <c>findOne({ id })</c> on <c>beat_patterns</c>.</summary>
    public async Task<AgentDocument?> FindBeatAsync(string id, CancellationToken ct) =>
        await (await db.CollectionAsync("beat_patterns", ct)).FindOneAsync(Filter.FromObject(new { id }), ct);

    /// <summary>
    /// The seed's search of <c>melody_patterns</c>: nearest to the beat, in its key and length; melodies
    /// someone discarded are left out.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<GeneratedNote>>> SimilarMelodiesAsync(float[] beatEmbedding, string key, int bars, CancellationToken ct)
    {
        var melodies = await db.CollectionAsync("melody_patterns", ct);
        var filter = new Dictionary<string, object>
        {
            ["key"] = key,
            ["duration_bars"] = bars,
            ["feedback"] = new Dictionary<string, string> { ["$ne"] = "discarded" },
        };
        var hits = await melodies.SearchAsync(beatEmbedding, 5, Filter.FromObject(filter), ct);
        return [.. hits.Select(h => NotesOf(h.Metadata))];
    }

    public async Task StoreMelodyAsync(string id, Sketch melody, string beatPatternId, float[] embedding, CancellationToken ct)
    {
        var melodies = await db.CollectionAsync("melody_patterns", ct);
        await melodies.InsertAsync(AgentDocument.Create(id, embedding, new
        {
            type = "melody",
            key = melody.Key.ToString(),
            duration_bars = melody.Bars,
            bpm = melody.Bpm,
            beat_pattern_id = beatPatternId,
            rating = 0.0,
            usage_count = 0,
            notes = melody.Tracks.SelectMany(t => t.Notes).Select(n => new[] { n.Pitch, n.Start, n.Duration, n.Velocity }).ToArray(),
            created_at = Now,
        }), ct);
    }

    /// <param name="beatPatternId">The beat it answers, or null.</param>
    /// <param name="melodyTrackId">The track whose melody it harmonizes, or null.</param>
    public async Task StoreHarmonyAsync(string id, ChordProgression harmony, string? beatPatternId, string? melodyTrackId, float[] embedding, CancellationToken ct)
    {
        var progressions = await db.CollectionAsync("harmony_patterns", ct);
        var flats = harmony.Sketch.Key.PrefersFlats;
        await progressions.InsertAsync(AgentDocument.Create(id, embedding, new
        {
            type = "harmony",
            key = harmony.Sketch.Key.ToString(),
            duration_bars = harmony.Sketch.Bars,
            beat_pattern_id = beatPatternId,
            melody_track_id = melodyTrackId,
            rating = 0.0,
            usage_count = 0,
            chords = harmony.Chords.Select(c => new { start = c.Start, duration = c.Duration, symbol = c.Chord.Symbol(flats) }).ToArray(),
            created_at = Now,
        }), ct);
    }

    /// <summary>
    /// A suggestion was kept or discarded: a learning trace (seed §3: what was asked, what was done, whether
    /// the user kept it), and the pattern's own record learns it too (<see cref="RateAsync"/>).
    /// </summary>
    /// <param name="agentType">The suggestion's kind: <c>beat</c>, <c>melody</c> or <c>harmony</c>.</param>
    /// <param name="suggestionId">The suggestion, which is the id of its pattern.</param>
    public async Task RecordFeedbackAsync(string agentType, string task, string suggestionId, string userId, bool kept, CancellationToken ct)
    {
        await RateAsync(agentType, suggestionId, kept, ct);
        var traces = await db.CollectionAsync("learning_traces", ct);
        await traces.InsertAsync(AgentDocument.Create(Guid.CreateVersion7().ToString(), TextEmbedding.Of($"{agentType} {task}"), new
        {
            agent_type = agentType,
            task,
            suggestion_id = suggestionId,
            user_id = userId,
            actions_taken = new[] { new { type = "generate" }, new { type = kept ? "accept" : "reject" } },
            success = kept,
            reward = kept ? 1.0 : -1.0,
            created_at = Now,
        }), ct);
    }

    /// <summary>
    /// Lets go of the patterns of suggestions nobody kept or discarded: older than <paramref name="keepFor"/>,
    /// or beyond the newest <paramref name="keepAtMost"/> of each kind, so that composing does not grow the
    /// database forever. Answered patterns are what the agents learn from, and stay. Returns how many went.
    /// </summary>
    public async Task<int> ForgetUnansweredAsync(TimeSpan keepFor, int keepAtMost, CancellationToken ct)
    {
        var unanswered = Filter.Parse("""{"feedback": {"$exists": false}}""");
        var cutoff = Now - (long)keepFor.TotalMilliseconds;
        var stale = Filter.Parse($$$"""{"feedback": {"$exists": false}, "created_at": {"$lt": {{{cutoff}}}}}""");
        var forgotten = 0;
        foreach (var kind in new[] { "beat", "melody", "harmony" })
        {
            var collection = await db.CollectionAsync(kind + "_patterns", ct);
            forgotten += await collection.DeleteManyAsync(stale, ct);
            var excess = await collection.CountAsync(unanswered, ct) - keepAtMost;
            if (excess <= 0) continue;
            foreach (var oldest in await collection.FindAsync(unanswered, SortOrder.By("created_at"), limit: excess, cancellation: ct))
            {
                if (await collection.DeleteAsync(oldest.Id, ct)) forgotten++;
            }
        }
        return forgotten;
    }

    // The seed's pattern fields: the rating moves by the answer's reward (+1 kept, −1 discarded), a kept
    // pattern counts a use, and "feedback" holds the answer, which keeps a discarded melody from
    // inspiring the next ones (SimilarMelodiesAsync).
    async Task RateAsync(string kind, string patternId, bool kept, CancellationToken ct)
    {
        var collection = await db.CollectionAsync(kind + "_patterns", ct);
        if (await collection.GetAsync(patternId, ct) is not { } pattern) return;
        var metadata = JsonSerializer.SerializeToNode(pattern.Metadata)!.AsObject();
        metadata["rating"] = (metadata["rating"]?.GetValue<double>() ?? 0) + (kept ? 1 : -1);
        metadata["usage_count"] = (metadata["usage_count"]?.GetValue<int>() ?? 0) + (kept ? 1 : 0);
        metadata["feedback"] = kept ? "kept" : "discarded";
        await collection.UpsertAsync(pattern with { Metadata = JsonSerializer.SerializeToElement(metadata) }, ct);
    }

    /// <summary>Puts one template per effect family into <c>visual_templates</c> when it is empty.</summary>
    public async Task SeedVisualTemplatesAsync(CancellationToken ct)
    {
        var templates = await db.CollectionAsync("visual_templates", ct);
        if (await templates.CountAsync(null, ct) > 0) return;
        var samples = new (string Instrument, int Pitch, string Animation, double[] Keyframes)[]
        {
            ("kick", 36, "pulse-out", [0, 1, 0.2, 0]),
            ("snare", 38, "strobe", [1, 0.3, 0]),
            ("hat", 42, "sparkle", [0.6, 0.9, 0.1, 0]),
            ("bass", 40, "ripple-rings", [0, 0.8, 0.4, 0]),
            ("chords", 60, "slow-bloom", [0, 0.5, 0.8, 0.6, 0]),
            ("lead", 72, "sine-trail", [0.2, 1, 0.5, 0]),
        };
        var docs = samples.Select(s =>
        {
            var audio = new AudioEvent(s.Instrument, 100, VisualMappings.MidiToFrequency(s.Pitch), 0, 0.25);
            return AgentDocument.Create($"template-{s.Instrument}", Embeddings.PatternEmbeddings.AudioEvent(audio), new
            {
                effect_type = VisualEffects.EffectFor(s.Instrument).ToString().ToLowerInvariant(),
                animation_style = s.Animation,
                keyframes = s.Keyframes,
            });
        }).ToList();
        await templates.InsertManyAsync(docs, ct);
    }

    /// <summary>The seed's template search: nearest to the audio event, of its effect family.</summary>
    public async Task<IReadOnlyList<SearchHit>> VisualTemplatesAsync(float[] embedding, EffectType type, CancellationToken ct)
    {
        var templates = await db.CollectionAsync("visual_templates", ct);
        return await templates.SearchAsync(embedding, 3, Filter.FromObject(new { effect_type = type.ToString().ToLowerInvariant() }), ct);
    }

    static IReadOnlyList<GeneratedNote> NotesOf(JsonElement metadata) =>
        metadata.TryGetProperty("notes", out var notes)
            ? [.. notes.EnumerateArray().Select(n => new GeneratedNote(n[0].GetInt32(), n[1].GetInt32(), n[2].GetInt32(), n[3].GetInt32()))]
            : [];
}
