using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;

namespace Zordic.Collab.Tests;

/// <summary>A small project with one drums track, a clip and a note, and sessions to edit it.</summary>
public sealed class Studio
{
    public const string Track = "t1", Clip = "c1", Note = "n1";
    public readonly ProjectReplica Server = new("p");
    public readonly EditingSession Alice, Bob;

    public Studio()
    {
        Alice = new EditingSession(new ProjectReplica("p"), "alice", "sa");
        Bob = new EditingSession(new ProjectReplica("p"), "bob", "sb");
        Share(Alice, Alice.Insert(["tracks", Track], JsonOf(new { kind = "drums", order = "V" })));
        Share(Alice, Alice.Insert(["tracks", Track, "clips", Clip], JsonOf(new { start_bar = 0, length_bars = 2 })));
        Share(Alice, Alice.Insert(NotePath, JsonOf(new { pitch = 36, start_tick = 0, duration_ticks = 120, velocity = 100 })));
    }

    public static string[] NotePath => ["tracks", Track, "clips", Clip, "notes", Note];

    /// <summary>Sends an op to the server and to the other session, as the hub will.</summary>
    public void Share(EditingSession from, CollaborativeOperation op)
    {
        Assert.Null(Server.Accept(op));
        var other = from == Alice ? Bob : Alice;
        Assert.Null(other.Receive(op));
    }

    public static JsonElement JsonOf<T>(T value) => JsonSerializer.SerializeToElement(value);
}
