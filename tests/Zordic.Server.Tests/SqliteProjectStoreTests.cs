using System.Text.Json;
using Microsoft.Data.Sqlite;
using Zordic.Collab;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Music.Theory;
using Zordic.Server.Storage;

namespace Zordic.Server.Tests;

public sealed class SqliteProjectStoreTests
{
    [Fact]
    public async Task A_database_from_before_the_listing_columns_opens_and_fills_them_on_the_next_edit()
    {
        var data = Directory.CreateTempSubdirectory("zordic-store-").FullName;
        try
        {
            // The projects table as the first releases created it.
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "studio.db")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0);
                    INSERT INTO projects VALUES ('old', 'Old song', 0, 0, 0);
                    """;
                command.ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();

            var store = new SqliteProjectStore(data);
            var old = Assert.Single(await store.ListAsync(CancellationToken.None));
            Assert.Equal(("old", "Old song"), (old.Id, old.Name));
            Assert.Null(old.Bpm);
            Assert.Null(old.Key);
            Assert.Null(old.TrackCount);

            var session = new EditingSession(new ProjectReplica("old"), "someone", "s1");
            var rename = session.Next(OperationType.Update, ["name"], JsonSerializer.SerializeToElement("Old song, redone"));
            await store.AppendAsync("old", [rename], new ProjectListing("Old song, redone", 97, new MusicalKey(PitchClass.D, Mode.Dorian), 3), CancellationToken.None);

            var reopened = new SqliteProjectStore(data); // opening again leaves the added columns alone
            var edited = (await reopened.GetAsync("old", CancellationToken.None))!;
            Assert.Equal("Old song, redone", edited.Name);
            Assert.Equal(97, edited.Bpm);
            Assert.Equal(new MusicalKey(PitchClass.D, Mode.Dorian), edited.Key);
            Assert.Equal(3, edited.TrackCount);
            Assert.Equal(1, edited.LastSequence);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
