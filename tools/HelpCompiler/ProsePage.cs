namespace DockerPS.HelpCompiler;

/// <summary>
/// What a person writes on a cmdlet page (platyPS schema 2.0.0): synopsis, description, examples, the prose of each
/// parameter and of each input and output type, notes and links. The page's metadata blocks and SYNTAX are not read:
/// they are written from the compiled cmdlet.
/// </summary>
public sealed class ProsePage
{
    public static readonly string[] KnownSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    public required string File { get; init; }

    public string? Title { get; init; }

    public string Synopsis { get; init; } = "";

    public string Description { get; init; } = "";

    public List<ExampleProse> Examples { get; } = [];

    /// <summary>Parameter prose in page order, by name without the dash.</summary>
    public List<(string Name, string Prose)> Parameters { get; } = [];

    public List<(string Type, string Prose)> Inputs { get; } = [];

    public List<(string Type, string Prose)> Outputs { get; } = [];

    public string Notes { get; init; } = "";

    public string Links { get; init; } = "";

    public List<string> UnknownSections { get; } = [];

    public static ProsePage Read(string markdown, string file)
    {
        var doc = MarkdownSections.Parse(markdown);
        string Body(string name) => doc[name] is { } s ? ProseBlock.Join(s.Blocks) : "";
        var page = new ProsePage
        {
            File = file,
            Title = doc.Title,
            Synopsis = Body("SYNOPSIS"),
            Description = Body("DESCRIPTION"),
            Notes = Body("NOTES"),
            Links = Body("RELATED LINKS"),
        };
        page.Examples.AddRange(doc["EXAMPLES"]?.Subsections.Select(s => new ExampleProse(s.Heading, s.Blocks)) ?? []);
        page.Parameters.AddRange(doc["PARAMETERS"]?.Subsections.Where(s => s.Heading != "CommonParameters")
            .Select(s => (s.Heading.TrimStart('-'), ProseBlock.Join(s.Blocks.Where(b => !b.IsYaml)))) ?? []);
        page.Inputs.AddRange(TypeProse(doc["INPUTS"]));
        page.Outputs.AddRange(TypeProse(doc["OUTPUTS"]));
        page.UnknownSections.AddRange(doc.Sections.Select(s => s.Name).Where(n => !KnownSections.Contains(n)));
        return page;
    }

    private static IEnumerable<(string, string)> TypeProse(Section? section) =>
        section?.Subsections.Select(s => (s.Heading, ProseBlock.Join(s.Blocks))) ?? [];
}

/// <summary>One example: its title, and its code and remarks as written.</summary>
public sealed record ExampleProse(string Title, List<ProseBlock> Blocks)
{
    public string Code => string.Join("\n\n", Blocks.Select(b => b.Block).OfType<Markdig.Syntax.FencedCodeBlock>().Select(c => c.Lines.ToString().TrimEnd()));

    public string Source => ProseBlock.Join(Blocks);
}

/// <summary>
/// Prose for parameters (and the input types they bind) declared once on a base class, written once in
/// docs/help/shared/&lt;Class&gt;.md and shown on the page of every cmdlet that inherits them.
/// </summary>
public sealed class SharedProse
{
    public required string File { get; init; }

    public required string Class { get; init; }

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>What the page says about the class, before its sections.</summary>
    public string Preamble { get; init; } = "";

    public List<string> Problems { get; } = [];

    public static SharedProse Read(string markdown, string file)
    {
        var doc = MarkdownSections.Parse(markdown);
        var shared = new SharedProse { File = file, Class = Path.GetFileNameWithoutExtension(file), Preamble = ProseBlock.Join(doc.Preamble) };
        if (doc.Title != shared.Class)
        {
            shared.Problems.Add($"{file}: the title is '# {doc.Title}', not '# {shared.Class}' (the class whose parameters it documents).");
        }
        foreach (var section in doc.Sections)
        {
            var target = section.Name switch { "PARAMETERS" => shared.Parameters, "INPUTS" => shared.Inputs, _ => null };
            if (target is null)
            {
                shared.Problems.Add($"{file}: unknown section '## {section.Name}' (a shared page has PARAMETERS and INPUTS).");
                continue;
            }
            foreach (var sub in section.Subsections)
            {
                target[section.Name == "PARAMETERS" ? sub.Heading.TrimStart('-') : sub.Heading] = ProseBlock.Join(sub.Blocks);
            }
        }
        return shared;
    }

    public string Write()
    {
        var text = new System.Text.StringBuilder("# ").Append(Class).Append("\n\n");
        if (Preamble.Length > 0)
        {
            text.Append(Preamble).Append("\n\n");
        }
        text.Append("## PARAMETERS\n\n");
        foreach (var (name, prose) in Parameters)
        {
            text.Append("### -").Append(name).Append('\n').Append(prose).Append("\n\n");
        }
        if (Inputs.Count > 0)
        {
            text.Append("## INPUTS\n\n");
            foreach (var (type, prose) in Inputs)
            {
                text.Append("### ").Append(type).Append('\n').Append(prose).Append("\n\n");
            }
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }
}
