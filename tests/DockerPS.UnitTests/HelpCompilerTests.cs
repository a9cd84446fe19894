using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using DockerPS.Commands;
using DockerPS.HelpCompiler;
using DockerPS.UnitTests.HelpFixtures;
using Xunit;

namespace DockerPS.UnitTests
{
    public sealed class HelpCompilerTests
    {
        private static readonly string Docs = Path.Combine(Repository.Root, "docs", "help");

        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>Every assembly this test runs with: what MetadataLoadContext needs to resolve a cmdlet's types.</summary>
        private static readonly string[] References =
        [
            .. Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"),
            .. Directory.GetFiles(AppContext.BaseDirectory, "*.dll"),
            typeof(PSCmdlet).Assembly.Location,
        ];

        private static IReadOnlyList<CmdletMetadata> Read(Type type) =>
            CmdletMetadataReader.Read(type.Assembly.Location, References).Where(c => c.ClassName == type.Name).ToList();

        private static readonly IReadOnlyList<CmdletMetadata> Fixture = Read(typeof(GetDockerThingCommand));

        // The prose of the fixture cmdlet's page: no SYNTAX, no metadata blocks, no prose for inherited parameters.
        private const string Prose = """
            # Get-DockerThing

            ## SYNOPSIS
            Gets things.

            ## DESCRIPTION
            Gets *all* the `things`.

            - one
            - two

            ## EXAMPLES

            ### Example 1: Everything
            ```powershell
            Get-DockerThing
            ```

            Lists them.

            ### Example 2: One
            ```powershell
            Get-DockerThing -Id 1
            ```

            ## PARAMETERS

            ### -Name
            A name, as `docker thing --name` takes it.

            ### -Id
            An id.

            ### -Force
            Everything.

            ### -WhatIf
            Shows what would be got.

            ### -Confirm
            Asks first.

            ## INPUTS

            ### System.String
            Names.

            ## OUTPUTS

            ### DockerPS.UnitTests.HelpFixtures.Thing
            A thing.

            ## NOTES
            Careful.

            ## RELATED LINKS

            [Get-DockerOther](Get-DockerOther.md)

            [Docker](https://docs.docker.com/)
            """;

        private const string SharedProse = """
            # ThingCmdlet

            ## PARAMETERS

            ### -Context
            Contexts.

            ### -Engine
            The engine.

            ## INPUTS

            ### DockerPS.UnitTests.HelpFixtures.ThingEngine
            Engines.
            """;

        private static HelpSet Set(string page, string shared = SharedProse, IReadOnlyList<CmdletMetadata>? cmdlets = null, string file = "Get-DockerThing.md") =>
            new("docs", cmdlets ?? Fixture, [(ProsePage.Read(page, Path.Combine("docs", file)), page)], [DockerPS.HelpCompiler.SharedProse.Read(shared, Path.Combine("docs", "shared", "ThingCmdlet.md"))]);

        /// <summary>The fixture page as the update step writes it; it compiles without a problem.</summary>
        private static string Page(string prose = Prose) => PageWriter.Write(Set(prose).Commands.Single());

        [Fact]
        public void MetadataComesFromTheCompiledCmdlet()
        {
            var thing = Assert.Single(Fixture);

            Assert.Equal(("Get-DockerThing", "ByName", true, "High"), (thing.Name, thing.DefaultParameterSet, thing.SupportsShouldProcess, thing.ConfirmImpact));
            Assert.Equal(["gdt"], thing.Aliases);
            Assert.Equal(["DockerPS.UnitTests.HelpFixtures.Thing"], thing.OutputTypes);
            Assert.Equal(["Name", "Id", "Force", "Context", "Engine", "WhatIf", "Confirm"], thing.Parameters.Select(p => p.Name));
            Assert.Equal(["ByName", "ById"], thing.ParameterSets);
            var name = thing.Parameters[0];
            Assert.Equal(("String[]", "System.String", true, true, "GetDockerThingCommand"), (name.TypeName, name.ElementTypeFullName, name.IsArray, name.SupportsWildcards, name.Owner));
            Assert.Equal(["N"], name.Aliases);
            Assert.Equal(["a", "b"], name.AcceptedValues);
            Assert.Equal([new CmdletParameterSet("ByName", true, 0, true, true), new CmdletParameterSet("ById", false, 1, false, false)], name.Sets);
            Assert.Equal("ThingCmdlet", thing.Parameters.Single(p => p.Name == "Context").Owner);
            Assert.Equal(["System.String", "DockerPS.UnitTests.HelpFixtures.ThingEngine"], thing.InputTypes);
            Assert.Equal("ThingCmdlet", thing.InputOwner("DockerPS.UnitTests.HelpFixtures.ThingEngine"));
        }

        public static TheoryData<Type> DockerPsCmdlets() =>
            [.. typeof(StopDockerContainerCommand).Assembly.GetExportedTypes().Where(t => !t.IsAbstract && t.IsDefined(typeof(CmdletAttribute), false))];

        /// <summary>What MetadataLoadContext reads from DockerPS.dll is what PowerShell's own CommandMetadata makes of the live type.</summary>
        [Theory]
        [MemberData(nameof(DockerPsCmdlets))]
        public void MetadataMatchesPowerShellsCommandMetadata(Type type)
        {
            var ours = Assert.Single(Read(type));
            var theirs = new CommandMetadata(type);
            // A parameter group's parameters, which PowerShell binds as dynamic parameters.
            IEnumerable<ParameterMetadata> dynamic = Activator.CreateInstance(type) is IDynamicParameters cmdlet
                ? ParameterMetadata.GetParameterMetadata(cmdlet.GetDynamicParameters()!.GetType()).Values
                : [];

            Assert.Equal(theirs.Name, ours.Name);
            Assert.Equal(theirs.DefaultParameterSetName ?? CmdletMetadata.AllParameterSets, ours.DefaultParameterSet);
            Assert.Equal(theirs.SupportsShouldProcess, ours.SupportsShouldProcess);
            if (ours.SupportsShouldProcess)
            {
                Assert.Equal(theirs.ConfirmImpact.ToString(), ours.ConfirmImpact);
            }
            Assert.Equal(
                theirs.Parameters.Values.Concat(dynamic).Select(Describe).Order(),
                ours.Parameters.Where(p => p.Name is not ("WhatIf" or "Confirm")).Select(Describe).Order());
            Assert.Equal(ours.SupportsShouldProcess, ours.Parameters.Any(p => p.Name == "WhatIf"));
        }

        private static string Describe(System.Management.Automation.ParameterMetadata p) =>
            $"{p.Name}:{(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).Name}:{string.Join(",", p.Aliases.Order())}:" + string.Join(";", p.ParameterSets.OrderBy(s => s.Key).Select(s =>
                $"{s.Key}={s.Value.IsMandatory},{(s.Value.Position == int.MinValue ? "named" : s.Value.Position)},{s.Value.ValueFromPipeline},{s.Value.ValueFromPipelineByPropertyName}"));

        private static string Describe(CmdletParameter p) =>
            $"{p.Name}:{p.TypeName}:{string.Join(",", p.Aliases.Order())}:" + string.Join(";", p.Sets.OrderBy(s => s.Name).Select(s =>
                $"{s.Name}={s.Mandatory},{s.Position?.ToString() ?? "named"},{s.ByValue},{s.ByPropertyName}"));

        [Fact]
        public void TheUpdateStepWritesSyntaxAndMetadataBlocksAroundTheProse()
        {
            var page = Page();

            Assert.Empty(Set(page).Problems());
            Assert.Contains("""
                ### ByName (Default)
                ```
                Get-DockerThing [-Name] <String[]> [-Force] [-Context <String[]>] [-Engine <ThingEngine>] [-WhatIf] [-Confirm]
                 [<CommonParameters>]
                ```
                """, page);
            Assert.Contains("""
                ### ById
                ```
                Get-DockerThing [[-Name] <String[]>] -Id <Int32> [-Force] [-Context <String[]>] [-Engine <ThingEngine>]
                 [-WhatIf] [-Confirm] [<CommonParameters>]
                ```
                """, page);
            // A parameter that behaves differently per set gets one block per set, as platyPS writes it.
            Assert.Contains("""
                ### -Name
                A name, as `docker thing --name` takes it.

                ```yaml
                Type: String[]
                Parameter Sets: ByName
                Aliases: N
                Accepted values: a, b

                Required: True
                Position: 0
                Default value: None
                Accept pipeline input: True (ByPropertyName, ByValue)
                Accept wildcard characters: True
                ```

                ```yaml
                Type: String[]
                Parameter Sets: ById
                """, page);
            // Inherited parameters and inputs carry the shared prose.
            Assert.Contains("### -Context\nContexts.\n\n```yaml\nType: String[]\nParameter Sets: (All)\n", page);
            Assert.Contains("### DockerPS.UnitTests.HelpFixtures.ThingEngine\nEngines.\n", page);
            Assert.Contains("### System.String\nNames.\n", page);
            Assert.Contains("### Example 1: Everything\n```powershell\nGet-DockerThing\n```\n\nLists them.\n\n### Example 2: One\n", page);
        }

        [Fact]
        public void MamlTakesMetadataFromTheCmdletAndPutsTypeDescriptionsBesideTheirType()
        {
            var maml = XDocument.Parse(MamlWriter.ToXml(MamlWriter.Convert(Set(Page()).Commands)));

            var syntax = maml.Descendants(Command + "syntaxItem")
                .Select(s => string.Join(",", s.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value))).ToArray();
            Assert.Equal(["Name,Force,Context,Engine,WhatIf,Confirm", "Name,Id,Force,Context,Engine,WhatIf,Confirm"], syntax);
            var name = maml.Descendants(Command + "parameters").Single().Elements().First();
            Assert.Equal(("true", "0", "true (ByValue, ByPropertyName)", "true", "N"),
                (name.Attribute("required")!.Value, name.Attribute("position")!.Value, name.Attribute("pipelineInput")!.Value, name.Attribute("globbing")!.Value, name.Attribute("aliases")!.Value));
            var force = maml.Descendants(Command + "parameters").Single().Elements().Single(p => p.Element(Maml + "name")!.Value == "Force");
            Assert.Null(force.Element(Command + "parameterValue"));
            // The description of an input type is the inputType's own, not inside dev:type (Get-Help ran them together).
            var input = maml.Descendants(Command + "inputType").First();
            Assert.Equal([Dev + "type", Maml + "description"], input.Elements().Select(e => e.Name));
            Assert.Equal(["System.String"], input.Element(Dev + "type")!.Elements().Select(e => e.Value));
            Assert.Equal("Names.", input.Element(Maml + "description")!.Value);
            Assert.Equal("A thing.", maml.Descendants(Command + "returnValue").Single().Element(Maml + "description")!.Value);
            Assert.Equal(["Gets all the things.", "- one", "- two"], maml.Root!.Elements(Command + "command").Single().Element(Maml + "description")!.Elements().Select(e => e.Value));
            var examples = maml.Descendants(Command + "example").ToList();
            Assert.Equal(["Lists them.", ""], examples[0].Element(Dev + "remarks")!.Elements().Select(e => e.Value));
            Assert.Null(examples[1].Element(Dev + "remarks"));
            Assert.Equal([("Get-DockerOther", ""), ("Docker", "https://docs.docker.com/")],
                maml.Descendants(Maml + "navigationLink").Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)));
        }

        [Theory]
        [InlineData("### -Force\nEverything.\n\n", "Get-DockerThing.md: -Force has no prose.")]
        [InlineData("## PARAMETERS\n\n", "Get-DockerThing.md: documents -Bogus, which Get-DockerThing does not have.", "## PARAMETERS\n\n### -Bogus\nNothing.\n\n")]
        [InlineData("## SYNOPSIS\nGets things.\n", "Get-DockerThing.md: no SYNOPSIS.")]
        [InlineData("## DESCRIPTION\nGets *all* the `things`.\n\n- one\n- two\n", "Get-DockerThing.md: no DESCRIPTION.")]
        [InlineData("### System.String\nNames.\n\n", "Get-DockerThing.md: INPUTS System.String has no prose.")]
        [InlineData("## OUTPUTS\n\n", "Get-DockerThing.md: OUTPUTS documents System.Int32, which the compiled cmdlet does not declare in [OutputType].", "## OUTPUTS\n\n### System.Int32\nNumbers.\n\n")]
        [InlineData("## NOTES", "Get-DockerThing.md: unknown section '## ALIASES'.", "## ALIASES\nNone.\n\n## NOTES")]
        [InlineData("# Get-DockerThing", "Get-DockerThing.md: the title is '# Get-DockerThings', not '# Get-DockerThing'.", "# Get-DockerThings")]
        public void ProseThatDisagreesWithTheCmdletFailsNamingPageAndPart(string remove, string problem, string insert = "")
        {
            Assert.Contains(remove, Prose);

            var problems = Set(Prose.Replace(remove, insert)).Problems();

            Assert.Contains(problems, p => p.EndsWith(problem, StringComparison.Ordinal));
        }

        [Fact]
        public void APageWithoutExamplesFails()
        {
            var prose = Prose[..Prose.IndexOf("### Example 1", StringComparison.Ordinal)] + Prose[Prose.IndexOf("## PARAMETERS", StringComparison.Ordinal)..];

            Assert.Contains(Path.Combine("docs", "Get-DockerThing.md") + ": no example.", Set(Page(prose)).Problems());
        }

        [Theory]
        [InlineData("Required: True\nPosition: 0", "Required: False\nPosition: 0", "parameter -Name differs from the compiled metadata (the metadata blocks and SYNTAX come from the compiled cmdlet): expected 'Required: True', found 'Required: False'.")]
        [InlineData("Get-DockerThing [-Name] <String[]> [-Force]", "Get-DockerThing [-Name] <String[]>", "'### ByName (Default)' differs")]
        [InlineData("### -Context\nContexts.", "### -Context\nMy contexts.", "parameter -Context differs from the compiled metadata (its prose is kept in " + "docs/shared/ThingCmdlet.md)")]
        [InlineData("Accept wildcard characters: True", "Accept wildcard characters: False", "parameter -Name differs")]
        [InlineData("Contexts.\n\n```yaml\nType: String[]", "Contexts.\n\n```yaml\nType: String", "parameter -Context differs from the compiled metadata (the metadata blocks and SYNTAX come from the compiled cmdlet)")]
        public void APageWhoseMetadataBlocksDifferFromTheCmdletFails(string written, string edited, string problem)
        {
            var page = Page();
            Assert.Contains(written, page);

            var problems = Set(page.Replace(written, edited)).Problems();

            var single = Assert.Single(problems);
            // It names the first line that differs.
            var lines = page.Split('\n');
            var differs = page.Replace(written, edited).Split('\n').Select((text, i) => (text, i)).First(x => x.text != lines[x.i]).i + 1;
            Assert.StartsWith($"{Path.Combine("docs", "Get-DockerThing.md")}:{differs}: ", single);
            Assert.Contains(problem.Replace('/', Path.DirectorySeparatorChar), single);
            Assert.EndsWith("The update step (dotnet build src/DockerPS -p:UpdateHelp=true) rewrites it.", single);
        }

        [Fact]
        public void ACmdletWithoutAPageAndAPageWithoutACmdletFail()
        {
            var problems = Set(Page().Replace("# Get-DockerThing", "# Get-DockerNothing"), file: "Get-DockerNothing.md").Problems();

            Assert.Contains(problems, p => p.StartsWith("Get-DockerThing (GetDockerThingCommand) has no page " + Path.Combine("docs", "Get-DockerThing.md"), StringComparison.Ordinal));
            Assert.Contains(Path.Combine("docs", "Get-DockerNothing.md") + ": there is no cmdlet Get-DockerNothing in the compiled module; remove the page or name it after a cmdlet.", problems);
        }

        [Theory]
        [InlineData("### -Context\nContexts.\n\n", "ThingCmdlet.md: -Context has no prose (it is declared on ThingCmdlet, and written once for every cmdlet that inherits it).")]
        [InlineData("## INPUTS", "ThingCmdlet.md: documents -Bogus, which no cmdlet inherits from ThingCmdlet.", "### -Bogus\nNothing.\n\n## INPUTS")]
        [InlineData("### DockerPS.UnitTests.HelpFixtures.ThingEngine\nEngines.", "ThingCmdlet.md: INPUTS DockerPS.UnitTests.HelpFixtures.ThingEngine has no prose (the pipeline parameters that take it are declared on ThingCmdlet).")]
        public void SharedProseThatDisagreesFails(string remove, string problem, string insert = "")
        {
            Assert.Contains(remove, SharedProse);

            var problems = Set(Page(), SharedProse.Replace(remove, insert)).Problems();

            Assert.Contains(problems, p => p.EndsWith(problem, StringComparison.Ordinal));
        }

        [Fact]
        public void UpdateMovesPageProseOfAParameterNowInheritedToTheSharedPage()
        {
            var shared = new List<DockerPS.HelpCompiler.SharedProse> { DockerPS.HelpCompiler.SharedProse.Read("# ThingCmdlet\n\n## PARAMETERS\n", "docs/shared/ThingCmdlet.md") };
            var page = ProsePage.Read(Prose.Replace("## INPUTS", "### -Context\nThe contexts.\n\n## INPUTS"), "docs/Get-DockerThing.md");

            var changed = HelpSet.SeedShared("docs", Fixture, [page], shared);

            var written = Assert.Single(changed).Write();
            Assert.Contains("### -Context\nThe contexts.\n", written);
            Assert.Contains("### DockerPS.UnitTests.HelpFixtures.ThingEngine\n{{ Fill in what the cmdlets take as DockerPS.UnitTests.HelpFixtures.ThingEngine }}\n", written);
            Assert.Contains(Set(Page(), written).Problems(), p => p.Contains("ThingEngine has no prose", StringComparison.Ordinal));
        }

        [Fact]
        public void TheManifestExportsEveryCmdletAndAlias()
        {
            var manifest = "@{\n    CmdletsToExport      = @()\n    AliasesToExport      = @()\n}\n";

            var filled = ModuleManifest.FillExports(manifest, Fixture);

            Assert.Equal("@{\n    CmdletsToExport      = @(\n        'Get-DockerThing'\n    )\n    AliasesToExport      = @(\n        'gdt'\n    )\n}\n", filled);
            Assert.Throws<FormatException>(() => ModuleManifest.FillExports("@{ CmdletsToExport = @('x') }", Fixture));
        }

        [Fact]
        public void TheShippedPagesAgreeWithTheCompiledCmdlets()
        {
            var cmdlets = CmdletMetadataReader.Read(typeof(StopDockerContainerCommand).Assembly.Location, References);
            var pages = Directory.GetFiles(Docs, "*-*.md").Select(f => (ProsePage.Read(File.ReadAllText(f), f), File.ReadAllText(f)));
            var shared = Directory.GetFiles(Path.Combine(Docs, "shared"), "*.md").Select(f => DockerPS.HelpCompiler.SharedProse.Read(File.ReadAllText(f), f));

            var set = new HelpSet(Docs, cmdlets, pages, shared);

            Assert.Empty(set.Problems());
            Assert.Equal(cmdlets.Count, set.Commands.Count);
            Assert.Contains(cmdlets, c => c.Name == "Request-DockerImage" && c.Aliases.SequenceEqual(["Pull-DockerImage"]));
        }

        [Fact]
        public void AboutTopicsBecomeHelpText()
        {
            var text = AboutTopicWriter.Write(File.ReadAllText(Path.Combine(Docs, "about_DockerPS.md")), "about_DockerPS");

            Assert.StartsWith("TOPIC\n    about_DockerPS\n\nSHORT DESCRIPTION\n    DockerPS", text);
            Assert.Contains("\nLONG DESCRIPTION\n", text);
            Assert.Contains("    - DOCKER_HOST, for example", text);
        }

        /// <summary>
        /// about_DockerPS lists the error ids in one shape a test can read: under '## Error ids', one item per id,
        /// "- `Id`: meaning", which Get-Help shows as "    - Id: meaning".
        /// </summary>
        [Fact]
        public void AboutTopicListsErrorIdsOnePerItem()
        {
            var markdown = File.ReadAllText(Path.Combine(Docs, "about_DockerPS.md"));
            var section = markdown[markdown.IndexOf("\n## Error ids\n", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
            var ids = System.Text.RegularExpressions.Regex.Matches(section, @"^- `([A-Za-z0-9]+)`: ", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

            var text = AboutTopicWriter.Write(markdown, "about_DockerPS");

            Assert.True(ids.Count > 60, $"{ids.Count} ids");
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(ids.Count, section.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
            Assert.All(ids, id => Assert.Contains($"\n    - {id}: ", text));
            Assert.Contains("ContainerNotFound", ids);
        }
    }
}

// A small cmdlet family for the help compiler's tests, compiled like DockerPS's own: a base class that declares
// shared parameters, and a cmdlet with two parameter sets.
namespace DockerPS.UnitTests.HelpFixtures
{
    public sealed class Thing;

    public sealed class ThingEngine;

    public abstract class ThingCmdlet : PSCmdlet
    {
        [Parameter]
        public string[]? Context { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public ThingEngine? Engine { get; set; }
    }

    [Cmdlet(VerbsCommon.Get, "DockerThing", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Thing))]
    [Alias("gdt")]
    public sealed class GetDockerThingCommand : ThingCmdlet
    {
        [Parameter(ParameterSetName = "ByName", Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = "ById", Position = 1)]
        [Alias("N")]
        [SupportsWildcards]
        [ValidateSet("a", "b")]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = "ById", Mandatory = true)]
        public int Id { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }
    }
}
