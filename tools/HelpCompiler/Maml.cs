using System.Xml.Serialization;

namespace DockerPS.HelpCompiler.Maml;

// The MAML that Get-Help reads for binary cmdlets, as typed classes: each element sits where PowerShell's help
// formatter looks for it (an input type's description is the inputType's, beside its dev:type, not inside it).

public static class Ns
{
    public const string Msh = "http://msh";
    public const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    public const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
}

[XmlRoot("helpItems", Namespace = Ns.Msh)]
public sealed class HelpItems
{
    [XmlAttribute("schema")]
    public string Schema { get; set; } = "maml";

    [XmlElement("command", Namespace = Ns.Command)]
    public List<Command> Commands { get; set; } = [];
}

public sealed class Command
{
    [XmlElement("details", Namespace = Ns.Command, Order = 0)]
    public Details Details { get; set; } = new();

    [XmlArray("description", Namespace = Ns.Maml, Order = 1)]
    [XmlArrayItem("para", Namespace = Ns.Maml)]
    public List<string> Description { get; set; } = [];

    [XmlArray("syntax", Namespace = Ns.Command, Order = 2)]
    [XmlArrayItem("syntaxItem", Namespace = Ns.Command)]
    public List<SyntaxItem> Syntax { get; set; } = [];

    [XmlArray("parameters", Namespace = Ns.Command, Order = 3)]
    [XmlArrayItem("parameter", Namespace = Ns.Command)]
    public List<Parameter> Parameters { get; set; } = [];

    [XmlArray("inputTypes", Namespace = Ns.Command, Order = 4)]
    [XmlArrayItem("inputType", Namespace = Ns.Command)]
    public List<TypeWithDescription> InputTypes { get; set; } = [];

    [XmlArray("returnValues", Namespace = Ns.Command, Order = 5)]
    [XmlArrayItem("returnValue", Namespace = Ns.Command)]
    public List<TypeWithDescription> ReturnValues { get; set; } = [];

    [XmlArray("alertSet", Namespace = Ns.Maml, Order = 6)]
    [XmlArrayItem("alert", Namespace = Ns.Maml)]
    public List<Alert>? AlertSet { get; set; }

    [XmlArray("examples", Namespace = Ns.Command, Order = 7)]
    [XmlArrayItem("example", Namespace = Ns.Command)]
    public List<Example> Examples { get; set; } = [];

    [XmlArray("relatedLinks", Namespace = Ns.Command, Order = 8)]
    [XmlArrayItem("navigationLink", Namespace = Ns.Maml)]
    public List<NavigationLink> RelatedLinks { get; set; } = [];
}

public sealed class Details
{
    [XmlElement("name", Namespace = Ns.Command, Order = 0)]
    public string Name { get; set; } = "";

    [XmlElement("verb", Namespace = Ns.Command, Order = 1)]
    public string Verb { get; set; } = "";

    [XmlElement("noun", Namespace = Ns.Command, Order = 2)]
    public string Noun { get; set; } = "";

    /// <summary>The synopsis.</summary>
    [XmlArray("description", Namespace = Ns.Maml, Order = 3)]
    [XmlArrayItem("para", Namespace = Ns.Maml)]
    public List<string> Synopsis { get; set; } = [];
}

public sealed class SyntaxItem
{
    [XmlElement("name", Namespace = Ns.Maml, Order = 0)]
    public string Name { get; set; } = "";

    [XmlElement("parameter", Namespace = Ns.Command, Order = 1)]
    public List<Parameter> Parameters { get; set; } = [];
}

public sealed class Parameter
{
    [XmlAttribute("required")]
    public bool Required { get; set; }

    [XmlAttribute("variableLength")]
    public bool VariableLength { get; set; }

    [XmlAttribute("globbing")]
    public bool Globbing { get; set; }

    /// <summary>"false", or "true (ByValue)", "true (ByPropertyName)", "true (ByValue, ByPropertyName)".</summary>
    [XmlAttribute("pipelineInput")]
    public string PipelineInput { get; set; } = "false";

    /// <summary>"named" or the position.</summary>
    [XmlAttribute("position")]
    public string Position { get; set; } = "named";

    [XmlAttribute("aliases")]
    public string Aliases { get; set; } = "none";

    [XmlElement("name", Namespace = Ns.Maml, Order = 0)]
    public string Name { get; set; } = "";

    [XmlArray("description", Namespace = Ns.Maml, Order = 1)]
    [XmlArrayItem("para", Namespace = Ns.Maml)]
    public List<string>? Description { get; set; }

    /// <summary>Accepted values, shown as {a | b} in the syntax.</summary>
    [XmlArray("parameterValueGroup", Namespace = Ns.Command, Order = 2)]
    [XmlArrayItem("parameterValue", Namespace = Ns.Command)]
    public List<ParameterValue>? ValueGroup { get; set; }

    /// <summary>The value's type as the syntax shows it (&lt;String[]&gt;); none for a switch.</summary>
    [XmlElement("parameterValue", Namespace = Ns.Command, Order = 3)]
    public ParameterValue? Value { get; set; }

    [XmlElement("type", Namespace = Ns.Dev, Order = 4)]
    public DataType? Type { get; set; }

    [XmlElement("defaultValue", Namespace = Ns.Dev, Order = 5)]
    public string? DefaultValue { get; set; }
}

public sealed class ParameterValue
{
    [XmlAttribute("required")]
    public bool Required { get; set; } = true;

    [XmlAttribute("variableLength")]
    public bool VariableLength { get; set; }

    [XmlText]
    public string Value { get; set; } = "";
}

public sealed class DataType
{
    [XmlElement("name", Namespace = Ns.Maml)]
    public string Name { get; set; } = "";
}

/// <summary>An input type or return value: the type, and beside it what it means for this cmdlet.</summary>
public sealed class TypeWithDescription
{
    [XmlElement("type", Namespace = Ns.Dev, Order = 0)]
    public DataType Type { get; set; } = new();

    [XmlArray("description", Namespace = Ns.Maml, Order = 1)]
    [XmlArrayItem("para", Namespace = Ns.Maml)]
    public List<string> Description { get; set; } = [];
}

public sealed class Alert
{
    [XmlElement("para", Namespace = Ns.Maml)]
    public List<string> Paragraphs { get; set; } = [];
}

public sealed class Example
{
    [XmlElement("title", Namespace = Ns.Maml, Order = 0)]
    public string Title { get; set; } = "";

    [XmlElement("code", Namespace = Ns.Dev, Order = 1)]
    public string Code { get; set; } = "";

    /// <summary>None when the example has no remarks: an empty element renders as a stray space before the next title.</summary>
    [XmlArray("remarks", Namespace = Ns.Dev, Order = 2)]
    [XmlArrayItem("para", Namespace = Ns.Maml)]
    public List<string>? Remarks { get; set; }
}

public sealed class NavigationLink
{
    [XmlElement("linkText", Namespace = Ns.Maml, Order = 0)]
    public string LinkText { get; set; } = "";

    [XmlElement("uri", Namespace = Ns.Maml, Order = 1)]
    public string Uri { get; set; } = "";
}
