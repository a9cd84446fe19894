using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DockerPS.Shell;

// DockerPS.Shell 'Get-DockerContainer; Get-DockerImage'  — imports out/DockerPS and runs the text, printed as pwsh would.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: DockerPS.Shell '<PowerShell commands>'");
    return 2;
}
var manifest = FindManifest();
using var runspace = RunspaceFactory.CreateRunspace(new TextHost(Console.Out), InitialSessionState.CreateDefault2());
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
ps.AddScript($"Import-Module '{manifest}' -ErrorAction Stop; {args[0]}").AddCommand("Out-Default");
ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
try
{
    ps.Invoke();
}
catch (RuntimeException e)
{
    Console.Error.WriteLine(e.ErrorRecord);
    return 1;
}
return ps.HadErrors ? 1 : 0;

static string FindManifest()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var manifest = Path.Combine(dir.FullName, "out", "DockerPS", "DockerPS.psd1");
        if (File.Exists(manifest))
        {
            return manifest;
        }
    }
    throw new FileNotFoundException("out/DockerPS/DockerPS.psd1 not found: build the module first (dotnet build src/DockerPS).");
}
