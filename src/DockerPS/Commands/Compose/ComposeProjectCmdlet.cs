using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// A cmdlet about one compose project on an engine: the project piped from Import-DockerCompose, or read from the
/// compose files its parameters name (the current folder's by default).
/// </summary>
public abstract class ComposeProjectCmdlet : DockerCmdlet, IDynamicParameters
{
    internal const string FileSet = "File";
    internal const string ProjectSet = "Project";

    /// <summary>A project Import-DockerCompose read.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProjectSet)]
    public ComposeProject Project { get; set; } = null!;

    /// <summary>Which files make the project and how they are read.</summary>
    public ComposeFileParameters Files { get; } = new();

    public object GetDynamicParameters() => Files;

    protected override object? TargetOfItem => ParameterSetName == ProjectSet ? Project.Name : Files.ProjectName ?? Files.Path?.FirstOrDefault();

    /// <summary>
    /// Carries out the changes wave by wave (<see cref="ComposePlan.Waves"/>), as compose does: every change of a wave is
    /// asked for first (-WhatIf, -Confirm), then the approved ones run at once; each is written as it is done, in plan
    /// order, and a change that fails is an error about it. After a wave with a failure nothing more is done.
    /// </summary>
    protected void Apply(string activity, IReadOnlyList<IReadOnlyList<ComposeChange>> waves, string verb, Func<ComposeChange, CancellationToken, Task> apply)
    {
        var total = waves.Sum(w => w.Count);
        var done = 0;
        foreach (var wave in waves)
        {
            WriteProgress(new ProgressRecord(1, activity, string.Join(", ", wave.Select(c => c.Name))) { PercentComplete = done * 100 / Math.Max(1, total) });
            var approved = wave.Where(c => c.Action == "UpToDate" || ShouldProcess(c.Name, $"{c.Action} {c.Kind.ToLowerInvariant()} ({c.Reason}){verb}")).ToList();
            var outcomes = Await(ct => Task.WhenAll(approved.Select(async c =>
            {
                try
                {
                    if (c.Action != "UpToDate")
                    {
                        await apply(c, ct).ConfigureAwait(false);
                    }
                    return (Change: c, Failure: (DockerPSException?)null);
                }
                catch (DockerPSException e)
                {
                    return (Change: c, Failure: e);
                }
            })));
            done += wave.Count;
            foreach (var (change, failure) in outcomes)
            {
                if (failure is null)
                {
                    WriteObject(change);
                }
                else
                {
                    WriteError(ErrorFor(failure, change.Name));
                }
            }
            if (outcomes.Any(o => o.Failure is not null))
            {
                break;
            }
        }
        WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>The project to work on: the one piped, else the one the files make.</summary>
    protected ComposeProject LoadProject() =>
        ParameterSetName == ProjectSet ? Project : Files.Load(Files.Path ?? [], SessionState.Path.CurrentFileSystemLocation.ProviderPath);
}
