using System.Reflection;
using System.Runtime.Loader;

namespace DockerPS;

/// <summary>
/// DockerPS's own assemblies (this one and DockerPS.Engine, side by side in the module folder) load in the default
/// context, where PowerShell resolves type names: <c>[DockerPS.Container]</c>, typed parameters and
/// <c>catch [DockerPS.ContainerExitException]</c> work. Only the third-party dependencies (Docker.DotNet, SSH.NET,
/// BouncyCastle, YamlDotNet, Microsoft.Extensions.*, System.IO.Pipelines) load in a private context, so that another module's
/// copies cannot clash with ours (PowerShell docs: "Resolving PowerShell module assembly dependency conflicts"; the
/// split of PSResourceGet's module initializer).
/// They sit in <c>Dependencies/</c>, where nothing probes: when DockerPS.Engine needs one, the default context finds
/// none (or another module's older copy) and raises Resolving, which this answers with ours, only for the exact
/// version we ship, so that other modules' requests are left to their own resolvers. Resolving, not
/// AppDomain.AssemblyResolve: it runs before the AssemblyResolve handlers that match names loosely. Our engine still
/// binds to another copy when the default context accepts it as it is (another module loaded the same or a newer
/// version first), or when a Resolving handler registered before ours hands it out (the test platform's does).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static readonly DependencyLoadContext Dependencies = new(
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies"));

    private static int _registered;

    /// <summary>
    /// Registers the resolver once per process (each runspace's import calls this) and keeps it after Remove-Module: our
    /// assemblies stay loaded in the default context, and objects still in variables may need their dependencies.
    /// </summary>
    public void OnImport()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += (_, name) => Dependencies.Find(name);
            ConnectAhead();
        }
        // PowerShell resolves type names among loaded assemblies only; DockerPS.Engine would otherwise load with the first call.
        _ = typeof(DockerEngine).Assembly;
    }

    /// <summary>
    /// The first call of a new process compiles the HTTP, JSON and async code on its way to the engine (.NET cannot
    /// precompile generic code over its own types outside the framework; bench B7). When the default engine is a local
    /// socket, import starts the connection and version probe that call would begin with, in the background, so that
    /// the compiling is done, or under way, when the call comes. Remote engines wait for a call: connecting to them may
    /// take time, ask for credentials or reach across a network. A failure is left for the first call to meet and report.
    /// </summary>
    private static void ConnectAhead() => Task.Run(async () =>
    {
        try
        {
            var engine = DockerEngine.Resolve(null, null);
            if (engine.Endpoint.StartsWith("unix://", StringComparison.Ordinal))
            {
                await engine.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (DockerPSException)
        {
        }
    });

    private sealed class DependencyLoadContext(string directory) : AssemblyLoadContext("DockerPS")
    {
        /// <summary>Ours when we ship it; anything else (PowerShell, the runtime) comes from the default context.</summary>
        protected override Assembly? Load(AssemblyName name) => File.Exists(PathOf(name)) ? LoadFromAssemblyPath(PathOf(name)) : null;

        /// <summary>The dependency of that name and version, loaded in this context once however often it is asked for; null when we do not ship that version.</summary>
        public Assembly? Find(AssemblyName name) =>
            File.Exists(PathOf(name)) && AssemblyName.GetAssemblyName(PathOf(name)).Version == name.Version ? LoadFromAssemblyName(name) : null;

        private string PathOf(AssemblyName name) => Path.Combine(directory, name.Name + ".dll");
    }
}
