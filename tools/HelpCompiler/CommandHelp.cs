namespace DockerPS.HelpCompiler;

/// <summary>One cmdlet's help page, as platyPS's markdown schema (2.0.0) lays it out.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }
    public string Synopsis { get; set; } = "";
    public List<string> Description { get; } = [];
    public List<string> SyntaxSets { get; } = [];
    public List<ExampleHelp> Examples { get; } = [];
    public List<ParameterHelp> Parameters { get; } = [];
    public List<TypeHelp> Inputs { get; } = [];
    public List<TypeHelp> Outputs { get; } = [];
    public List<string> Notes { get; } = [];
    public List<(string Text, string Uri)> Links { get; } = [];
}

public sealed record ExampleHelp(string Title, string Code, List<string> Remarks);

public sealed record TypeHelp(string Name, List<string> Description);

public sealed class ParameterHelp
{
    public required string Name { get; init; }
    public List<string> Description { get; } = [];
    public string Type { get; set; } = "";
    public List<string> ParameterSets { get; } = [];
    public string Aliases { get; set; } = "";
    public List<string> AcceptedValues { get; } = [];
    public bool Required { get; set; }
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    public string PipelineInput { get; set; } = "False";
    public bool Globbing { get; set; }

    public bool InSet(string set) => ParameterSets.Contains("(All)") || ParameterSets.Contains(set);
}
