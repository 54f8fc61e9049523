using System.Text.Json;
using Zordic.Collab;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Music.Document;

namespace Zordic.Bench.Ops;

/// <summary>
/// A realistic editing session of three people on one song: they lay down tracks and clips, then
/// mostly write, nudge, re-velocity and delete notes, tweak the mixer and now and then the tempo,
/// pulling each other's ops every few edits. Seeded, so every run edits the same song.
/// </summary>
public static class EditingTrace
{
    public static List<CollaborativeOperation> Generate(int count, int users = 3, int seed = 42)
    {
        var random = new Random(seed);
        var clock = new ManualClock();
        var people = Enumerable.Range(0, users)
            .Select(u => new Person(new EditingSession(new ProjectReplica("bench"), $"user-{u}", $"session-{u}", clock)))
            .ToArray();
        var log = new List<CollaborativeOperation>(count);
        var pulled = new int[users, users];
        while (log.Count < count)
        {
            var u = random.Next(users);
            var me = people[u];
            clock.Advance(random.Next(0, 40));
            if (random.Next(20) == 0)
            {
                // Pull what the others did since last time, as a hub would deliver it.
                for (var other = 0; other < users; other++)
                {
                    if (other == u) continue;
                    var theirs = people[other].Authored;
                    for (var i = pulled[u, other]; i < theirs.Count; i++) me.Receive(theirs[i]);
                    pulled[u, other] = theirs.Count;
                }
                continue;
            }
            if (me.Make(random) is { } op) log.Add(op);
        }
        return log;
    }

    sealed class Person(EditingSession session)
    {
        public readonly List<CollaborativeOperation> Authored = [];
        readonly Pool<string[]> _tracks = new(), _clips = new(), _notes = new();
        int _next;

        public void Receive(CollaborativeOperation op)
        {
            session.Receive(op);
            Track(op);
        }

        public CollaborativeOperation? Make(Random random)
        {
            var roll = random.Next(100);
            CollaborativeOperation? op = null;
            if (_tracks.Count < 3 || roll < 1)
            {
                var kind = TrackKinds.All[random.Next(TrackKinds.All.Count)];
                op = session.Insert(["tracks", NewId()], J(new { kind, order = "V" + (1 + random.Next(9)) }));
            }
            else if (_clips.Count < 4 || roll < 4)
            {
                op = session.Insert([.. _tracks.Pick(random), "clips", NewId()], J(new { start_bar = random.Next(64), length_bars = 1 + random.Next(8) }));
            }
            else if (_notes.Count < 50 || roll < 50)
            {
                op = session.Insert([.. _clips.Pick(random), "notes", NewId()], J(new
                {
                    pitch = 36 + random.Next(48), start_tick = random.Next(64) * 120, duration_ticks = 60 * (1 + random.Next(8)), velocity = 40 + random.Next(88),
                }));
            }
            else if (roll < 72)
            {
                var (property, value) = random.Next(4) switch
                {
                    0 => ("velocity", J(1 + random.Next(127))),
                    1 => ("pitch", J(24 + random.Next(72))),
                    2 => ("start_tick", J(random.Next(128) * 60)),
                    _ => ("duration_ticks", J(30 * (1 + random.Next(16)))),
                };
                op = session.Update([.. _notes.Pick(random), property], value);
            }
            else if (roll < 85)
            {
                op = session.Delete(_notes.Pick(random));
            }
            else if (roll < 96)
            {
                var (property, value) = random.Next(3) switch
                {
                    0 => ("volume", J(-random.Next(40))),
                    1 => ("pan", J(random.Next(-10, 11) / 10.0)),
                    _ => ("mute", J(random.Next(2) == 0)),
                };
                op = session.Update([.. _tracks.Pick(random), property], value);
            }
            else if (roll < 98)
            {
                op = session.Update([.. _clips.Pick(random), "length_bars"], J(1 + random.Next(16)));
            }
            else
            {
                op = random.Next(2) == 0 ? session.Update(["bpm"], J(70 + random.Next(90))) : session.Update(["swing"], J(random.Next(11) / 10.0));
            }
            if (op is null) return null;
            Authored.Add(op);
            Track(op);
            return op;
        }

        string NewId() => $"{session.SessionId}-{_next++:x}";

        void Track(CollaborativeOperation op)
        {
            var pool = op.Path.Count switch { 2 => _tracks, 4 => _clips, 6 => _notes, _ => null };
            if (pool is null) return;
            var key = op.Path.ToArray();
            if (op.Type == OperationType.Insert) pool.Add(key);
            else if (op.Type == OperationType.Delete) pool.Remove(key);
        }
    }

    /// <summary>A set with O(1) add, remove and random pick.</summary>
    sealed class Pool<T> where T : class
    {
        readonly List<T> _items = [];
        readonly Dictionary<string, int> _index = [];
        public int Count => _items.Count;
        public T Pick(Random random) => _items[random.Next(_items.Count)];

        public void Add(T item)
        {
            var key = Key(item);
            if (_index.ContainsKey(key)) return;
            _index[key] = _items.Count;
            _items.Add(item);
        }

        public void Remove(T item)
        {
            if (!_index.Remove(Key(item), out var at)) return;
            var last = _items[^1];
            _items.RemoveAt(_items.Count - 1);
            if (at < _items.Count)
            {
                _items[at] = last;
                _index[Key(last)] = at;
            }
        }

        static string Key(T item) => item is string[] path ? string.Join('/', path) : item.ToString()!;
    }

    static JsonElement J<T>(T value) => JsonSerializer.SerializeToElement(value);

    sealed class ManualClock : TimeProvider
    {
        long _ms = 1_800_000_000_000;
        public void Advance(int ms) => _ms += ms;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(_ms);
    }
}
