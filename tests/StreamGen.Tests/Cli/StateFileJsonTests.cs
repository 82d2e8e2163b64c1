using System.Text.Json;
using StreamGen.Cli;
using StreamGen.Serialization;

namespace StreamGen.Tests.Cli;

/// <summary>The CLI's JSON rendering of state files (read with MessagePack-CSharp) on the committed 0.1 savepoint.</summary>
public sealed class StateFileJsonTests
{
    [Fact]
    public void A_keyed_state_file_of_the_0_1_savepoint_renders_every_key_with_field_names()
    {
        var data = File.ReadAllBytes(Fixture("accounts-0-keyed.state"));
        var root = Render(data);

        Assert.Equal("sg-keyed/1", root.GetProperty("format").GetString());
        var schema = root.GetProperty("schema").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("_stats", schema);
        Assert.Contains("_buckets", schema);

        var entries = root.GetProperty("keyGroups").EnumerateArray().SelectMany(g => g.GetProperty("entries").EnumerateArray()).ToList();
        Assert.Equal(StateFileJson.CountKeys(data)!.Value.Keys, entries.Count);
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var key = entry.GetProperty("key").GetString()!;
            var state = entry.GetProperty("state");
            Assert.StartsWith(key + ":", state.GetProperty("_last").GetString());
            Assert.Equal(key, state.GetProperty("_stats").GetProperty("Name").GetString());
            Assert.Equal(state.GetProperty("_count").GetInt64(), state.GetProperty("_stats").GetProperty("Seen").GetInt64());

            // A Guid is bin 16: base64 in JSON.
            Assert.Equal(16, state.GetProperty("_id").GetBytesFromBase64().Length);
        }
    }

    [Fact]
    public void A_truncated_state_file_is_a_format_error_naming_the_offset()
    {
        var data = File.ReadAllBytes(Fixture("tally-0-operator.state"));
        var error = Assert.Throws<MessagePackFormatException>(() => Render(data[..^3]));
        Assert.InRange(error.Position, 1, data.Length);
    }

    private static JsonElement Render(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            StateFileJson.Write(data, json);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static string Fixture(string file)
        => Path.Combine(StreamGen.Tests.Compatibility.StateFormatCompatibilityTests.FixtureDirectory(), file);
}
