using System.Text;
using System.Text.Json;
using DockerPS.Operations;
using DockerPS.Parsing;
using DockerPS.Registry;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class BuildSpecTests
{
    [Fact]
    public void TheQueryIsWhatTheDockerCliSends()
    {
        var spec = new BuildSpec
        {
            Tags = [ImageReference.Parse("team/app:v1"), ImageReference.Parse("registry:5000/app")],
            Dockerfile = "build/app.dockerfile",
            BuildArgs = new Dictionary<string, string?> { ["A"] = "1 2", ["B"] = null },
            Labels = new Dictionary<string, string> { ["x"] = "y" },
            CacheFrom = ["base:1"],
            ExtraHosts = ["db:10.0.0.2", "cache:10.0.0.3"],
            Target = "final",
            NetworkMode = "host",
            NoCache = true,
            ForceRemove = true,
        };

        Assert.Equal("build?t=team%2Fapp%3Av1&t=registry%3A5000%2Fapp&dockerfile=build%2Fapp.dockerfile"
            + "&buildargs=" + Uri.EscapeDataString("""{"A":"1 2","B":null}""") + "&labels=" + Uri.EscapeDataString("""{"x":"y"}""")
            + "&cachefrom=" + Uri.EscapeDataString("""["base:1"]""") + "&extrahosts=db%3A10.0.0.2&extrahosts=cache%3A10.0.0.3"
            + "&target=final&networkmode=host&nocache=1&forcerm=1", spec.PathAndQuery());
    }

    [Fact]
    public void DefaultsSendOnlyTheDockerfile() => Assert.Equal("build?dockerfile=Dockerfile", new BuildSpec().PathAndQuery());

    [Fact]
    public void ARemoteContextGoesInRemote() =>
        Assert.Equal("build?dockerfile=app.dockerfile&remote=" + Uri.EscapeDataString("https://git.example.com/app.git#v1:docker"),
            new BuildSpec { Dockerfile = "app.dockerfile", Remote = "https://git.example.com/app.git#v1:docker" }.PathAndQuery());
}

public sealed class BuildOutputTests
{
    [Fact]
    public void ChunksBecomeLinesAndTheStepAndItsTailAreKept()
    {
        var output = new BuildOutput();
        foreach (var chunk in new[] { "Step 1/2 : FROM base", "\n", " ---> 1234\n", "Step 2/2 : RUN make", "\n", "\u001b[91mcompil", "ing\n\u001b[0mdone\r\n", "no newline" })
        {
            output.Add(chunk);
        }
        output.Complete();

        var lines = new List<string>();
        while (output.TryTake(out var line))
        {
            lines.Add(line);
        }
        Assert.Equal(new[] { "Step 1/2 : FROM base", " ---> 1234", "Step 2/2 : RUN make", "compiling", "done", "no newline" }, lines);
        Assert.Equal("Step 2/2 : RUN make", output.Step);
        Assert.Equal(new[] { "compiling", "done", "no newline" }, output.Tail);
    }

    [Fact]
    public void PodmansStepAnnouncementsReadAsTheClassicBuilders()
    {
        var output = new BuildOutput();
        output.Add("STEP 1/2: FROM base\nSTEP 2/2: RUN make\nSTEP output stays\n");

        Assert.True(output.TryTake(out var first));
        Assert.Equal("Step 1/2 : FROM base", first);
        Assert.Equal("Step 2/2 : RUN make", output.Step);
        Assert.Equal(new[] { "STEP output stays" }, output.Tail);
    }

    [Fact]
    public void TheTailKeepsTheLastLines()
    {
        var output = new BuildOutput();
        output.Add("Step 1/1 : RUN seq 30\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"{i}\n")));

        Assert.Equal(Enumerable.Range(11, BuildOutput.TailLength).Select(i => i.ToString()), output.Tail);
    }

    [Theory]
    [InlineData("Step 3/5 : COPY . /app", true)]
    [InlineData("Step by step", false)]
    [InlineData(" ---> Running in 123", false)]
    public void StepLinesAreTheBuildersAnnouncements(string line, bool step) => Assert.Equal(step, BuildOutput.IsStep(line));

    [Fact]
    public void AFailedRunStepsExitCodeIsTheErrorCode()
    {
        var message = JsonMessages.Parse("""{"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"}""");

        Assert.Equal(3, message.ErrorCode);
        Assert.Equal("The command '/bin/sh -c exit 3' returned a non-zero code: 3", message.Error);
        Assert.Null(JsonMessages.Parse("""{"errorDetail":{"message":"COPY failed"},"error":"COPY failed"}""").ErrorCode);
    }
}

public sealed class DockerfileBaseImagesTests
{
    private static readonly Dictionary<string, string?> NoArgs = [];

    [Fact]
    public void FromLinesNameTheBaseImagesButNotStagesOrScratch()
    {
        var dockerfile = """
            # syntax comment
            FROM --platform=linux/amd64 golang:1.22 AS build
            RUN make
            from build AS test
            FROM scratch
            COPY --from=build /app /app
            FROM registry.example.com:5000/team/runtime:2 \
                AS final
            FROM golang:1.22
            """;

        Assert.Equal(new[] { "golang:1.22", "registry.example.com:5000/team/runtime:2" }, DockerfileBaseImages.Find(dockerfile, NoArgs));
    }

    [Fact]
    public void CopyFromAnImageNamesItButAStageOrItsIndexDoesNot()
    {
        var dockerfile = """
            ARG TOOLS=registry:5000/tools:1
            FROM golang:1.22 AS build
            COPY --from=build /a /a
            COPY --from=0 /b /b
            COPY --chown=1:1 --FROM=registry:5000/assets:3 /c /c
            COPY --from=$TOOLS /bin/tool /bin/tool
            COPY --from=golang:1.22 /d /d
            COPY ./--from=ignored /e
            """;

        Assert.Equal(new[] { "golang:1.22", "registry:5000/assets:3", "registry:5000/tools:1" }, DockerfileBaseImages.Find(dockerfile, NoArgs));
    }

    [Fact]
    public void ArgsBeforeTheFirstFromAreFilledInBuildArgsFirst()
    {
        var dockerfile = "ARG REGISTRY=docker.io\nARG TAG\nARG UNSET\nFROM ${REGISTRY}/library/base:$TAG\nFROM other:$UNSET\nARG LATER=x\nFROM late:$LATER\n";

        // Without a value for TAG (and never for UNSET, or LATER, declared after a FROM) a name stays unresolved.
        Assert.Empty(DockerfileBaseImages.Find(dockerfile, NoArgs));
        Assert.Equal(new[] { "registry:5000/library/base:7" },
            DockerfileBaseImages.Find(dockerfile, new Dictionary<string, string?> { ["REGISTRY"] = "registry:5000", ["TAG"] = "7" }));
    }
}

public sealed class RegistryConfigHeaderTests
{
    [Fact]
    public void TheHeaderMapsRegistriesToTheirAuthLeavingAnonymousOnesOut()
    {
        var header = RegistryCredential.ToConfigHeader([new RegistryCredential("registry:5000", "me", "secret"), RegistryCredential.Anonymous("other:5000"),
            new RegistryCredential(RegistryCredentials.DockerHubKey, "hub", null, "token")]);

        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')))).RootElement;
        Assert.Equal(new[] { "registry:5000", RegistryCredentials.DockerHubKey }, json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("secret", json.GetProperty("registry:5000").GetProperty("password").GetString());
        Assert.Equal("token", json.GetProperty(RegistryCredentials.DockerHubKey).GetProperty("identitytoken").GetString());
        Assert.Equal("e30=", RegistryCredential.ToConfigHeader([]));
    }
}
