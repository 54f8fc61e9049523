using System.Collections.Concurrent;
using System.Text.Json;
using Zordic.Agents.Parts;
using Zordic.Agents.Runtime;
using Zordic.Agents.Swarm;
using Zordic.Collab;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Undo;
using Zordic.Music.Document;
using Zordic.Server.Fanout;
using Zordic.Server.Hubs;

namespace Zordic.Server.Agents;

/// <summary>
/// Where the agents' answers meet the session: each <c>beat.created</c>, <c>melody.suggested</c> and
/// <c>harmony.suggested</c> for a project (answering a prompt, or a melody to harmonize) becomes a
/// <see cref="Suggestion"/> sent to everyone in it as <c>agent:suggestion</c>. Accepting one applies its
/// tracks as operations of the agent's user (<c>agent:melody</c> …), filed in the accepting person's undo
/// history so Ctrl+Z takes them back; accepting or rejecting is stored as feedback in <c>learning_traces</c>.
/// </summary>
public sealed class SuggestionBoard : IDisposable
{
    static readonly TimeSpan Keep = TimeSpan.FromHours(2);
    /// <summary>Open suggestions per project and in all: the oldest go first beyond these.</summary>
    public const int MaxOpenPerProject = 50, MaxOpen = 5_000;
    readonly ConcurrentDictionary<string, Suggestion> _open = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, RequestWaiter> _requests = new(StringComparer.Ordinal);
    readonly StudioAgents _agents;
    readonly ProjectCatalog _catalog;
    readonly UndoHistories _undo;
    readonly SessionFanout _fanout;
    readonly TimeProvider _clock;
    readonly IDisposable[] _subscriptions;

    public SuggestionBoard(StudioAgents agents, ProjectCatalog catalog, UndoHistories undo, SessionFanout fanout, TimeProvider clock)
    {
        _agents = agents;
        _catalog = catalog;
        _undo = undo;
        _fanout = fanout;
        _clock = clock;
        _subscriptions =
        [
            agents.Bus.Subscribe(new TopicPattern(AgentTopics.BeatCreated), m => OnSuggestedAsync(m, "beat")),
            agents.Bus.Subscribe(new TopicPattern(AgentTopics.MelodySuggested), m => OnSuggestedAsync(m, "melody")),
            agents.Bus.Subscribe(new TopicPattern(AgentTopics.HarmonySuggested), m => OnSuggestedAsync(m, "harmony")),
        ];
    }

    /// <summary>Asks the agents for music for a project; the task completes when all three parts are in, or at the timeout.</summary>
    public Task<(string RequestId, IReadOnlyList<Suggestion> Suggestions)> ComposeAsync(string projectId, string prompt, long seed, string userId, TimeSpan wait, CancellationToken ct) =>
        AskAsync(requestId => new ComposeRequest(prompt, seed, projectId, userId).ToBeatRequest("studio", requestId), kinds: 3, wait, ct);

    /// <summary>
    /// Asks the harmony agent for chords and a bass line to the melody of one of the project's tracks; the
    /// task completes when they are in, or at the timeout. A refusal (no such track, a drum track, no notes)
    /// asks nothing.
    /// </summary>
    public async Task<(string RequestId, IReadOnlyList<Suggestion> Suggestions)> HarmonizeAsync(string projectId, string trackId, string userId, TimeSpan wait, CancellationToken ct)
    {
        var document = (await _catalog.GetAsync(projectId, ct) ?? throw new ProjectNotFoundException(projectId)).Document;
        var track = document.Tracks.FirstOrDefault(t => t.Id == trackId)
            ?? throw new HarmonizeRefusedException(HarmonizeRefusedException.UnknownTrack, $"there is no track '{trackId}' in this project");
        var melody = MelodyOf(document, track);
        var request = new ComposeRequest($"Chords for {track.Name}", 0, projectId, userId);
        var data = JsonSerializer.SerializeToElement(SketchJson.ToMessageJson(melody));
        return await AskAsync(requestId => new HarmonizeRequest(request, trackId, data).ToMessage("studio", requestId), kinds: 1, wait, ct);
    }

    // The track's notes where the song plays them (clip by clip, cut at each clip's end), as a one-part sketch.
    static Sketch MelodyOf(Project document, Track track)
    {
        if (track.Kind == TrackKind.Drums)
            throw new HarmonizeRefusedException(HarmonizeRefusedException.NotAMelody, $"'{track.Name}' is a drum track: choose a track with a melody to harmonize");
        var barTicks = document.TimeSignature.TicksPerBar;
        var notes = new List<GeneratedNote>();
        foreach (var clip in track.Clips)
        {
            var clipStart = clip.StartBar * barTicks;
            var clipEnd = clip.LengthBars * barTicks;
            foreach (var n in clip.Notes)
            {
                if (n.StartTick >= clipEnd) continue;
                notes.Add(new GeneratedNote(n.Pitch, (int)(clipStart + n.StartTick), (int)Math.Min(n.DurationTicks, clipEnd - n.StartTick), n.Velocity));
            }
        }
        if (notes.Count == 0) throw new HarmonizeRefusedException(HarmonizeRefusedException.NotAMelody, $"'{track.Name}' has no notes to harmonize");
        notes.Sort(static (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.Pitch.CompareTo(x.Pitch));
        var bars = (int)Math.Clamp((notes.Max(n => (long)n.End) + barTicks - 1) / barTicks, 1, DocumentLimits.MaxClipLengthBars);
        return new Sketch(document.Bpm, document.TimeSignature, document.Key, bars, [new GeneratedPart(track.Name, track.Kind, notes)]);
    }

    async Task<(string RequestId, IReadOnlyList<Suggestion> Suggestions)> AskAsync(Func<string, AgentMessage> message, int kinds, TimeSpan wait, CancellationToken ct)
    {
        var requestId = Guid.CreateVersion7().ToString();
        var waiter = new RequestWaiter(kinds);
        _requests[requestId] = waiter;
        try
        {
            await _agents.Engine.PublishAsync(message(requestId), ct);
            try
            {
                await waiter.Complete.Task.WaitAsync(wait, _clock, ct);
            }
            catch (TimeoutException)
            {
                // Answer with what arrived; the rest still reaches the session as agent:suggestion.
            }
            return (requestId, waiter.Snapshot());
        }
        finally
        {
            _requests.TryRemove(requestId, out _);
        }
    }

    ValueTask OnSuggestedAsync(AgentMessage message, string kind)
    {
        if (message.Payload.Data is not { } data || message.Payload.PatternId is not { } patternId) return ValueTask.CompletedTask;
        ComposeRequest request;
        JsonElement sketchJson;
        if (kind == "beat")
        {
            var beat = data.Deserialize<BeatCreated>(AgentJson.Options)!;
            (request, sketchJson) = (beat.Request, beat.Sketch);
        }
        else
        {
            var part = data.Deserialize<PartSuggested>(AgentJson.Options)!;
            (request, sketchJson) = (part.Request, part.Sketch);
        }
        if (request.ProjectId is not { } projectId) return ValueTask.CompletedTask;
        var sketch = SketchJson.FromJson(sketchJson);
        var suggestion = new Suggestion(patternId, projectId, message.From, kind, message.CorrelationId, request.Prompt, request.RequestedBy,
            sketch.Bpm, sketch.Key.ToString(), sketch.Bars, sketchJson, _clock.GetUtcNow());
        _open[suggestion.SuggestionId] = suggestion;
        Forget(old: _clock.GetUtcNow() - Keep, projectId);
        if (_requests.TryGetValue(message.CorrelationId, out var waiter)) waiter.Add(suggestion);
        _fanout.Broadcast(projectId, HubEvents.AgentSuggestion, suggestion, Delivery.Ordered);
        return ValueTask.CompletedTask;
    }

    public Suggestion? Find(string projectId, string suggestionId) =>
        _open.TryGetValue(suggestionId, out var s) && s.ProjectId == projectId ? s : null;

    /// <summary>Applies a suggestion's tracks and key (and a beat's tempo) to the project as the agent's user.</summary>
    public async Task<IReadOnlyList<OperationResult>?> AcceptAsync(string projectId, string suggestionId, string userId, CancellationToken ct)
    {
        if (Find(projectId, suggestionId) is not { } suggestion || !_open.TryRemove(suggestionId, out _)) return null;
        var sketch = SketchJson.FromJson(suggestion.Sketch);
        var agentUser = AgentIds.UserOf(suggestion.Agent);
        var results = await _catalog.EditAsync(projectId, agentUser, session =>
        {
            var document = session.Replica.ToDocument();
            var ops = new List<CollaborativeOperation>();
            // Every part is written in its key, so the song takes it (the piano roll's scale follows); the
            // tempo is the beat's to set.
            if (suggestion.Kind == "beat" && document.Bpm != sketch.Bpm)
                ops.Add(session.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(sketch.Bpm)));
            if (document.Key != sketch.Key)
                ops.Add(session.Next(OperationType.Update, ["key"], PropertyJson.ToJson(Property.Key, PropertyValue.Of(sketch.Key))));
            var orders = FractionalIndex.Spread(document.Tracks.LastOrDefault()?.Order, null, sketch.Tracks.Count);
            for (var i = 0; i < sketch.Tracks.Count; i++)
            {
                var part = sketch.Tracks[i];
                var notes = part.Notes.Select(n => new Note(Guid.CreateVersion7().ToString(), n.Pitch, n.Start, Math.Max(1, n.Duration), Math.Clamp(n.Velocity, 1, 127))).ToList();
                var clip = new Clip(Guid.CreateVersion7().ToString(), 0, Math.Clamp(sketch.Bars, 1, DocumentLimits.MaxClipLengthBars), notes);
                var track = new Track(Guid.CreateVersion7().ToString(), part.Name, part.Kind, InstrumentPresets.DefaultFor(part.Kind), 0, 0, false, false, orders[i], [clip]);
                ops.AddRange(session.NextInsertsOf(track));
            }
            return ops;
        }, ct, agentUser, captureInverses: true);
        _undo.For(projectId, userId).Record(results);
        await _agents.Library.RecordFeedbackAsync(suggestion.Kind, suggestion.Prompt, suggestionId, userId, kept: true, ct);
        return results;
    }

    /// <summary>Drops a suggestion and remembers that it was not wanted; false when there was no such suggestion.</summary>
    public async Task<bool> RejectAsync(string projectId, string suggestionId, string userId, CancellationToken ct)
    {
        if (Find(projectId, suggestionId) is not { } suggestion || !_open.TryRemove(suggestionId, out _)) return false;
        await _agents.Library.RecordFeedbackAsync(suggestion.Kind, suggestion.Prompt, suggestionId, userId, kept: false, ct);
        return true;
    }

    // Suggestions older than Keep, and the oldest beyond the caps: a card nobody answers must not be kept forever.
    void Forget(DateTimeOffset old, string projectId)
    {
        foreach (var (id, s) in _open)
        {
            if (s.CreatedAt < old) _open.TryRemove(id, out _);
        }
        foreach (var (scope, cap) in new[] { (projectId, MaxOpenPerProject), ((string?)null, MaxOpen) })
        {
            var open = _open.Values.Where(s => scope is null || s.ProjectId == scope).ToList();
            foreach (var s in open.OrderBy(s => s.CreatedAt).Take(open.Count - cap)) _open.TryRemove(s.SuggestionId, out _);
        }
    }

    /// <summary>How many suggestions are open, in all projects.</summary>
    public int OpenCount => _open.Count;

    public void Dispose()
    {
        foreach (var s in _subscriptions) s.Dispose();
    }

    /// <summary>Collects one request's suggestions until as many kinds as it asked for are in (beat, melody and harmony; or harmony).</summary>
    sealed class RequestWaiter(int kinds)
    {
        readonly List<Suggestion> _suggestions = [];
        public readonly TaskCompletionSource Complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(Suggestion suggestion)
        {
            lock (_suggestions)
            {
                _suggestions.Add(suggestion);
                if (_suggestions.Select(s => s.Kind).Distinct().Count() == kinds) Complete.TrySetResult();
            }
        }

        public IReadOnlyList<Suggestion> Snapshot()
        {
            lock (_suggestions) return [.. _suggestions.OrderBy(s => s.Kind switch { "beat" => 0, "harmony" => 1, _ => 2 })];
        }
    }
}
