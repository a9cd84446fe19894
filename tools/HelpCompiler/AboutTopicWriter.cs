using System.Text;
using Markdig;
using Markdig.Syntax;

namespace DockerPS.HelpCompiler;

/// <summary>Turns a platyPS about-topic page (about_*.md) into the about_*.help.txt that Get-Help shows.</summary>
public static class AboutTopicWriter
{
    public static string Write(string markdown, string topic)
    {
        var text = new StringBuilder().Append("TOPIC\n    ").Append(topic).Append("\n\n");
        foreach (var block in Markdown.Parse(markdown))
        {
            switch (block)
            {
                case HeadingBlock { Level: 1 } h when MarkdownSections.Text(h.Inline).StartsWith("About ", StringComparison.OrdinalIgnoreCase):
                case HeadingBlock { Level: 2 } h2 when MarkdownSections.Text(h2.Inline) == topic:
                    break;
                case HeadingBlock h:
                    text.Append(MarkdownSections.Text(h.Inline).ToUpperInvariant()).Append('\n');
                    break;
                case ParagraphBlock p:
                    text.Append(Indent(MarkdownSections.Text(p.Inline))).Append("\n\n");
                    break;
                case FencedCodeBlock code:
                    text.Append(Indent(code.Lines.ToString().TrimEnd(), 8)).Append("\n\n");
                    break;
                case ListBlock list:
                    foreach (var item in list.Descendants<ParagraphBlock>())
                    {
                        text.Append(Indent("- " + MarkdownSections.Text(item.Inline))).Append('\n');
                    }
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString();
    }

    private static string Indent(string text, int by = 4) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', by) + line));
}
