using System.Collections;

namespace DockerPS.Commands;

/// <summary>
/// What the Get- cmdlets that list engine objects share: -Label and -Filter passed to the engine as its list
/// filters (a filter the engine rejects is an InvalidFilter error), and names matched on the client with
/// PowerShell wildcards (a wildcard-free name that matches nothing is a not-found error for that name).
/// </summary>
public abstract class DockerListCmdlet : DockerCmdlet
{
    /// <summary>Only objects with these labels, each <c>key</c> or <c>key=value</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Engine filters, e.g. <c>@{ status = 'exited'; label = 'a=b', 'c' }</c>.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    /// <summary>The engine filter -Label goes to: <c>label</c>, the objects' own labels.</summary>
    protected virtual string LabelFilter => "label";

    /// <summary>The cmdlet's own engine filters (status, dangling, …), besides -Label and -Filter.</summary>
    protected virtual void AddFilters(FilterSet filters)
    {
    }

    /// <summary>
    /// Lists with the engine-side filters, on every engine of -Context at once (see <see cref="DockerCmdlet.AwaitOnEachEngine{T}"/>);
    /// null (after writing InvalidFilter) when the engine rejects them. What the cmdlet then asks of each engine about
    /// what it listed (-Detail's inspect calls) runs in that engine's own pass.
    /// </summary>
    protected IReadOnlyList<T>? List<T>(Func<DockerEngine, FilterSet, CancellationToken, Task<IReadOnlyList<T>>> list)
    {
        var filters = Filters();
        try
        {
            return AwaitOnEachEngine((engine, ct) => list(engine, filters, ct));
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.InvalidArgument)
        {
            WriteError(ErrorFor(e.As(ErrorCatalog.InvalidFilter), Filter));
            return null;
        }
    }

    /// <summary>The engine-side filters: the cmdlet's own, -Label and -Filter.</summary>
    protected FilterSet Filters()
    {
        var filters = new FilterSet();
        AddFilters(filters);
        foreach (var label in Label ?? [])
        {
            filters.Add(LabelFilter, label);
        }
        foreach (var (key, value) in FilterPairs(Filter))
        {
            filters.Add(key, value is bool b ? (b ? "true" : "false") : LanguagePrimitives.ConvertTo<string>(value));
        }
        return filters;
    }

    /// <summary>
    /// The items that match any of the patterns (all items without patterns), each once, in pattern order; a
    /// wildcard-free pattern that matches nothing is a not-found error for it.
    /// </summary>
    protected IReadOnlyList<T> Matching<T>(IReadOnlyList<T> items, string[]? patterns, Func<T, string, bool> matches, EngineObjectNoun noun)
    {
        if (patterns is null)
        {
            return items;
        }
        var written = new HashSet<T>();
        var result = new List<T>();
        foreach (var pattern in patterns)
        {
            var hits = items.Where(item => matches(item, pattern)).ToArray();
            if (hits.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteNotFound(noun, pattern);
            }
            result.AddRange(hits.Where(written.Add));
        }
        return result;
    }

    /// <summary>
    /// Names for cmdlets that act on named objects: wildcard patterns replaced by the listed names they match (listed
    /// only when there is a pattern), other names as given, each once.
    /// </summary>
    internal static IReadOnlyList<string> ExpandWildcards(IReadOnlyList<string> names, Func<IEnumerable<string>> list)
    {
        if (!names.Any(WildcardPattern.ContainsWildcardCharacters))
        {
            return names;
        }
        var all = list().ToArray();
        return names.SelectMany(name => WildcardPattern.ContainsWildcardCharacters(name) ? all.Where(n => Like(n, name)) : [name])
            .Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/> (wildcards, case-insensitive).</summary>
    protected static bool Like(string? value, string pattern) =>
        value is not null && WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase).IsMatch(value);
}
