using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// DockerPS's own assemblies load in the default context, where PowerShell resolves type names; its third-party
/// dependencies live in a context of their own, beside the other versions the process already has.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class IsolationTests(EngineFixture fixture)
{
    private static readonly string[] OurAssemblies = ["DockerPS", "DockerPS.Engine"];

    private static readonly string Dependencies = Path.Combine(TestEnvironment.ModuleFolder, "Dependencies");

    private static AssemblyLoadContext Ours => AssemblyLoadContext.All.Single(c => c.Name == "DockerPS");

    [Fact]
    public void WorksWithAnotherVersionOfADependencyAlreadyLoaded()
    {
        var result = fixture.Session.Run("Get-DockerVersion");

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.Equal(new Version(8, 0, 0, 0), Loaded(Ours, "Microsoft.Extensions.Logging.Abstractions").GetName().Version);
        Assert.Equal(new Version(6, 0, 0, 0), Loaded(AssemblyLoadContext.Default, "Microsoft.Extensions.Logging.Abstractions").GetName().Version);
        Assert.Contains(Ours.Assemblies, a => a.GetName().Name == "Docker.DotNet");
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Docker.DotNet");
    }

    [Fact]
    public void OurAssembliesLoadInTheDefaultContextAndOnlyThirdPartyOnesInOurs()
    {
        Assert.Empty(fixture.Session.Run("Get-DockerContainer -Name dps-fx-* | Out-Null").Errors);

        foreach (var name in OurAssemblies)
        {
            var assembly = AssemblyLoadContext.Default.Assemblies.Single(a => a.GetName().Name == name);
            Assert.Equal(Path.Combine(TestEnvironment.ModuleFolder, name + ".dll"), assembly.Location);
        }
        Assert.NotEmpty(Ours.Assemblies);
        Assert.All(Ours.Assemblies, a =>
        {
            Assert.DoesNotContain(a.GetName().Name, OurAssemblies);
            Assert.Equal(Dependencies, Path.GetDirectoryName(a.Location));
        });
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.Location.StartsWith(Dependencies, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryThirdPartyReferenceOfOurAssembliesIsShippedInExactlyThatVersion()
    {
        // The resolver answers only for the versions in Dependencies/; everything else must come with PowerShell or .NET.
        var shipped = Directory.GetFiles(Dependencies, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => AssemblyName.GetAssemblyName(f).Version);
        var references = OurAssemblies.SelectMany(name => References(Path.Combine(TestEnvironment.ModuleFolder, name + ".dll"))).ToArray();
        // What this process's runtime and PowerShell provide (the test platform's own few are no module's references).
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var thirdParty = references.Where(r => !OurAssemblies.Contains(r.Name) && (shipped.ContainsKey(r.Name!) || !platform.Contains(r.Name))).ToArray();

        Assert.All(thirdParty, r => Assert.Equal(shipped.GetValueOrDefault(r.Name!), r.Version));
        Assert.Contains(thirdParty, r => r.Name == "Renci.SshNet");
    }

    [Fact]
    public void SshWorksBesideAnotherModulesOlderSshNetAndBouncyCastle()
    {
        // TestEnvironment loaded another module's copies into the default context before any import.
        Assert.All(TestEnvironment.OtherModuleAssemblies, a => Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(a)));
        var home = Environment.GetEnvironmentVariable("HOME");
        Environment.SetEnvironmentVariable("HOME", SshEnvironment.Home);
        try
        {
            var result = fixture.Session.Run($"(Get-DockerVersion -DockerHost ssh://{SshEnvironment.Alias}).Version");

            Assert.Empty(result.Errors);
            Assert.Equal(DockerCli.Run("version", "--format", "{{.Server.Version}}").Trim(), result.Output.Single().ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOME", home);
        }
        // Ours, from Dependencies/, beside the other module's (BouncyCastle's assembly version is 2.0.0.0 in every 2.x: the files differ).
        Assert.Equal(new Version(2026, 0, 1, 1), Loaded(Ours, "Renci.SshNet").GetName().Version);
        Assert.Equal(new Version(2026, 0, 0, 1), Loaded(AssemblyLoadContext.Default, "Renci.SshNet").GetName().Version);
        Assert.Equal(Path.Combine(Dependencies, "BouncyCastle.Cryptography.dll"), Loaded(Ours, "BouncyCastle.Cryptography").Location);
        Assert.Contains(Loaded(AssemblyLoadContext.Default, "BouncyCastle.Cryptography"), TestEnvironment.OtherModuleAssemblies);
    }

    [Fact]
    public void AnotherModulesSshNetLoadedAfterUsLoadsAndSshGoesOnWorking()
    {
        var other = Path.Combine(AppContext.BaseDirectory, "OtherModule");
        var script = $$"""
            $env:HOME = '{{SshEnvironment.Home}}'
            Import-Module '{{TestEnvironment.ModuleManifest}}' -ErrorAction Stop
            (Get-DockerVersion -DockerHost ssh://{{SshEnvironment.Alias}} -ErrorAction Stop).Version
            Add-Type -Path '{{other}}/BouncyCastle.Cryptography.dll', '{{other}}/Renci.SshNet.dll'
            [Renci.SshNet.PrivateKeyFile]::new('{{SshEnvironment.Ed25519Key}}').Key.ToString()
            [Renci.SshNet.PrivateKeyFile].Assembly.GetName().Version.ToString()
            (Get-DockerVersion -DockerHost ssh://root@{{SshEnvironment.Address}}:{{SshEnvironment.Port}} -ErrorAction Stop).Version
            """;

        var (output, errors) = RealPwsh(script);

        var version = DockerCli.Run("version", "--format", "{{.Server.Version}}").Trim();
        Assert.True(errors.Length == 0, errors);
        Assert.Equal([version, "ssh-ed25519", "2026.0.0.1", version], output);
    }

    /// <summary>Runs a script in a new real pwsh (the repository's tool manifest), returning its output lines and error text.</summary>
    private static (string[] Output, string Errors) RealPwsh(string script)
    {
        var start = new ProcessStartInfo("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", script])
        {
            WorkingDirectory = TestEnvironment.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), errors.Result);
    }

    private static AssemblyName[] References(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName()).ToArray();
    }

    private static Assembly Loaded(AssemblyLoadContext context, string name) => context.Assemblies.Single(a => a.GetName().Name == name);
}
