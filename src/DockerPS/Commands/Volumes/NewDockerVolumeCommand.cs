using System.Collections;

namespace DockerPS.Commands;

/// <summary><c>docker volume create</c>: a named volume, or one the engine names; writes the volume.</summary>
[Cmdlet(VerbsCommon.New, "DockerVolume", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Volume))]
public sealed class NewDockerVolumeCommand : DockerCmdlet
{
    private const string NameSet = "Name";

    /// <summary>The volume's name; without one the engine makes one up.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The volume driver; the engine's default (local) when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>Driver options (<c>docker volume create -o</c>), e.g. <c>@{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=100m' }</c>.</summary>
    [Parameter]
    [Alias("DriverOption")]
    public Hashtable? Option { get; set; }

    [Parameter]
    public Hashtable? Label { get; set; }

    protected override object? TargetOfItem => Name;

    protected override void ProcessItem()
    {
        if (Pairs(Option, nameof(Option)) is not { } options || Pairs(Label, nameof(Label)) is not { } labels)
        {
            return;
        }
        if (ShouldProcess(Name ?? "a volume the engine names", "Create volume"))
        {
            WriteObject(Await(ct => VolumeOperations.CreateAsync(TargetEngine, Name, Driver, options, labels, ct)));
        }
    }

    /// <summary>The table's entries as text; null after an error naming the parameter when a key is empty.</summary>
    private Dictionary<string, string>? Pairs(Hashtable? table, string parameter)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table ?? [])
        {
            var key = LanguagePrimitives.ConvertTo<string>(entry.Key);
            if (string.IsNullOrWhiteSpace(key))
            {
                WriteError(ErrorFor(ErrorCatalog.InvalidSyntax(parameter), new ArgumentException($"-{parameter} has an empty key; give each entry a name."), table));
                return null;
            }
            pairs[key] = LanguagePrimitives.ConvertTo<string>(entry.Value) ?? string.Empty;
        }
        return pairs;
    }
}
