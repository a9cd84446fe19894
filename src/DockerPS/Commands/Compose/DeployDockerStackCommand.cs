using DockerPS.Completion;
using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker stack deploy</c>: deploys a compose project to a swarm as a stack. The overlay networks, secrets and configs
/// the stack does not have yet are created, then each service is created, or updated in place when the stack has it,
/// all named STACK_KEY and labelled with the stack's namespace. Writes one change per object; -WhatIf shows them and
/// changes nothing. It does not wait for the services to converge, as the docker CLI does not.
/// </summary>
// Deploy is an approved verb from PowerShell 6 on; PowerShellStandard 5.1 has no constant for it.
[Cmdlet("Deploy", "DockerStack", DefaultParameterSetName = FileSet, SupportsShouldProcess = true)]
[OutputType(typeof(ComposeChange))]
public sealed class DeployDockerStackCommand : ComposeProjectCmdlet
{
    /// <summary>The stack's name (<c>docker stack deploy STACK</c>); the project's name when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Removes the stack's services the project no longer has (<c>--prune</c>).</summary>
    [Parameter]
    public SwitchParameter Prune { get; set; }

    protected override object? TargetOfItem => Name ?? base.TargetOfItem;

    protected override void ProcessItem()
    {
        var project = LoadProject();
        var plan = ComposeStack.Plan(project, Name ?? project.Name);
        var engine = TargetEngine;
        var changes = Await(ct => ComposeStack.PlanDeployAsync(engine, plan, Prune, ct));
        foreach (var change in changes)
        {
            if (change.Action == "UpToDate")
            {
                WriteObject(change);
            }
            else if (ShouldProcess(change.Name, $"{change.Action} {change.Kind.ToLowerInvariant()} of stack {plan.Stack}"))
            {
                foreach (var warning in Await(ct => ComposeStack.ApplyAsync(engine, plan, change, null, ct)))
                {
                    WriteWarning(warning);
                }
                WriteObject(change);
            }
        }
    }
}
