using System.Text;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

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
    public async Task ReadsEachKindOfMessage()
    {
        var messages = await Read(
            "{\"status\":\"Pulling from team/app\",\"id\":\"v1\"}\r\n" +
            "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":512,\"total\":2048},\"progress\":\"[==>  ]\",\"id\":\"e810397b9ab4\"}\r\n" +
            "\r\n" +
            "{\"stream\":\"Step 1/2 : FROM busybox\\n\"}\n" +
            "{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\"sha256:ab\",\"Size\":527}}\n" +
            "{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},\"error\":\"unauthorized: authentication required\"}\n" +
            "{\"errorDetail\":{\"message\":\"only in the detail\"}}\n");

        Assert.Equal(6, messages.Count);
        Assert.Equal(new JsonMessage("v1", "Pulling from team/app", null, null, null, null, null), messages[0]);
        Assert.Equal(("e810397b9ab4", "Downloading", 512L, 2048L), (messages[1].Id, messages[1].Status, messages[1].Current, messages[1].Total));
        Assert.Equal("Step 1/2 : FROM busybox\n", messages[2].Stream);
        Assert.Equal("sha256:ab", messages[3].Aux!.Value.GetProperty("Digest").GetString());
        Assert.Null(messages[3].Current);
        Assert.Equal("unauthorized: authentication required", messages[4].Error);
        Assert.Equal("only in the detail", messages[5].Error);
    }

    [Fact]
    public async Task AnErrorIsReturnedAndReadingGoesOn()
    {
        var messages = await Read("{\"error\":\"first\"}\n{\"status\":\"after\"}\n");

        Assert.Equal(new[] { "first", null }, messages.Select(m => m.Error));
        Assert.Equal("after", messages[1].Status);
    }

    [Fact]
    public void AuxOutlivesTheDocumentItCameFrom()
    {
        var message = JsonMessages.Parse("{\"aux\":{\"ID\":\"sha256:cd\"}}");

        Assert.Equal("sha256:cd", message.Aux!.Value.GetProperty("ID").GetString());
    }
}
