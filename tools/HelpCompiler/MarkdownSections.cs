using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DockerPS.HelpCompiler;

/// <summary>
/// A markdown file cut at its headings: the '#' title, '##' sections, and '###' subsections inside them. Each part keeps
/// its blocks as the author wrote them (source text), so rewriting a page changes only what is generated.
/// </summary>
public sealed class MarkdownSections
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public string? Title { get; private set; }

    public List<Section> Sections { get; } = [];

    public Section? this[string name] => Sections.FirstOrDefault(s => s.Name == name);

    public static MarkdownSections Parse(string markdown)
    {
        markdown = markdown.Replace("\r\n", "\n");
        var result = new MarkdownSections();
        Section? section = null;
        Subsection? subsection = null;
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            switch (block)
            {
                case Markdig.Extensions.Yaml.YamlFrontMatterBlock:
                    break;
                case HeadingBlock { Level: 1 } h when result.Title is null:
                    result.Title = Text(h.Inline);
                    break;
                case HeadingBlock { Level: 2 } h:
                    section = new Section(Text(h.Inline).ToUpperInvariant());
                    result.Sections.Add(section);
                    subsection = null;
                    break;
                case HeadingBlock { Level: 3 } h when section is not null:
                    subsection = new Subsection(Text(h.Inline));
                    section.Subsections.Add(subsection);
                    break;
                default:
                    var source = new ProseBlock(markdown.Substring(block.Span.Start, block.Span.Length).TrimEnd(), block);
                    if (subsection is not null)
                    {
                        subsection.Blocks.Add(source);
                    }
                    else if (section is not null)
                    {
                        section.Blocks.Add(source);
                    }
                    else
                    {
                        result.Preamble.Add(source);
                    }
                    break;
            }
        }
        return result;
    }

    /// <summary>Blocks before the first '##' section (besides the title).</summary>
    public List<ProseBlock> Preamble { get; } = [];

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

public sealed record Section(string Name)
{
    public List<ProseBlock> Blocks { get; } = [];

    public List<Subsection> Subsections { get; } = [];
}

public sealed record Subsection(string Heading)
{
    public List<ProseBlock> Blocks { get; } = [];
}

/// <summary>One markdown block: its source text, and the parsed block for reading its content.</summary>
public sealed record ProseBlock(string Source, Block Block)
{
    public bool IsYaml => Block is FencedCodeBlock { Info: "yaml" };

    public static string Join(IEnumerable<ProseBlock> blocks) => string.Join("\n\n", blocks.Select(b => b.Source));
}
