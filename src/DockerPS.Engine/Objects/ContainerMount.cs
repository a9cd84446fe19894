namespace DockerPS;

/// <summary>
/// Something mounted in a container: a volume (with its name), a host path (bind) or a tmpfs. Prints as <c>docker run -v</c>
/// takes it: <c>data:/var/lib/data</c>, <c>/srv/www:/usr/share/www:ro</c>, or the destination alone for a tmpfs.
/// </summary>
public sealed record ContainerMount(string Type, string? Name, string Source, string Destination, bool ReadWrite, string Mode)
{
    public override string ToString()
    {
        var source = Name ?? Source;
        return (string.IsNullOrEmpty(source) ? Destination : $"{source}:{Destination}") + (ReadWrite ? string.Empty : ":ro");
    }
}
