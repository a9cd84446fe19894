namespace DockerPS.HelpCompiler;

/// <summary>One cmdlet's help: its compiled metadata with the prose that goes with each part.</summary>
public sealed record CommandHelp(
    CmdletMetadata Cmdlet,
    string Synopsis,
    string Description,
    IReadOnlyList<ExampleProse> Examples,
    IReadOnlyList<(CmdletParameter Parameter, string Prose)> Parameters,
    IReadOnlyList<(string Type, string Prose)> Inputs,
    IReadOnlyList<(string Type, string Prose)> Outputs,
    string Notes,
    string Links)
{
    public string Name => Cmdlet.Name;
}

/// <summary>
/// The compiled cmdlets matched with the pages of docs/help and the shared prose of docs/help/shared: which prose
/// belongs to which parameter, every way the two disagree, and each page as the update step writes it.
/// </summary>
public sealed class HelpSet
{
    public const string SharedFolder = "shared";
    public const string NoType = "None";

    private readonly string _docs;
    private readonly Dictionary<string, ProsePage> _pages;
    private readonly Dictionary<string, string> _pageTexts;
    private readonly Dictionary<string, SharedProse> _shared;

    public HelpSet(string docs, IReadOnlyList<CmdletMetadata> cmdlets, IEnumerable<(ProsePage Page, string Text)> pages, IEnumerable<SharedProse> shared)
    {
        _docs = docs;
        Cmdlets = cmdlets;
        var pageList = pages.ToList();
        _pages = pageList.ToDictionary(p => Path.GetFileNameWithoutExtension(p.Page.File), p => p.Page, StringComparer.Ordinal);
        _pageTexts = pageList.ToDictionary(p => p.Page.File, p => p.Text.Replace("\r\n", "\n"));
        _shared = shared.ToDictionary(s => s.Class, StringComparer.Ordinal);
        Commands = cmdlets.Select(Resolve).ToList();
    }

    public IReadOnlyList<CmdletMetadata> Cmdlets { get; }

    /// <summary>Every cmdlet's help; prose nobody wrote is a placeholder (see <see cref="IsMissing"/>).</summary>
    public IReadOnlyList<CommandHelp> Commands { get; }

    public static string Placeholder(string what) => $"{{{{ Fill in {what} }}}}";

    public static bool IsMissing(string prose) => string.IsNullOrWhiteSpace(prose) || prose.StartsWith("{{ Fill in", StringComparison.Ordinal);

    public string PagePath(string cmdlet) => Path.Combine(_docs, cmdlet + ".md");

    public string SharedPath(string owner) => Path.Combine(_docs, SharedFolder, owner + ".md");

    private CommandHelp Resolve(CmdletMetadata cmdlet)
    {
        var page = _pages.GetValueOrDefault(cmdlet.Name);
        var pageParameters = page?.Parameters ?? [];
        var ordered = pageParameters.Select(p => cmdlet.Parameters.FirstOrDefault(m => m.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase)))
            .OfType<CmdletParameter>()
            .Concat(cmdlet.Parameters)
            .Distinct();
        var parameters = ordered.Select(p => (p, ParameterProse(cmdlet, p, page))).ToList();
        var inputs = (cmdlet.InputTypes.Count > 0 ? cmdlet.InputTypes : [NoType])
            .Select(t => (t, InputProse(cmdlet, t, page))).ToList();
        var outputs = (cmdlet.OutputTypes.Where(t => t != "System.Void").DefaultIfEmpty(NoType))
            .Select(t => (t, Find(page?.Outputs, t) ?? Placeholder($"what {cmdlet.Name} writes as {t}"))).ToList();
        return new CommandHelp(
            cmdlet,
            Or(page?.Synopsis, Placeholder($"the synopsis of {cmdlet.Name}")),
            Or(page?.Description, Placeholder($"the description of {cmdlet.Name}")),
            page?.Examples ?? [],
            parameters,
            inputs,
            outputs,
            page?.Notes ?? "",
            page?.Links ?? "");
    }

    private string ParameterProse(CmdletMetadata cmdlet, CmdletParameter parameter, ProsePage? page) =>
        IsShared(cmdlet, parameter.Owner)
            ? _shared.GetValueOrDefault(parameter.Owner)?.Parameters.GetValueOrDefault(parameter.Name) ?? Placeholder($"-{parameter.Name} in {SharedPath(parameter.Owner)}")
            : Or(page?.Parameters.FirstOrDefault(p => p.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).Prose, Placeholder($"the description of -{parameter.Name}"));

    private string InputProse(CmdletMetadata cmdlet, string type, ProsePage? page) =>
        cmdlet.InputOwner(type) is { } owner && IsShared(cmdlet, owner)
            ? _shared.GetValueOrDefault(owner)?.Inputs.GetValueOrDefault(type) ?? Placeholder($"{type} in {SharedPath(owner)}")
            : Find(page?.Inputs, type) ?? Placeholder($"what {cmdlet.Name} takes as {type}");

    /// <summary>A parameter declared on a base class has its prose written once, for every cmdlet that inherits it.</summary>
    private static bool IsShared(CmdletMetadata cmdlet, string owner) => owner != cmdlet.ClassName;

    /// <summary>Type prose by full name, or by the name without namespace (so a namespace move keeps the prose).</summary>
    private static string? Find(List<(string Type, string Prose)>? prose, string type)
    {
        if (prose is null)
        {
            return null;
        }
        var match = prose.FirstOrDefault(p => p.Type == type);
        if (match.Type is null)
        {
            match = prose.FirstOrDefault(p => ShortName(p.Type) == ShortName(type));
        }
        return match.Type is null || IsMissing(match.Prose) ? null : match.Prose;
    }

    private static string ShortName(string type) => type[(type.LastIndexOf('.') + 1)..];

    private static string Or(string? prose, string placeholder) => prose is null || IsMissing(prose) ? placeholder : prose;

    /// <summary>
    /// Gives every inherited parameter and input type without shared prose the prose a page already has for it (the
    /// first page, by name, of a cmdlet that inherits it), or a placeholder; returns the shared pages it changed.
    /// </summary>
    public static IReadOnlyList<SharedProse> SeedShared(string docs, IReadOnlyList<CmdletMetadata> cmdlets, IEnumerable<ProsePage> pages, List<SharedProse> shared)
    {
        var byName = pages.ToDictionary(p => Path.GetFileNameWithoutExtension(p.File), StringComparer.Ordinal);
        var changed = new HashSet<SharedProse>();
        SharedProse For(string owner)
        {
            if (shared.FirstOrDefault(s => s.Class == owner) is not { } found)
            {
                found = new SharedProse { File = Path.Combine(docs, SharedFolder, owner + ".md"), Class = owner };
                shared.Add(found);
            }
            return found;
        }
        foreach (var cmdlet in cmdlets)
        {
            var page = byName.GetValueOrDefault(cmdlet.Name);
            foreach (var parameter in cmdlet.Parameters.Where(p => IsShared(cmdlet, p.Owner)))
            {
                var target = For(parameter.Owner);
                var prose = page?.Parameters.FirstOrDefault(p => p.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).Prose;
                if (target.Parameters.GetValueOrDefault(parameter.Name) is not { } current || (IsMissing(current) && prose is not null && !IsMissing(prose)))
                {
                    target.Parameters[parameter.Name] = prose is not null && !IsMissing(prose) ? prose : Placeholder($"the description of -{parameter.Name}");
                    changed.Add(target);
                }
            }
            foreach (var type in cmdlet.InputTypes)
            {
                if (cmdlet.InputOwner(type) is not { } owner || !IsShared(cmdlet, owner))
                {
                    continue;
                }
                var target = For(owner);
                var prose = Find(page?.Inputs, type);
                if (target.Inputs.GetValueOrDefault(type) is not { } current || (IsMissing(current) && prose is not null))
                {
                    target.Inputs[type] = prose ?? Placeholder($"what the cmdlets take as {type}");
                    changed.Add(target);
                }
            }
        }
        return [.. changed];
    }

    /// <summary>Every disagreement between the compiled cmdlets, the pages and the shared prose, each naming its file.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var names = Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, page) in _pages.Where(p => !names.Contains(p.Key)))
        {
            problems.Add($"{page.File}: there is no cmdlet {name} in the compiled module; remove the page or name it after a cmdlet.");
        }
        foreach (var help in Commands)
        {
            if (!_pages.TryGetValue(help.Name, out var page))
            {
                problems.Add($"{help.Name} ({help.Cmdlet.ClassName}) has no page {PagePath(help.Name)}; the update step (dotnet build src/DockerPS -p:UpdateHelp=true) writes one to fill in.");
                continue;
            }
            var before = problems.Count;
            problems.AddRange(PageProblems(help, page));
            if (problems.Count == before)
            {
                problems.AddRange(TextProblems(help, page));
            }
        }
        problems.AddRange(SharedProblems());
        return problems;
    }

    private IEnumerable<string> PageProblems(CommandHelp help, ProsePage page)
    {
        var file = page.File;
        if (page.Title != help.Name)
        {
            yield return $"{file}: the title is '# {page.Title}', not '# {help.Name}'.";
        }
        foreach (var section in page.UnknownSections)
        {
            yield return $"{file}: unknown section '## {section}'.";
        }
        if (IsMissing(help.Synopsis))
        {
            yield return $"{file}: no SYNOPSIS.";
        }
        if (IsMissing(help.Description))
        {
            yield return $"{file}: no DESCRIPTION.";
        }
        if (help.Examples.Count == 0)
        {
            yield return $"{file}: no example.";
        }
        foreach (var example in help.Examples.Where(e => e.Code.Length == 0))
        {
            yield return $"{file}: example '{example.Title}' has no code.";
        }
        foreach (var (parameter, _) in help.Parameters.Where(p => IsMissing(p.Prose) && !IsShared(help.Cmdlet, p.Parameter.Owner)))
        {
            yield return $"{file}: -{parameter.Name} has no prose.";
        }
        foreach (var (name, _) in page.Parameters.Where(p => !help.Cmdlet.Parameters.Any(m => m.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"{file}: documents -{name}, which {help.Name} does not have.";
        }
        var ownInputs = help.Inputs.Where(i => help.Cmdlet.InputOwner(i.Type) is not { } owner || !IsShared(help.Cmdlet, owner)).ToList();
        foreach (var problem in TypeProblems(file, "INPUTS", help.Inputs, ownInputs, page.Inputs).Concat(TypeProblems(file, "OUTPUTS", help.Outputs, help.Outputs, page.Outputs)))
        {
            yield return problem;
        }
    }

    /// <summary>Types the page must describe (<paramref name="own"/>: not shared) without prose, and prose for types there are not.</summary>
    private static IEnumerable<string> TypeProblems(string file, string section, IReadOnlyList<(string Type, string Prose)> expected,
        IReadOnlyList<(string Type, string Prose)> own, List<(string Type, string Prose)> written)
    {
        foreach (var (type, _) in own.Where(t => IsMissing(t.Prose)))
        {
            yield return $"{file}: {section} {type} has no prose.";
        }
        foreach (var (type, _) in written.Where(w => !expected.Any(e => e.Type == w.Type || ShortName(e.Type) == ShortName(w.Type))))
        {
            yield return $"{file}: {section} documents {type}, which the compiled cmdlet does not " + (section == "INPUTS" ? "take from the pipeline." : "declare in [OutputType].");
        }
    }

    /// <summary>The page differs from what the update step writes: metadata blocks, SYNTAX, or shared prose.</summary>
    private IEnumerable<string> TextProblems(CommandHelp help, ProsePage page)
    {
        var expected = PageWriter.Write(help).Split('\n');
        var actual = _pageTexts[page.File].Split('\n');
        var line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
        {
            line++;
        }
        if (line == expected.Length && line == actual.Length)
        {
            yield break;
        }
        var heading = expected.Take(line + 1).LastOrDefault(l => l.StartsWith("### ", StringComparison.Ordinal) || l.StartsWith("## ", StringComparison.Ordinal)) ?? "";
        var where = heading.StartsWith("### -", StringComparison.Ordinal) ? $"parameter {heading[4..]}" : $"'{heading}'";
        // Inside a fenced block (SYNTAX, a metadata block) the line is generated; outside, under a shared parameter, it is the shared prose.
        var generated = expected.Take(line).Count(l => l.StartsWith("```", StringComparison.Ordinal)) % 2 == 1;
        var shared = help.Parameters.FirstOrDefault(p => "### -" + p.Parameter.Name == heading && IsShared(help.Cmdlet, p.Parameter.Owner)).Parameter;
        var hint = shared is not null && !generated
            ? $"its prose is kept in {SharedPath(shared.Owner)}"
            : "the metadata blocks and SYNTAX come from the compiled cmdlet";
        yield return $"{page.File}:{line + 1}: {where} differs from the compiled metadata ({hint}): expected '{At(expected, line)}', found '{At(actual, line)}'. "
            + "The update step (dotnet build src/DockerPS -p:UpdateHelp=true) rewrites it.";
    }

    private static string At(string[] lines, int line) => line < lines.Length ? lines[line] : "(end of file)";

    /// <summary>Shared prose missing for an inherited parameter or input, or written for one no class declares.</summary>
    private IEnumerable<string> SharedProblems()
    {
        var parameters = Cmdlets.SelectMany(c => c.Parameters.Where(p => IsShared(c, p.Owner)).Select(p => (p.Owner, p.Name))).Distinct().ToList();
        var inputs = Cmdlets.SelectMany(c => c.InputTypes.Select(t => (Owner: c.InputOwner(t), Type: t)).Where(x => x.Owner is not null && IsShared(c, x.Owner)))
            .Select(x => (Owner: x.Owner!, x.Type)).Distinct().ToList();
        foreach (var (owner, name) in parameters)
        {
            if (_shared.GetValueOrDefault(owner)?.Parameters.GetValueOrDefault(name) is not { } prose || IsMissing(prose))
            {
                yield return $"{SharedPath(owner)}: -{name} has no prose (it is declared on {owner}, and written once for every cmdlet that inherits it).";
            }
        }
        foreach (var (owner, type) in inputs)
        {
            if (_shared.GetValueOrDefault(owner)?.Inputs.GetValueOrDefault(type) is not { } prose || IsMissing(prose))
            {
                yield return $"{SharedPath(owner)}: INPUTS {type} has no prose (the pipeline parameters that take it are declared on {owner}).";
            }
        }
        foreach (var shared in _shared.Values)
        {
            foreach (var problem in shared.Problems)
            {
                yield return problem;
            }
            foreach (var name in shared.Parameters.Keys.Where(n => !parameters.Any(p => p.Owner == shared.Class && p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
            {
                yield return $"{shared.File}: documents -{name}, which no cmdlet inherits from {shared.Class}.";
            }
            foreach (var type in shared.Inputs.Keys.Where(t => !inputs.Contains((shared.Class, t))))
            {
                yield return $"{shared.File}: INPUTS documents {type}, which no cmdlet takes from the pipeline through parameters of {shared.Class}.";
            }
        }
    }
}
