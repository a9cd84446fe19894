using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A path in a container as the engine stats it (<c>docker cp</c> asks the same): kind, size, mode, time, link target.</summary>
public sealed class ContainerPathInfo
{
    private readonly ContainerPathStatResponse _raw;

    // Go's os.FileMode type bits, as the engine sends them.
    private const uint GoDirectory = 1u << 31;
    private const uint GoSymlink = 1u << 27;
    private const uint GoSetuid = 1u << 23;
    private const uint GoSetgid = 1u << 22;
    private const uint GoSticky = 1u << 20;

    internal ContainerPathInfo(string container, string path, ContainerPathStatResponse raw, DockerEngine engine)
    {
        Container = container;
        Path = path;
        _raw = raw;
        Engine = engine;
    }

    public string Container { get; }

    /// <summary>The path as it was asked for.</summary>
    public string Path { get; }

    public string Name => _raw.Name;

    public bool IsDirectory => (_raw.Mode & GoDirectory) != 0;

    public bool IsSymbolicLink => (_raw.Mode & GoSymlink) != 0;

    public long Size => _raw.Size;

    /// <summary>Permission bits, with setuid, setgid and sticky.</summary>
    public UnixFileMode Mode => (UnixFileMode)((_raw.Mode & 0x1FF)
        | ((_raw.Mode & GoSetuid) != 0 ? 0x800u : 0) | ((_raw.Mode & GoSetgid) != 0 ? 0x400u : 0) | ((_raw.Mode & GoSticky) != 0 ? 0x200u : 0));

    /// <summary>The mode as <c>ls -l</c> shows it, e.g. <c>drwxr-xr-x</c>.</summary>
    public string UnixMode
    {
        get
        {
            var mode = (int)Mode;
            var text = new char[10];
            text[0] = IsDirectory ? 'd' : IsSymbolicLink ? 'l' : '-';
            for (var i = 0; i < 9; i++)
            {
                text[i + 1] = (mode & (0x100 >> i)) != 0 ? "rwx"[i % 3] : '-';
            }
            // setuid, setgid and sticky show in the execute places, lower case when execute is set too.
            (int Bit, int Place, char Letter)[] specials = [(0x800, 3, 's'), (0x400, 6, 's'), (0x200, 9, 't')];
            foreach (var (bit, place, letter) in specials.Where(s => (mode & s.Bit) != 0))
            {
                text[place] = text[place] == 'x' ? letter : char.ToUpperInvariant(letter);
            }
            return new string(text);
        }
    }

    public DateTime LastWriteTime => _raw.Mtime.ToLocalTime();

    /// <summary>For a symbolic link, where it leads (the engine resolves it to an absolute path in the container).</summary>
    public string? LinkTarget => string.IsNullOrEmpty(_raw.LinkTarget) ? null : _raw.LinkTarget;

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ContainerPathStatResponse GetRaw() => _raw;

    public override string ToString() => $"{Container}:{Path}";
}
