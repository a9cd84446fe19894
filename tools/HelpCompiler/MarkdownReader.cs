using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DockerPS.HelpCompiler;

/// <summary>
/// Reads platyPS-schema markdown (the layout platyPS's New-/Update-MarkdownHelp write) into <see cref="CommandHelp"/>.
/// A page missing what Get-Help needs (synopsis, description, an example, a metadata block per parameter) is an error.
/// </summary>
public static class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static CommandHelp ReadCommand(string markdown, string file)
    {
        var blocks = Markdown.Parse(markdown, Pipeline).Where(b => b is not Markdig.Extensions.Yaml.YamlFrontMatterBlock).ToList();
        var title = blocks.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1)
            ?? throw new FormatException($"{file}: no '# Command-Name' heading.");
        var help = new CommandHelp { Name = Text(title.Inline) };

        string? section = null;
        ExampleHelp? example = null;
        ParameterHelp? parameter = null;
        TypeHelp? type = null;
        foreach (var block in blocks.SkipWhile(b => b != title).Skip(1))
        {
            switch (block)
            {
                case HeadingBlock { Level: 2 } h:
                    section = Text(h.Inline).ToUpperInvariant();
                    example = null;
                    parameter = null;
                    type = null;
                    break;
                case HeadingBlock { Level: 3 } h:
                    var heading = Text(h.Inline);
                    switch (section)
                    {
                        case "SYNTAX":
                            help.SyntaxSets.Add(heading.Replace("(Default)", "").Trim());
                            break;
                        case "EXAMPLES":
                            example = new ExampleHelp(heading, "", []);
                            help.Examples.Add(example);
                            break;
                        case "PARAMETERS":
                            parameter = heading == "CommonParameters" ? null : new ParameterHelp { Name = heading.TrimStart('-') };
                            if (parameter is not null)
                            {
                                help.Parameters.Add(parameter);
                            }
                            break;
                        case "INPUTS" or "OUTPUTS":
                            type = new TypeHelp(heading, []);
                            (section == "INPUTS" ? help.Inputs : help.Outputs).Add(type);
                            break;
                    }
                    break;
                case FencedCodeBlock code:
                    var body = code.Lines.ToString().TrimEnd();
                    if (section == "EXAMPLES" && example is not null)
                    {
                        var index = help.Examples.IndexOf(example);
                        example = example with { Code = example.Code.Length == 0 ? body : example.Code + "\n\n" + body };
                        help.Examples[index] = example;
                    }
                    else if (section == "PARAMETERS" && parameter is not null)
                    {
                        ReadParameterMetadata(parameter, body, file);
                    }
                    break;
                case ParagraphBlock or ListBlock when section == "RELATED LINKS":
                    // platyPS writes links as paragraphs; lists of links are read too.
                    var paragraphs = block is ParagraphBlock single ? [single] : block.Descendants<ParagraphBlock>();
                    foreach (var link in paragraphs.SelectMany(p => p.Inline?.Descendants<LinkInline>() ?? []))
                    {
                        help.Links.Add((Text(link), link.Url ?? ""));
                    }
                    break;
                case ParagraphBlock p:
                    var text = Text(p.Inline);
                    switch (section)
                    {
                        case "SYNOPSIS": help.Synopsis = (help.Synopsis + " " + text).Trim(); break;
                        case "DESCRIPTION": help.Description.Add(text); break;
                        case "EXAMPLES": example?.Remarks.Add(text); break;
                        case "PARAMETERS": parameter?.Description.Add(text); break;
                        case "INPUTS" or "OUTPUTS": type?.Description.Add(text); break;
                        case "NOTES": help.Notes.Add(text); break;
                    }
                    break;
                case ListBlock list:
                    var items = string.Join("\n", list.Descendants<ParagraphBlock>().Select(i => "- " + Text(i.Inline)));
                    switch (section)
                    {
                        case "DESCRIPTION": help.Description.Add(items); break;
                        case "NOTES": help.Notes.Add(items); break;
                        case "PARAMETERS": parameter?.Description.Add(items); break;
                    }
                    break;
            }
        }
        Validate(help, file);
        return help;
    }

    private static void ReadParameterMetadata(ParameterHelp parameter, string yaml, string file)
    {
        foreach (var line in yaml.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "Type": parameter.Type = value; break;
                case "Parameter Sets": parameter.ParameterSets.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)); break;
                case "Aliases": parameter.Aliases = value; break;
                case "Accepted values": parameter.AcceptedValues.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)); break;
                case "Required": parameter.Required = bool.Parse(value); break;
                case "Position": parameter.Position = value; break;
                case "Default value": parameter.DefaultValue = value; break;
                case "Accept pipeline input": parameter.PipelineInput = value; break;
                case "Accept wildcard characters": parameter.Globbing = bool.Parse(value); break;
                default: throw new FormatException($"{file}: parameter -{parameter.Name} has an unknown metadata key '{key}'.");
            }
        }
    }

    private static void Validate(CommandHelp help, string file)
    {
        var missing = new List<string>();
        if (help.Synopsis.Length == 0) missing.Add("SYNOPSIS");
        if (help.Description.Count == 0) missing.Add("DESCRIPTION");
        if (help.SyntaxSets.Count == 0) missing.Add("SYNTAX");
        if (!help.Examples.Any(e => e.Code.Length > 0)) missing.Add("an example with code");
        missing.AddRange(help.Parameters.Where(p => p.Type.Length == 0 || p.ParameterSets.Count == 0).Select(p => $"the metadata block of -{p.Name}"));
        missing.AddRange(help.Parameters.Where(p => p.Description.Count == 0).Select(p => $"the description of -{p.Name}"));
        if (missing.Count > 0)
        {
            throw new FormatException($"{file}: missing {string.Join(", ", missing)}.");
        }
    }

    /// <summary>The plain text of inline markdown: code spans and link texts kept, markup dropped.</summary>
    public static string Text(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString().Trim();
    }

    private static void Append(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null: return;
            case LiteralInline literal: text.Append(literal.Content); break;
            case CodeInline code: text.Append(code.Content); break;
            case LineBreakInline: text.Append(' '); break;
            case HtmlEntityInline entity: text.Append(entity.Transcoded); break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }
                break;
        }
    }
}
