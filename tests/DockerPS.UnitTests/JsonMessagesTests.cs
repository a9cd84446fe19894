using System.Text;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The engine's JSON message streams, read through <see cref="JsonMessages.ReadAsync"/> only.</summary>
public sealed class JsonMessagesTests
{
    private static async Task<List<JsonMessage>> Read(string text)
    {
        var messages = new List<JsonMessage>();
        await foreach (var message in JsonMessages.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None))
        {
            messages.Add(message);
        }
        return messages;
    }

    [Fact]
    public async Task ReadsProgressTextErrorsAndAuxInOrder()
    {
        var messages = await Read(
            "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":10,\"total\":40},\"id\":\"abc\"}\r\n" +
            "\r\n" +
            "{\"stream\":\"Loaded image: a:b\\n\"}\n" +
            "{\"aux\":{\"ID\":\"sha256:1\"}}\n" +
            "{\"errorDetail\":{\"message\":\"detail\"},\"error\":\"broken\"}\n" +
            "{\"errorDetail\":{\"message\":\"only detail\"}}\n" +
            "{\"status\":\"sha256:2\",\"progressDetail\":{}}");

        Assert.Equal(6, messages.Count);
        Assert.Equal(new JsonMessage("abc", "Downloading", null, 10, 40, null, null), messages[0]);
        Assert.Equal("Loaded image: a:b\n", messages[1].Stream);
        Assert.Equal("sha256:1", messages[2].Aux!.Value.GetProperty("ID").GetString());
        Assert.Equal("broken", messages[3].Error);
        Assert.Equal("only detail", messages[4].Error);
        Assert.Equal(("sha256:2", (long?)null, (long?)null), (messages[5].Status, messages[5].Current, messages[5].Total));
    }

    [Fact]
    public async Task AuxOutlivesTheStream()
    {
        var messages = await Read("{\"aux\":{\"Tag\":\"v1\",\"Digest\":\"sha256:3\"}}\n");

        Assert.Equal("v1", Assert.Single(messages).Aux!.Value.GetProperty("Tag").GetString());
    }
}
