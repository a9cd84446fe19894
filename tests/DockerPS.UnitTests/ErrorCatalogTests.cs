using System.Management.Automation;
using System.Text.RegularExpressions;
using DockerPS.Commands;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class ErrorCatalogTests
{
    private static readonly string AboutPage = File.ReadAllText(Path.Combine(Repository.Root, "docs", "help", "about_DockerPS.md"));

    public static TheoryData<string> Ids() => [.. ErrorCatalog.All.Select(code => code.Id)];

    [Fact]
    public void EveryKindIsAPowerShellCategory()
    {
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            Assert.Equal(kind.ToString(), DockerCmdlet.CategoryOf(kind).ToString());
        }
    }

    [Fact]
    public void IdsAreUniqueAndNamedAsTheirFields()
    {
        var fields = typeof(ErrorCatalog).GetFields().Where(f => f.FieldType == typeof(ErrorCode)).ToArray();
        Assert.All(fields, f => Assert.Equal(f.Name, ((ErrorCode)f.GetValue(null)!).Id));
        Assert.Equal(fields.Length, ErrorCatalog.All.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void AboutDockerPSDocumentsEveryId(string id) => Assert.Matches(new Regex($@"\b{id}\b"), AboutPage);

    [Fact]
    public void AboutDockerPSDocumentsTheInvalidParameterFamily() => Assert.Contains("Invalid<Parameter>", AboutPage);

    [Fact]
    public void TheFamilyGivesTheCatalogueIdsItOverlaps() =>
        Assert.Equal(ErrorCatalog.InvalidReference, ErrorCatalog.InvalidSyntax("Reference"));

    [Fact]
    public void AnExceptionsOwnTargetWinsOverTheItems()
    {
        var record = DockerCmdlet.ErrorFor(new CopyException(ErrorCatalog.NotADirectory, "not a directory", "/a/b"), "item");
        Assert.Equal(("NotADirectory", ErrorCategory.InvalidArgument, (object)"/a/b"), (record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject));
        var exit = DockerCmdlet.ErrorFor(new ContainerExitException(ErrorCatalog.ExecExitCode, "exited", 127, []), "web");
        Assert.Equal(("ExecExitCode", ErrorCategory.ObjectNotFound, (object)"web"), (exit.FullyQualifiedErrorId, exit.CategoryInfo.Category, exit.TargetObject));
    }
}
