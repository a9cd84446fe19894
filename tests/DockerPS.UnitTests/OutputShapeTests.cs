using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using DockerPS.Commands;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>
/// Every DockerPS type a cmdlet declares as output is plain data within ConvertTo-Json's default depth of 2: its
/// properties are values, lists and maps of values, or objects of values (and lists of those), never an engine
/// answer's deep model, which stays reachable through a method (GetRaw). For Export-Csv, which writes each property's
/// ToString(), lists and maps are ValueList and ValueMap, and objects print their own text, not a type name.
/// </summary>
public sealed class OutputShapeTests
{
    // Documents, not engine objects: a compose project is as deep as the files it was read from, and writes itself
    // whole as JSON with its ToJson() (compose's own form); ConvertTo-Json needs a -Depth for it, as for any document.
    private static readonly HashSet<Type> Documents = [typeof(DockerPS.Compose.ComposeProject)];

    public static TheoryData<Type> OutputTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(DockerCmdlet).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>())
            .SelectMany(a => a.Type).Select(n => n.Type)
            .Where(t => t?.Assembly == typeof(Container).Assembly && !Documents.Contains(t)).Distinct())
        {
            data.Add(type!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OutputTypes))]
    public void PropertiesAreDataWithinTwoLevels(Type type) =>
        Assert.All(Properties(type), p => Assert.True(TopLevel(p.PropertyType), $"{type.Name}.{p.Name} is a {p.PropertyType}"));

    private static IEnumerable<PropertyInfo> Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>
    /// Text, a number, a time or a duration, a flag or an enum: what ConvertTo-Json writes at any depth (a TimeSpan as an
    /// object of numbers, or as its text where the depth ends).
    /// </summary>
    private static bool Value(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t.IsPrimitive || t.IsEnum || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid)
            || t == typeof(TimeSpan));

    private static bool Values(Type type) => Properties(type).All(p => Value(p.PropertyType));

    /// <summary>An object Export-Csv can write: its own ToString, not object's type name or a record's generated one.</summary>
    private static bool Printable(Type type) =>
        type.GetMethod(nameof(ToString), Type.EmptyTypes) is { } toString && toString.DeclaringType != typeof(object) && !toString.IsDefined(typeof(CompilerGeneratedAttribute));

    /// <summary>An object of data, not a .NET collection (which Export-Csv writes as its type's name).</summary>
    private static bool Record(Type type) => type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type);

    private static bool ListOf(Type type, Func<Type, bool> item) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>) && item(type.GetGenericArguments()[0]);

    /// <summary>A property of an output object (depth 1): values, maps, lists of values or of objects of values, or an object of those (depth 2).</summary>
    private static bool TopLevel(Type type) =>
        Value(type) || type == typeof(ValueMap) || ListOf(type, t => Value(t) || (Record(t) && Printable(t) && Values(t)))
        || (Record(type) && Printable(type) && Properties(type).All(p => Nested(p.PropertyType)));

    /// <summary>A property of a property (depth 2): its own parts (depth 3) must be values.</summary>
    private static bool Nested(Type type) => Value(type) || type == typeof(ValueMap) || ListOf(type, Value) || (Record(type) && Values(type));
}
