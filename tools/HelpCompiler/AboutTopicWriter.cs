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
                    text.Append(Wrap(MarkdownSections.Text(p.Inline), "    ", "    ")).Append("\n\n");
                    break;
                case FencedCodeBlock code:
                    text.Append(Indent(code.Lines.ToString().TrimEnd(), 8)).Append("\n\n");
                    break;
                case ListBlock list:
                    foreach (var item in list.Descendants<ParagraphBlock>())
                    {
                        text.Append(Wrap("- " + MarkdownSections.Text(item.Inline), "    ", "      ")).Append('\n');
                    }
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>Words wrapped to <see cref="Width"/> columns, as about topics are written (a console wraps mid-word).</summary>
    private static string Wrap(string text, string first, string rest)
    {
        var lines = new StringBuilder(first);
        var column = first.Length;
        var lineStart = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!lineStart && column + 1 + word.Length > Width)
            {
                lines.Append('\n').Append(rest);
                column = rest.Length;
                lineStart = true;
            }
            if (!lineStart)
            {
                lines.Append(' ');
                column++;
            }
            lines.Append(word);
            column += word.Length;
            lineStart = false;
        }
        return lines.ToString();
    }

    private const int Width = 80;

    private static string Indent(string text, int by = 4) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', by) + line));
}
