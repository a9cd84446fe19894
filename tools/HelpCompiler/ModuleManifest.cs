using System.Text.RegularExpressions;

namespace DockerPS.HelpCompiler;

/// <summary>Fills the module manifest's export lists from the compiled cmdlets, so no list is kept by hand.</summary>
public static partial class ModuleManifest
{
    [GeneratedRegex(@"^(?<indent>[ \t]*)(?<key>CmdletsToExport|AliasesToExport)(?<space>\s*)=\s*@\(\s*\)", RegexOptions.Multiline)]
    private static partial Regex EmptyList();

    /// <summary>Replaces <c>CmdletsToExport = @()</c> and <c>AliasesToExport = @()</c> with the cmdlets' names and aliases.</summary>
    public static string FillExports(string manifest, IReadOnlyList<CmdletMetadata> cmdlets)
    {
        var lists = new Dictionary<string, IEnumerable<string>>
        {
            ["CmdletsToExport"] = cmdlets.Select(c => c.Name),
            ["AliasesToExport"] = cmdlets.SelectMany(c => c.Aliases),
        };
        var filled = new HashSet<string>();
        var result = EmptyList().Replace(manifest, match =>
        {
            var indent = match.Groups["indent"].Value;
            var key = match.Groups["key"].Value;
            filled.Add(key);
            var items = lists[key].Order(StringComparer.Ordinal).Select(name => $"{indent}    '{name}'\n");
            return $"{indent}{key}{match.Groups["space"].Value}= @(\n{string.Concat(items)}{indent})";
        });
        var missing = lists.Keys.Except(filled).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"the manifest has no empty {string.Join(" or ", missing.Select(k => k + " = @()"))} for the build to fill.");
        }
        return result;
    }
}
