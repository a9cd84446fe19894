using System.Text;

namespace DockerPS.HelpCompiler;

/// <summary>
/// Writes a cmdlet page in platyPS's markdown schema 2.0.0: the prose as written, and SYNTAX, each parameter's
/// metadata block and the INPUTS/OUTPUTS headings from the compiled cmdlet (as platyPS's Update-MarkdownHelp does).
/// </summary>
public static class PageWriter
{
    private const int SyntaxWidth = 110;

    public const string CommonParameters = """
        This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable,
        -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable,
        -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see
        [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).
        """;

    public static string Write(CommandHelp help)
    {
        var cmdlet = help.Cmdlet;
        var page = new StringBuilder();
        page.Append("---\nexternal help file: DockerPS.dll-Help.xml\nModule Name: DockerPS\nonline version:\nschema: 2.0.0\n---\n\n");
        page.Append("# ").Append(cmdlet.Name).Append("\n\n");
        Section(page, "SYNOPSIS", help.Synopsis);
        page.Append("## SYNTAX\n\n");
        foreach (var set in cmdlet.ParameterSets)
        {
            var isDefault = set == cmdlet.DefaultParameterSet && set != CmdletMetadata.AllParameterSets;
            page.Append("### ").Append(set).Append(isDefault ? " (Default)" : "").Append("\n```\n").Append(Syntax(cmdlet, set)).Append("\n```\n\n");
        }
        Section(page, "DESCRIPTION", help.Description);
        page.Append("## EXAMPLES\n\n");
        foreach (var example in help.Examples)
        {
            page.Append("### ").Append(example.Title).Append('\n').Append(example.Source).Append("\n\n");
        }
        page.Append("## PARAMETERS\n\n");
        foreach (var (parameter, prose) in help.Parameters)
        {
            page.Append("### -").Append(parameter.Name).Append('\n').Append(prose).Append("\n\n");
            foreach (var block in MetadataBlocks(cmdlet, parameter))
            {
                page.Append("```yaml\n").Append(block).Append("```\n\n");
            }
        }
        page.Append("### CommonParameters\n").Append(CommonParameters).Append("\n\n");
        Types(page, "INPUTS", help.Inputs);
        Types(page, "OUTPUTS", help.Outputs);
        Section(page, "NOTES", help.Notes);
        page.Append("## RELATED LINKS\n\n").Append(help.Links);
        return page.ToString().TrimEnd('\n') + "\n";
    }

    private static void Section(StringBuilder page, string name, string prose)
    {
        page.Append("## ").Append(name).Append('\n');
        page.Append(prose.Length > 0 ? prose + "\n\n" : "\n");
    }

    private static void Types(StringBuilder page, string name, IEnumerable<(string Type, string Prose)> types)
    {
        page.Append("## ").Append(name).Append("\n\n");
        foreach (var (type, prose) in types)
        {
            page.Append("### ").Append(type).Append('\n').Append(prose).Append("\n\n");
        }
    }

    /// <summary>
    /// One syntax line as Get-Command shows it: positional parameters by position, then mandatory ones, then the
    /// others, in declaration order; wrapped, continuation lines start with a space.
    /// </summary>
    public static string Syntax(CmdletMetadata cmdlet, string set)
    {
        var tokens = SyntaxOrder(cmdlet, set).Select(x => Token(x.Parameter, x.Set)).Append("[<CommonParameters>]");
        var text = new StringBuilder(cmdlet.Name);
        var lineStart = 0;
        foreach (var token in tokens)
        {
            if (text.Length - lineStart + 1 + token.Length > SyntaxWidth)
            {
                text.Append('\n');
                lineStart = text.Length;
            }
            text.Append(' ').Append(token);
        }
        return text.ToString();
    }

    public static IEnumerable<(CmdletParameter Parameter, CmdletParameterSet Set)> SyntaxOrder(CmdletMetadata cmdlet, string set)
    {
        var members = cmdlet.InSet(set).ToList();
        return members.Where(m => m.Set.Position is not null).OrderBy(m => m.Set.Position)
            .Concat(members.Where(m => m.Set.Position is null && m.Set.Mandatory))
            .Concat(members.Where(m => m.Set.Position is null && !m.Set.Mandatory));
    }

    private static string Token(CmdletParameter parameter, CmdletParameterSet set)
    {
        var name = set.Position is null ? $"-{parameter.Name}" : $"[-{parameter.Name}]";
        var token = parameter.IsSwitch ? $"-{parameter.Name}" : $"{name} <{parameter.TypeName}>";
        return set.Mandatory ? token : $"[{token}]";
    }

    /// <summary>platyPS's metadata block; one per group of parameter sets in which the parameter behaves alike.</summary>
    public static IEnumerable<string> MetadataBlocks(CmdletMetadata cmdlet, CmdletParameter parameter)
    {
        var order = cmdlet.ParameterSets.ToList();
        return parameter.Sets
            .OrderBy(s => s.Name == CmdletMetadata.AllParameterSets ? -1 : order.IndexOf(s.Name))
            .GroupBy(s => (s.Mandatory, s.Position, s.ByValue, s.ByPropertyName))
            .Select(group =>
            {
                var block = new StringBuilder();
                var sets = group.Select(s => s.Name == CmdletMetadata.AllParameterSets ? "(All)" : s.Name);
                block.Append("Type: ").Append(parameter.TypeName).Append('\n');
                block.Append("Parameter Sets: ").Append(string.Join(", ", sets)).Append('\n');
                block.Append("Aliases:").Append(parameter.Aliases.Count > 0 ? " " + string.Join(", ", parameter.Aliases) : "").Append('\n');
                if (parameter.AcceptedValues.Count > 0)
                {
                    block.Append("Accepted values: ").Append(string.Join(", ", parameter.AcceptedValues)).Append('\n');
                }
                block.Append('\n');
                block.Append("Required: ").Append(group.Key.Mandatory ? "True" : "False").Append('\n');
                block.Append("Position: ").Append(group.Key.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named").Append('\n');
                block.Append("Default value: ").Append(parameter.IsSwitch ? "False" : "None").Append('\n');
                block.Append("Accept pipeline input: ").Append(PipelineInput(group.Key.ByValue, group.Key.ByPropertyName, "True ({0})", "False", "ByPropertyName, ByValue")).Append('\n');
                block.Append("Accept wildcard characters: ").Append(parameter.SupportsWildcards ? "True" : "False").Append('\n');
                return block.ToString();
            });
    }

    /// <summary>How platyPS words pipeline input: markdown lists ByPropertyName first, MAML ByValue first.</summary>
    public static string PipelineInput(bool byValue, bool byPropertyName, string format, string none, string both) =>
        (byValue, byPropertyName) switch
        {
            (true, true) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, both),
            (true, false) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, "ByValue"),
            (false, true) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, "ByPropertyName"),
            _ => none,
        };
}
