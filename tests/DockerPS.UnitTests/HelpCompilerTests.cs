using System.Xml.Linq;
using DockerPS.HelpCompiler;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class HelpCompilerTests
{
    private static readonly string HelpFolder = Path.Combine(Repository.Root, "docs", "help");

    private const string Minimal = """
        ---
        schema: 2.0.0
        ---

        # Get-DockerThing

        ## SYNOPSIS
        Gets things.

        ## SYNTAX

        ### ByName (Default)
        ```
        Get-DockerThing [-Name <String>]
        ```

        ### ById
        ```
        Get-DockerThing -Id <String>
        ```

        ## DESCRIPTION
        Gets *all* the `things`.

        ## EXAMPLES

        ### Example 1: Everything
        ```powershell
        PS> Get-DockerThing
        ```

        Lists them.

        ## PARAMETERS

        ### -Name
        A name.

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases: N
        Accepted values: a, b

        Required: False
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: True
        ```

        ### -Id
        An id.

        ```yaml
        Type: String
        Parameter Sets: ById
        Aliases:

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### -All
        Everything.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String

        ## OUTPUTS

        ### DockerPS.Thing
        A thing.

        ## NOTES
        Careful.

        ## RELATED LINKS

        [Get-DockerOther](Get-DockerOther.md)
        """;

    [Fact]
    public void ReadsEverySectionOfAPlatyPsPage()
    {
        var help = MarkdownReader.ReadCommand(Minimal, "minimal.md");

        Assert.Equal("Get-DockerThing", help.Name);
        Assert.Equal("Gets things.", help.Synopsis);
        Assert.Equal(new[] { "Gets all the things." }, help.Description);
        Assert.Equal(new[] { "ByName", "ById" }, help.SyntaxSets);
        var example = Assert.Single(help.Examples);
        Assert.Equal("Example 1: Everything", example.Title);
        Assert.Equal("PS> Get-DockerThing", example.Code);
        Assert.Equal(new[] { "Lists them." }, example.Remarks);
        Assert.Equal(new[] { "Name", "Id", "All" }, help.Parameters.Select(p => p.Name));
        var name = help.Parameters[0];
        Assert.Equal(("String", "N", "0", "True (ByValue)", true, false), (name.Type, name.Aliases, name.Position, name.PipelineInput, name.Globbing, name.Required));
        Assert.Equal(new[] { "a", "b" }, name.AcceptedValues);
        Assert.True(help.Parameters[1].Required);
        Assert.Equal("DockerPS.Thing", Assert.Single(help.Outputs).Name);
        Assert.Equal(new[] { "Careful." }, help.Notes);
        Assert.Equal(("Get-DockerOther", "Get-DockerOther.md"), Assert.Single(help.Links));
    }

    [Fact]
    public void MamlSyntaxHasEachSetsParameters()
    {
        var maml = MamlWriter.Write([MarkdownReader.ReadCommand(Minimal, "minimal.md")]);
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml2004 = "http://schemas.microsoft.com/maml/2004/10";

        var sets = maml.Descendants(command + "syntaxItem")
            .Select(s => string.Join(",", s.Elements(command + "parameter").Select(p => p.Element(maml2004 + "name")!.Value)))
            .ToArray();

        Assert.Equal(new[] { "Name,All", "Id,All" }, sets);
        var all = maml.Descendants(command + "parameters").Single().Elements().Single(p => p.Element(maml2004 + "name")!.Value == "All");
        Assert.Null(all.Element(command + "parameterValue"));
        Assert.Equal("Get", maml.Descendants(command + "verb").Single().Value);
    }

    [Theory]
    [InlineData("## SYNOPSIS\nGets things.\n", "SYNOPSIS")]
    [InlineData("```powershell\nPS> Get-DockerThing\n```\n", "an example with code")]
    [InlineData("A name.\n", "the description of -Name")]
    [InlineData("Type: String\nParameter Sets: ById\n", "the metadata block of -Id")]
    public void IncompletePagesAreRefused(string remove, string missing)
    {
        Assert.Contains(remove, Minimal);

        var e = Assert.Throws<FormatException>(() => MarkdownReader.ReadCommand(Minimal.Replace(remove, ""), "broken.md"));

        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void TheShippedPagesAllCompile()
    {
        var pages = Directory.GetFiles(HelpFolder, "*-*.md").Select(f => MarkdownReader.ReadCommand(File.ReadAllText(f), f)).ToArray();

        Assert.NotEmpty(pages);
        // Every cmdlet but the context ones (which work on the local context store, not an engine) takes -Engine.
        Assert.All(pages.Where(p => !p.Name.EndsWith("-DockerContext", StringComparison.Ordinal)), p => Assert.Contains(p.Parameters, x => x.Name == "Engine"));
        Assert.All(pages, p => Assert.NotEmpty(p.Parameters));
    }

    [Fact]
    public void AboutTopicsBecomeHelpText()
    {
        var text = AboutTopicWriter.Write(File.ReadAllText(Path.Combine(HelpFolder, "about_DockerPS.md")), "about_DockerPS");

        Assert.StartsWith("TOPIC\n    about_DockerPS\n\nSHORT DESCRIPTION\n    DockerPS", text);
        Assert.Contains("\nLONG DESCRIPTION\n", text);
        Assert.Contains("    - DOCKER_HOST;", text);
    }
}
