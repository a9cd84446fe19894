using System.Globalization;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker port</c>: the ports containers publish on the engine's host, one object per mapping; with -Port, only
/// that container port's (a port it does not publish is PortNotPublished for that container).
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerPort", DefaultParameterSetName = NameSet)]
[OutputType(typeof(PublishedPort))]
public sealed class GetDockerContainerPortCommand : ContainerCmdlet
{
    private (int Port, string Protocol)? _port;

    /// <summary>Only this container port, <c>PORT[/PROTOCOL]</c> as docker port takes it (tcp when no protocol is given).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Port { get; set; }

    protected override void BeginProcessing()
    {
        if (Port is null)
        {
            return;
        }
        try
        {
            _port = InvalidParameterSyntaxException.Parse(nameof(Port), Port, ParsePort);
        }
        catch (InvalidParameterSyntaxException e)
        {
            ThrowTerminatingError(ErrorFor(e, null));
        }
    }

    protected override void ProcessContainer(string container)
    {
        var detail = AwaitOnEachEngine((engine, ct) => ContainerOperations.InspectAsync(engine, container, ct), container);
        var published = detail.Ports
            .Where(p => p.PublicPort is not null && (_port is not { } wanted || (p.PrivatePort, p.Type) == wanted))
            .Select(p => new PublishedPort(container, p.PrivatePort, p.Type, p.IP ?? string.Empty, p.PublicPort!.Value, TargetEngine))
            .ToArray();
        if (published.Length == 0 && _port is { } port)
        {
            WriteError(ErrorFor(ErrorCatalog.PortNotPublished,
                new ItemNotFoundException($"Container {container} publishes no port {port.Port}/{port.Protocol}."), container));
        }
        WriteObject(published, enumerateCollection: true);
    }

    /// <summary><c>80</c> or <c>80/udp</c>, as docker port reads it.</summary>
    private static (int, string) ParsePort(string text)
    {
        var parts = text.Split('/', 2);
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            && (parts.Length == 1 || parts[1] is "tcp" or "udp" or "sctp")
            ? (port, parts.Length == 1 ? "tcp" : parts[1])
            : throw new FormatException($"'{text}' is not a port: give PORT or PORT/PROTOCOL, e.g. 80 or 53/udp.");
    }
}
