using System.Xml.Linq;

namespace DockerPS.HelpCompiler;

/// <summary>Writes command help as MAML, the XML that Get-Help reads for binary cmdlets.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help)
    {
        var dash = help.Name.IndexOf('-');
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Name[..dash]),
                new XElement(Command + "noun", help.Name[(dash + 1)..]),
                Paragraphs(Maml + "description", [help.Synopsis])),
            Paragraphs(Maml + "description", help.Description),
            new XElement(Command + "syntax",
                help.SyntaxSets.Select(set => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", help.Name),
                    help.Parameters.Where(p => p.InSet(set)).Select(p => Parameter(p, inSyntax: true))))),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => new XElement(Command + "inputType", TypeElement(t)))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => new XElement(Command + "returnValue", TypeElement(t)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", help.Notes.Select(n => new XElement(Maml + "para", n)))),
            new XElement(Command + "examples", help.Examples.Select(e => new XElement(Command + "example",
                new XElement(Maml + "title", $"--------- {e.Title} ---------"),
                new XElement(Dev + "code", e.Code),
                Paragraphs(Dev + "remarks", e.Remarks)))),
            new XElement(Command + "relatedLinks", help.Links.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));
    }

    private static XElement Parameter(ParameterHelp p, bool inSyntax)
    {
        var isSwitch = p.Type == "SwitchParameter";
        return new XElement(Command + "parameter",
            new XAttribute("required", p.Required.ToString().ToLowerInvariant()),
            new XAttribute("variableLength", p.Type.EndsWith("[]", StringComparison.Ordinal).ToString().ToLowerInvariant()),
            new XAttribute("globbing", p.Globbing.ToString().ToLowerInvariant()),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", p.Position.ToLowerInvariant() == "named" ? "named" : p.Position),
            new XAttribute("aliases", p.Aliases.Length == 0 ? "none" : p.Aliases),
            new XElement(Maml + "name", p.Name),
            Paragraphs(Maml + "description", p.Description),
            inSyntax && p.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v)))
                : null,
            isSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", p.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", p.DefaultValue));
    }

    private static XElement TypeElement(TypeHelp type) =>
        new(Dev + "type", new XElement(Maml + "name", type.Name), new XElement(Maml + "uri"),
            Paragraphs(Maml + "description", type.Description));

    private static XElement Paragraphs(XName name, IEnumerable<string> paragraphs) =>
        new(name, paragraphs.Select(p => new XElement(Maml + "para", p)));
}
