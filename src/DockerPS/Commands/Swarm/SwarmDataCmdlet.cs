using System.Collections;
using System.Text;

namespace DockerPS.Commands;

/// <summary>
/// New-DockerSecret and New-DockerConfig: a named swarm object of some bytes, with labels and a templating driver. The
/// bytes come from the cmdlet's -Value, a file (-Path) or the pipeline, where everything piped makes one object, as
/// <c>docker secret create NAME -</c> reads all of standard input: bytes as they are, text as UTF-8 with a newline
/// between one piped text and the next (the lines of Get-Content). A cmdlet is one override, <see cref="CreateAsync"/>.
/// </summary>
public abstract class SwarmDataCmdlet : DockerCmdlet
{
    protected const string ValueSet = "Value";
    protected const string PathSet = "Path";
    protected const string PipelineSet = "InputObject";

    /// <summary>What each engine's object is made of, piped so far (with -Context, each pass takes the piped objects too).</summary>
    private readonly Dictionary<DockerEngine, List<object?>> _piped = new(ReferenceEqualityComparer.Instance);
    private bool _ending;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>A file whose bytes are the content.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Text or bytes piped in; all of it together is the content.</summary>
    [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyString]
    public object? InputObject { get; set; }

    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>
    /// The templating driver that expands the content in each task: golang, the only one (the engine takes any name and
    /// fails only when a task starts).
    /// </summary>
    [Parameter]
    [ValidateSet("golang")]
    public string? TemplateDriver { get; set; }

    /// <summary>"secret" or "config", for -WhatIf and -Confirm.</summary>
    protected abstract string Noun { get; }

    /// <summary>The content given as -Value.</summary>
    protected abstract byte[] ValueBytes();

    /// <summary>Creates the object on the engine and returns it as the cmdlet writes it.</summary>
    protected abstract Task<object> CreateAsync(DockerEngine engine, byte[] content, IDictionary<string, string> labels, CancellationToken cancellationToken);

    protected override object? TargetOfItem => Name;

    protected override void ProcessItem()
    {
        if (ParameterSetName == PipelineSet && !_ending)
        {
            var engine = TargetEngine;
            if (!_piped.TryGetValue(engine, out var items))
            {
                _piped[engine] = items = [];
            }
            items.Add(PSObject.AsPSObject(InputObject).BaseObject);
            return;
        }
        var content = ParameterSetName switch
        {
            PipelineSet => Encode(_piped.GetValueOrDefault(TargetEngine) ?? []),
            PathSet => ReadFile(),
            _ => ValueBytes(),
        };
        if (content is null || !ShouldProcess(Name, $"Create {Noun}"))
        {
            return;
        }
        try
        {
            WriteObject(Await(ct => CreateAsync(TargetEngine, content, Strings(Label), ct)));
        }
        finally
        {
            Array.Clear(content);
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == PipelineSet)
        {
            // Everything has been piped: each engine's object is made now.
            _ending = true;
            ProcessRecord();
        }
        base.EndProcessing();
    }

    /// <summary>The piped objects as one content: bytes as they are, text (anything else as its text) as UTF-8, lines apart.</summary>
    internal static byte[] Encode(IEnumerable<object?> items)
    {
        using var content = new MemoryStream();
        var afterText = false;
        foreach (var item in items)
        {
            switch (item)
            {
                case byte[] bytes:
                    content.Write(bytes);
                    afterText = false;
                    break;
                case byte single:
                    content.WriteByte(single);
                    afterText = false;
                    break;
                default:
                    if (afterText)
                    {
                        content.WriteByte((byte)'\n');
                    }
                    content.Write(Encoding.UTF8.GetBytes(LanguagePrimitives.ConvertTo<string>(item) ?? string.Empty));
                    afterText = true;
                    break;
            }
        }
        return content.ToArray();
    }

    /// <summary>The bytes of -Path; null after an error when it is no file.</summary>
    private byte[]? ReadFile()
    {
        if (this.FileSystemPath(Path!) is not { } file)
        {
            return null;
        }
        if (!File.Exists(file))
        {
            WriteError(ErrorFor(ErrorCatalog.LocalPathNotFound, new ItemNotFoundException($"Cannot find the file '{file}'."), Path));
            return null;
        }
        return File.ReadAllBytes(file);
    }
}
