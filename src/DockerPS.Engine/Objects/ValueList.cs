using System.Collections.ObjectModel;

namespace DockerPS;

/// <summary>
/// A list in DockerPS output (names, ports, tags, …). ConvertTo-Json writes it as an array; Export-Csv writes its items
/// joined with commas, as <c>docker ps</c> joins names (<c>web,db</c>), where it would write a type name for a .NET list.
/// </summary>
public sealed class ValueList<T> : ReadOnlyCollection<T>
{
    public ValueList(IEnumerable<T>? items)
        : base(items?.ToArray() ?? [])
    {
    }

    public override string ToString() => string.Join(',', this);
}
