using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Music.Document;

namespace Zordic.Collab.Tests;

/// <summary>One step of a generated editing session: who acts, what they do, and the numbers they pick.</summary>
public readonly record struct EditStep(int User, int Action, int Pick, int Amount);

/// <summary>
/// Plays generated steps as several users, each editing their own replica and now and then pulling
/// what the others did, so that ops are realistic: causal version vectors, concurrent edits of the
/// same property, edits of objects someone else has deleted, deletes of parents under children.
/// </summary>
public sealed class EditTrace
{
    readonly EditingSession[] _users;
    readonly List<CollaborativeOperation>[] _authored;
    readonly int[] _pulled; // per (user, other) how many of the other's ops this user has received
    long _clock = 1_700_000_000_000;

    public EditTrace(int users)
    {
        _users = new EditingSession[users];
        _authored = new List<CollaborativeOperation>[users];
        _pulled = new int[users * users];
        for (var u = 0; u < users; u++)
        {
            _users[u] = new EditingSession(new ProjectReplica("p"), $"user-{u}", $"s{u}", new FixedClock(this));
            _authored[u] = [];
        }
    }

    public IReadOnlyList<CollaborativeOperation> Operations => _authored.SelectMany(a => a).ToList();

    public static IReadOnlyList<CollaborativeOperation> Play(int users, IEnumerable<EditStep> steps)
    {
        var trace = new EditTrace(users);
        foreach (var step in steps) trace.Do(step);
        return trace.Operations;
    }

    public void Do(EditStep step)
    {
        var u = step.User % _users.Length;
        var me = _users[u];
        // Clocks sometimes stand still, so that equal timestamps meet the tie-break.
        if (step.Amount % 3 != 0) _clock += step.Amount % 7;
        var doc = me.Replica.ToDocument();
        var tracks = doc.Tracks;
        var clips = tracks.SelectMany(t => t.Clips.Select(c => (t, c))).ToList();
        var notes = clips.SelectMany(tc => tc.c.Notes.Select(n => (tc.t, tc.c, n))).ToList();
        CollaborativeOperation? op = null;
        switch (step.Action)
        {
            case 0: // pull everything another user has authored so far
                var other = (u + 1 + step.Pick % Math.Max(1, _users.Length - 1)) % _users.Length;
                if (other == u) break;
                var from = _pulled[u * _users.Length + other];
                foreach (var theirs in _authored[other].Skip(from)) Assert.Null(me.Receive(theirs));
                _pulled[u * _users.Length + other] = _authored[other].Count;
                break;
            case 1:
                var kinds = TrackKinds.All;
                var before = tracks.Count > 0 ? tracks[^1].Order : null;
                op = me.Insert(["tracks", NewId(u)], JsonOf(new { kind = kinds[step.Pick % kinds.Count], order = FractionalIndex.Between(before, null) }));
                break;
            case 2 when tracks.Count > 0:
                var track = tracks[step.Pick % tracks.Count];
                op = me.Insert(["tracks", track.Id, "clips", NewId(u)], JsonOf(new { start_bar = step.Amount % 16, length_bars = 1 + step.Amount % 4 }));
                break;
            case 3 or 4 when clips.Count > 0:
                var (t, c) = clips[step.Pick % clips.Count];
                op = me.Insert(["tracks", t.Id, "clips", c.Id, "notes", NewId(u)],
                    JsonOf(new { pitch = 36 + step.Amount % 48, start_tick = step.Amount % 16 * 120, duration_ticks = 1 + step.Amount % 960, velocity = 1 + step.Amount % 127 }));
                break;
            case 5 when notes.Count > 0:
                var (nt, nc, n) = notes[step.Pick % notes.Count];
                var property = (step.Amount % 4) switch { 0 => "pitch", 1 => "start_tick", 2 => "duration_ticks", _ => "velocity" };
                op = me.Update(["tracks", nt.Id, "clips", nc.Id, "notes", n.Id, property], JsonOf(1 + step.Amount % 127));
                break;
            case 6 when tracks.Count > 0:
                var tr = tracks[step.Pick % tracks.Count];
                op = (step.Amount % 5) switch
                {
                    0 => me.Update(["tracks", tr.Id, "volume"], JsonOf(-(step.Amount % 60))),
                    1 => me.Update(["tracks", tr.Id, "pan"], JsonOf((step.Amount % 21 - 10) / 10.0)),
                    2 => me.Update(["tracks", tr.Id, "mute"], JsonOf(step.Amount % 2 == 0)),
                    3 => me.Update(["tracks", tr.Id, "name"], JsonOf($"T{step.Amount}")),
                    _ => me.Update(["tracks", tr.Id, "order"], JsonOf(FractionalIndex.Between(null, tracks[0].Order))),
                };
                break;
            case 7:
                op = (step.Amount % 3) switch
                {
                    0 => me.Update(["bpm"], JsonOf(60 + step.Amount % 120)),
                    1 => me.Update(["swing"], JsonOf(step.Amount % 11 / 10.0)),
                    _ => me.Update(["key"], JsonOf(new { tonic = "A", mode = step.Amount % 2 == 0 ? "minor" : "dorian" })),
                };
                break;
            case 8 when notes.Count > 0 && step.Amount % 2 == 0:
                var (dt, dc, dn) = notes[step.Pick % notes.Count];
                op = me.Delete(["tracks", dt.Id, "clips", dc.Id, "notes", dn.Id]);
                break;
            case 8 when clips.Count > 0:
                var (ct, cc) = clips[step.Pick % clips.Count];
                op = me.Delete(["tracks", ct.Id, "clips", cc.Id]);
                break;
            case 9 when tracks.Count > 0 && step.Amount % 4 == 0:
                op = me.Delete(["tracks", tracks[step.Pick % tracks.Count].Id]);
                break;
            case 9:
                // Edit something this user once saw, even if it is gone by now: an op on a deleted object.
                var any = _authored.SelectMany(a => a).Where(o => o.Type == OperationType.Insert && o.Path.Count == 6).ToList();
                if (any.Count == 0) break;
                var path = any[step.Pick % any.Count].Path;
                op = me.Update([.. path, "velocity"], JsonOf(1 + step.Amount % 127));
                break;
        }
        if (op is not null) _authored[u].Add(op);
    }

    string NewId(int user) => $"u{user}-{_authored[user].Count}";

    static JsonElement JsonOf<T>(T value) => JsonSerializer.SerializeToElement(value);

    sealed class FixedClock(EditTrace trace) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(trace._clock);
    }
}
