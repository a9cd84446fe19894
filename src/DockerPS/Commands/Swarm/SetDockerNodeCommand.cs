using System.Collections;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker node update</c>, <c>docker node promote</c> and <c>docker node demote</c>: changes the availability, role
/// and labels of nodes. Settings not given stay as they are.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DockerNode", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Node))]
public sealed class SetDockerNodeCommand : NodeCmdlet
{
    /// <summary>active, pause (no new tasks) or drain (its tasks move to other nodes).</summary>
    [Parameter]
    [ValidateSet("active", "pause", "drain")]
    public string? Availability { get; set; }

    /// <summary>manager (promote) or worker (demote).</summary>
    [Parameter]
    [ValidateSet("manager", "worker")]
    public string? Role { get; set; }

    /// <summary>Labels to add or change, name to value.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Names of labels to remove.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveLabel { get; set; }

    /// <summary>Writes each node after updating it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Availability is null && Role is null && Label is null && RemoveLabel is null)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.NothingToUpdate,
                new PSArgumentException("Give at least one setting to change: -Availability, -Role, -Label or -RemoveLabel."), null));
        }
    }

    protected override void ProcessNode(string node)
    {
        if (!ShouldProcess(node, $"Update node ({Describe()})"))
        {
            return;
        }
        var update = new NodeUpdate { Availability = Availability, Role = Role, Labels = Strings(Label), RemoveLabels = RemoveLabel ?? [] };
        Await(ct => NodeOperations.UpdateAsync(TargetEngine, node, update, ct));
        if (PassThru)
        {
            WriteObject(Await(ct => NodeOperations.InspectAsync(TargetEngine, node, ct)));
        }
    }

    /// <summary>The changes, for -WhatIf and -Confirm.</summary>
    private string Describe() => string.Join(", ", new[]
    {
        Availability is null ? null : $"availability {Availability}",
        Role is null ? null : $"role {Role}",
        Label is null ? null : $"labels {string.Join(' ', Strings(Label).Select(l => $"{l.Key}={l.Value}"))}",
        RemoveLabel is null ? null : $"remove labels {string.Join(' ', RemoveLabel)}",
    }.OfType<string>());
}
