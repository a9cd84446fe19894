using System.Management.Automation;
using System.Reflection;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>What every exported cmdlet must be, checked over all of them (as platyPS's Cmdlet.Tests.ps1 does).</summary>
[Collection(EngineCollection.Name)]
public sealed class ConventionTests(EngineFixture fixture)
{
    private static readonly HashSet<string> ReadOnlyVerbs = ["Get", "Find", "Search", "Test", "Measure", "Compare", "Show", "Watch", "Resolve", "Select", "Wait", "Read"];

    // Import as Import-Csv uses it: files read into objects, nothing changed anywhere.
    private static readonly HashSet<string> FileReaders = ["Import-DockerCompose"];

    private readonly PowerShellSession _ps = fixture.Session;

    public static TheoryData<string> Cmdlets()
    {
        using var session = new PowerShellSession();
        var data = new TheoryData<string>();
        foreach (var name in session.Run("(Get-Command -Module DockerPS -CommandType Cmdlet).Name").Output.Select(o => (string)o.BaseObject))
        {
            data.Add(name);
        }
        return data;
    }

    private CmdletInfo Info(string name) => (CmdletInfo)_ps.Run($"Get-Command {name}").Output.Single().BaseObject;

    [Fact]
    public void ImportIsSilentAndExportsWhatTheManifestLists()
    {
        using var session = new PowerShellSession();

        Assert.Empty(session.ImportResult!.Errors);
        Assert.Empty(session.ImportResult.Warnings);
        var exported = session.Run("(Get-Module DockerPS).ExportedCmdlets.Keys").Output.Select(o => (string)o.BaseObject).Order();
        var manifest = ((object[])ReadManifest()["CmdletsToExport"]!).Cast<string>().Order();
        Assert.Equal(manifest, exported);
        var aliases = session.Run("(Get-Module DockerPS).ExportedAliases.Values | ForEach-Object { $_.Name + '=' + $_.Definition }").Output.Select(o => (string)o.BaseObject);
        Assert.Equal(["Pull-DockerImage=Request-DockerImage"], aliases);
        Assert.Equal(["Pull-DockerImage"], ((object[])ReadManifest()["AliasesToExport"]!).Cast<string>());
        Assert.Equal("0.1.0", session.Run("(Get-Module DockerPS).Version.ToString()").Output.Single().BaseObject);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void VerbIsApprovedAndNounIsPrefixed(string name)
    {
        var approved = typeof(VerbsCommon).Assembly.GetTypes()
            .Where(t => t.Name.StartsWith("Verbs", StringComparison.Ordinal) && t.IsClass && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet();
        var info = Info(name);

        Assert.Contains(info.Verb, approved);
        Assert.StartsWith("Docker", info.Noun);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void DeclaresItsOutputType(string name) => Assert.NotEmpty(Info(name).OutputType);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void StateChangesSupportShouldProcess(string name)
    {
        var info = Info(name);
        var attribute = info.ImplementingType.GetCustomAttribute<CmdletAttribute>()!;

        if (!ReadOnlyVerbs.Contains(info.Verb) && !FileReaders.Contains(name))
        {
            Assert.True(attribute.SupportsShouldProcess, $"{name} changes state but has no -WhatIf/-Confirm");
        }
        if (info.ParameterSets.Count > 1)
        {
            Assert.False(string.IsNullOrEmpty(attribute.DefaultParameterSetName), $"{name} has no default parameter set");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ParametersNamingEngineObjectsComplete(string name)
    {
        // The -Name of New- cmdlets, of docker run and of context import is the name of something that does not exist yet.
        var info = Info(name);
        var namesNewObject = info.Verb == "New" || name is "Invoke-DockerContainer" or "Import-DockerContext";
        foreach (var parameter in info.Parameters.Values.Where(p => p.Name is "Id" or "Context" || (p.Name == "Name" && !namesNewObject)))
        {
            Assert.Contains(parameter.Attributes, a => a is ArgumentCompleterAttribute);
        }
    }

    [Fact]
    public void CmdletAssemblyBindsOnlyToPowerShellTheRuntimeAndItsEngine()
    {
        var references = MetadataReferences(Path.Combine(TestEnvironment.ModuleFolder, "DockerPS.dll"));

        Assert.All(references, r => Assert.True(
            r is "DockerPS.Engine" or "System.Management.Automation" or "netstandard" || r.StartsWith("System.", StringComparison.Ordinal) || r == "System",
            $"DockerPS.dll references {r}; third-party assemblies belong behind DockerPS.Engine in the private load context"));
        Assert.Contains("DockerPS.Engine", references);
    }

    private static System.Collections.Hashtable ReadManifest()
    {
        var ast = System.Management.Automation.Language.Parser.ParseFile(TestEnvironment.ModuleManifest, out _, out var errors);
        Assert.Empty(errors);
        var table = (System.Management.Automation.Language.HashtableAst)ast.Find(a => a is System.Management.Automation.Language.HashtableAst, false)!;
        return (System.Collections.Hashtable)table.SafeGetValue();
    }

    private static string[] MetadataReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
    }
}
