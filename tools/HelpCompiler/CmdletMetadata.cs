using System.Collections.ObjectModel;
using System.Reflection;

namespace DockerPS.HelpCompiler;

/// <summary>
/// A compiled cmdlet as PowerShell's parameter binder sees it: read from the assembly's attributes, never typed by hand.
/// </summary>
public sealed record CmdletMetadata(
    string Name,
    string ClassName,
    string DefaultParameterSet,
    bool SupportsShouldProcess,
    string ConfirmImpact,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<CmdletParameter> Parameters)
{
    public const string AllParameterSets = "__AllParameterSets";

    public string Verb => Name[..Name.IndexOf('-')];

    public string Noun => Name[(Name.IndexOf('-') + 1)..];

    /// <summary>The parameter sets, the default first, as Get-Command lists them; __AllParameterSets when none is named.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            // As PowerShell: a named default set exists even when no parameter names it.
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.Name).Prepend(DefaultParameterSet)
                .Where(s => s != AllParameterSets).Distinct().ToList();
            return named.Count > 0 ? named : [AllParameterSets];
        }
    }

    /// <summary>The parameters of one set with their settings in it (a parameter in every set joins each).</summary>
    public IEnumerable<(CmdletParameter Parameter, CmdletParameterSet Set)> InSet(string set) =>
        Parameters.Select(p => (p, p.Sets.FirstOrDefault(s => s.Name == set) ?? p.Sets.FirstOrDefault(s => s.Name == AllParameterSets)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.p, x.Item2!));

    /// <summary>The types that pipeline input binds to (element types for arrays), in parameter order.</summary>
    public IReadOnlyList<string> InputTypes =>
        Parameters.Where(p => p.Sets.Any(s => s.ByValue || s.ByPropertyName)).Select(p => p.ElementTypeFullName).Distinct().ToList();

    /// <summary>The class that declares the pipeline parameters of a type, when one class declares them all.</summary>
    public string? InputOwner(string type)
    {
        var owners = Parameters.Where(p => p.ElementTypeFullName == type && p.Sets.Any(s => s.ByValue || s.ByPropertyName)).Select(p => p.Owner).Distinct().ToList();
        return owners.Count == 1 ? owners[0] : null;
    }
}

/// <summary>One parameter: its type, aliases and the settings it has in each parameter set.</summary>
public sealed record CmdletParameter(
    string Name,
    string TypeName,
    string ElementTypeFullName,
    bool IsSwitch,
    bool IsArray,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<string> AcceptedValues,
    string Owner,
    IReadOnlyList<CmdletParameterSet> Sets);

public sealed record CmdletParameterSet(string Name, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

/// <summary>
/// Reads cmdlets from a compiled assembly with <see cref="MetadataLoadContext"/>: the assembly is inspected, never
/// loaded to run, so the compiler needs only the reference assemblies it was compiled against.
/// </summary>
public static class CmdletMetadataReader
{
    private const string Sma = "System.Management.Automation.";
    private const string ParameterGroupAttribute = "DockerPS.Commands.ParameterGroupAttribute";

    private static readonly string[] ConfirmImpacts = ["None", "Low", "Medium", "High"];

    /// <summary>Every public cmdlet class in the assembly, by cmdlet name.</summary>
    public static IReadOnlyList<CmdletMetadata> Read(string assemblyPath, IEnumerable<string> references)
    {
        var paths = references.Append(assemblyPath).Where(File.Exists)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(g => g.Last());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        return assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && Attribute(t, "CmdletAttribute") is not null)
            .Select(Cmdlet)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletMetadata Cmdlet(Type type)
    {
        var cmdlet = Attribute(type, "CmdletAttribute")!;
        var name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
        var shouldProcess = Named(cmdlet, "SupportsShouldProcess") is true;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        // The parameters of a [ParameterGroup] the cmdlet takes as dynamic parameters (exposed as a property) are its own too.
        var grouped = properties.Select(p => p.PropertyType)
            .Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == ParameterGroupAttribute))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));
        var parameters = properties.Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            .Concat(grouped)
            .Select(Parameter)
            .OfType<CmdletParameter>()
            .ToList();
        if (shouldProcess)
        {
            // PowerShell adds these for SupportsShouldProcess; what they do differs per cmdlet, so the page says it.
            parameters.Add(Switch("WhatIf", "wi", type.Name));
            parameters.Add(Switch("Confirm", "cf", type.Name));
        }
        return new CmdletMetadata(
            name,
            type.Name,
            Named(cmdlet, "DefaultParameterSetName") as string ?? CmdletMetadata.AllParameterSets,
            shouldProcess,
            ConfirmImpacts[Named(cmdlet, "ConfirmImpact") is int impact ? impact : 2],
            Attribute(type, "AliasAttribute") is { } alias ? Strings(alias.ConstructorArguments[0]) : [],
            Attributes(type, "OutputTypeAttribute").SelectMany(o => Values(o.ConstructorArguments[0]))
                .Select(v => v is Type t ? t.FullName! : (string)v!).Distinct().ToList(),
            parameters);
    }

    private static CmdletParameter Switch(string name, string alias, string owner) =>
        new(name, "SwitchParameter", Sma + "SwitchParameter", true, false, [alias], false, [], owner,
            [new CmdletParameterSet(CmdletMetadata.AllParameterSets, false, null, false, false)]);

    private static CmdletParameter? Parameter(MemberInfo member)
    {
        var sets = Attributes(member, "ParameterAttribute").Select(p => new CmdletParameterSet(
            Named(p, "ParameterSetName") as string ?? CmdletMetadata.AllParameterSets,
            Named(p, "Mandatory") is true,
            Named(p, "Position") is int position && position != int.MinValue ? position : null,
            Named(p, "ValueFromPipeline") is true,
            Named(p, "ValueFromPipelineByPropertyName") is true)).ToList();
        if (sets.Count == 0)
        {
            return null;
        }
        var type = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
        var element = type.IsArray ? type.GetElementType()! : type;
        return new CmdletParameter(
            member.Name,
            TypeName(type),
            (ValueOf(element) ?? element).FullName!,
            type.FullName == Sma + "SwitchParameter",
            type.IsArray,
            Attribute(member, "AliasAttribute") is { } alias ? Strings(alias.ConstructorArguments[0]) : [],
            Attribute(member, "SupportsWildcardsAttribute") is not null,
            Attribute(member, "ValidateSetAttribute") is { } set ? Strings(set.ConstructorArguments[0])
                : element.IsEnum ? element.GetEnumNames() : [],
            member.DeclaringType!.Name,
            sets);
    }

    /// <summary>The short type name platyPS shows (String[], Nullable types as their value type).</summary>
    private static string TypeName(Type type)
    {
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }
        if (ValueOf(type) is { } value)
        {
            return TypeName(value);
        }
        return type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}[{string.Join(",", type.GetGenericArguments().Select(TypeName))}]"
            : type.Name;
    }

    /// <summary>The value type of a Nullable (Nullable.GetUnderlyingType knows only the runtime's own Nullable, not the metadata's).</summary>
    private static Type? ValueOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : null;

    private static CustomAttributeData? Attribute(MemberInfo member, string name) => Attributes(member, name).FirstOrDefault();

    private static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + name);

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [argument.Value];

    private static string[] Strings(CustomAttributeTypedArgument argument) => Values(argument).Cast<string>().ToArray();
}
