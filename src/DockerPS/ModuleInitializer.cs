using System.Reflection;
using System.Runtime.Loader;

namespace DockerPS;

/// <summary>
/// Loads DockerPS.Engine, and through it every third-party dependency, into a private load context, so that
/// another module's SSH.NET, BouncyCastle or Microsoft.Extensions.* in the default context cannot clash with ours
/// (PowerShell docs: "Resolving PowerShell module assembly dependency conflicts"). The default context is asked
/// to resolve only DockerPS.Engine, a name no other module uses; the private context resolves the rest.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssemblyName = "DockerPS.Engine";

    private static readonly DependencyLoadContext Dependencies = new(
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies"));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == EngineAssemblyName ? Dependencies.LoadFromAssemblyName(name) : null;

    private sealed class DependencyLoadContext(string directory) : AssemblyLoadContext("DockerPS")
    {
        /// <summary>Ours when we ship it; anything else (PowerShell, the runtime) comes from the default context.</summary>
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
