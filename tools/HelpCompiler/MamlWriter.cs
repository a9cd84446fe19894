using System.Text;
using System.Xml;
using System.Xml.Serialization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using DockerPS.HelpCompiler.Maml;

namespace DockerPS.HelpCompiler;

/// <summary>Turns command help (compiled metadata and prose) into MAML, the XML Get-Help reads for binary cmdlets.</summary>
public static class MamlWriter
{
    private static readonly XmlSerializer Serializer = new(typeof(HelpItems));

    public static HelpItems Convert(IEnumerable<CommandHelp> commands) => new() { Commands = commands.Select(Command).ToList() };

    public static void Save(HelpItems help, Stream stream)
    {
        var names = new XmlSerializerNamespaces();
        names.Add("maml", Ns.Maml);
        names.Add("command", Ns.Command);
        names.Add("dev", Ns.Dev);
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        Serializer.Serialize(writer, help, names);
    }

    public static string ToXml(HelpItems help)
    {
        using var stream = new MemoryStream();
        Save(help, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Command Command(CommandHelp help)
    {
        var cmdlet = help.Cmdlet;
        var notes = Paragraphs(help.Notes);
        return new Command
        {
            Details = new Details { Name = cmdlet.Name, Verb = cmdlet.Verb, Noun = cmdlet.Noun, Synopsis = Paragraphs(help.Synopsis) },
            Description = Paragraphs(help.Description),
            Syntax = cmdlet.ParameterSets.Select(set => new SyntaxItem
            {
                Name = cmdlet.Name,
                Parameters = PageWriter.SyntaxOrder(cmdlet, set).Select(x => SyntaxParameter(x.Parameter, x.Set)).ToList(),
            }).ToList(),
            Parameters = help.Parameters.Select(p => Parameter(p.Parameter, p.Prose)).ToList(),
            InputTypes = help.Inputs.Select(TypeWithDescription).ToList(),
            ReturnValues = help.Outputs.Select(TypeWithDescription).ToList(),
            AlertSet = notes.Count > 0 ? [new Alert { Paragraphs = notes }] : null,
            Examples = help.Examples.Select(Example).ToList(),
            RelatedLinks = Links(help.Links).ToList(),
        };
    }

    /// <summary>
    /// An example; remarks end with an empty paragraph, which Get-Help shows as the blank line before the next title.
    /// </summary>
    private static Example Example(ExampleProse example)
    {
        var remarks = example.Blocks.Where(b => b.Block is not FencedCodeBlock).SelectMany(b => Paragraphs(b.Source)).ToList();
        return new Example
        {
            Title = $"--------- {example.Title} ---------",
            Code = example.Code,
            Remarks = remarks.Count > 0 ? [.. remarks, ""] : null,
        };
    }

    private static Maml.Parameter SyntaxParameter(CmdletParameter parameter, CmdletParameterSet set) => new()
    {
        Name = parameter.Name,
        Required = set.Mandatory,
        Position = set.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named",
        Globbing = parameter.SupportsWildcards,
        PipelineInput = MamlPipelineInput(set.ByValue, set.ByPropertyName),
        Aliases = Aliases(parameter),
        VariableLength = parameter.IsArray,
        ValueGroup = parameter.AcceptedValues.Count > 0 ? parameter.AcceptedValues.Select(v => new ParameterValue { Required = false, Value = v }).ToList() : null,
        Value = parameter.AcceptedValues.Count > 0 ? null : Value(parameter),
        Type = new DataType { Name = parameter.TypeName },
    };

    /// <summary>The parameter as PARAMETERS shows it: required, position and pipeline input over all its sets.</summary>
    private static Maml.Parameter Parameter(CmdletParameter parameter, string prose) => new()
    {
        Name = parameter.Name,
        Required = parameter.Sets.Any(s => s.Mandatory),
        Position = parameter.Sets.Select(s => s.Position).FirstOrDefault(p => p is not null)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named",
        Globbing = parameter.SupportsWildcards,
        PipelineInput = MamlPipelineInput(parameter.Sets.Any(s => s.ByValue), parameter.Sets.Any(s => s.ByPropertyName)),
        Aliases = Aliases(parameter),
        VariableLength = parameter.IsArray,
        Description = Paragraphs(prose),
        Value = Value(parameter),
        Type = new DataType { Name = parameter.TypeName },
        DefaultValue = parameter.IsSwitch ? "False" : "None",
    };

    private static ParameterValue? Value(CmdletParameter parameter) =>
        parameter.IsSwitch ? null : new ParameterValue { Required = true, VariableLength = parameter.IsArray, Value = parameter.TypeName };

    private static string Aliases(CmdletParameter parameter) => parameter.Aliases.Count > 0 ? string.Join(", ", parameter.Aliases) : "none";

    private static string MamlPipelineInput(bool byValue, bool byPropertyName) =>
        PageWriter.PipelineInput(byValue, byPropertyName, "true ({0})", "false", "ByValue, ByPropertyName");

    private static TypeWithDescription TypeWithDescription((string Type, string Prose) type) =>
        new() { Type = new DataType { Name = type.Type }, Description = Paragraphs(type.Prose) };

    /// <summary>Links to other pages show their text only (Get-Help has no use for a .md path); web links keep the address.</summary>
    private static IEnumerable<NavigationLink> Links(string markdown) =>
        Markdown.Parse(markdown).Descendants<ParagraphBlock>()
            .SelectMany(p => p.Inline?.Descendants<LinkInline>() ?? [])
            .Select(link => new NavigationLink
            {
                LinkText = MarkdownSections.Text(link),
                Uri = link.Url is { } url && url.Contains("://", StringComparison.Ordinal) ? url : "",
            });

    /// <summary>Markdown prose as MAML paragraphs: one per paragraph, one per list item ("- item"), code as written.</summary>
    public static List<string> Paragraphs(string markdown)
    {
        var paragraphs = new List<string>();
        foreach (var block in Markdown.Parse(markdown))
        {
            switch (block)
            {
                case ParagraphBlock p:
                    paragraphs.Add(MarkdownSections.Text(p.Inline));
                    break;
                case ListBlock list:
                    paragraphs.AddRange(list.OfType<ListItemBlock>().Select(item =>
                        "- " + string.Join(" ", item.Descendants<ParagraphBlock>().Select(p => MarkdownSections.Text(p.Inline)))));
                    break;
                case FencedCodeBlock code:
                    paragraphs.Add(code.Lines.ToString().TrimEnd());
                    break;
            }
        }
        return paragraphs;
    }
}
