using System.Collections;
using System.Net.Sockets;
using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// The parameters of <c>docker create</c> that New-DockerContainer and Invoke-DockerContainer share, checked
/// before any engine call: text in the docker CLI's syntaxes (ports, volumes, mounts, sizes, CPUs, restart
/// policies, env files) that does not parse is an Invalid&lt;Parameter&gt; error for that item.
/// </summary>
public abstract class ContainerCreateCmdlet : DockerCmdlet, IDynamicParameters
{
    /// <summary>The image to create the container from: a reference or an id; Image objects bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string Image { get; set; } = null!;

    /// <summary>The command and its arguments, replacing the image's CMD.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    public string[]? Command { get; set; }

    /// <summary>The container's name; the engine makes one up when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Replaces the image's ENTRYPOINT; an empty string clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string[]? Entrypoint { get; set; }

    /// <summary>Environment variables: hashtables of names to values, or <c>docker run -e</c>'s <c>NAME=value</c> and <c>NAME</c> (the caller's value).</summary>
    [Parameter]
    [Alias("Env")]
    public object[]? Environment { get; set; }

    /// <summary>Files of NAME=value lines, read as <c>docker run --env-file</c> reads them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EnvFile { get; set; }

    /// <summary>Ports to publish, <c>[ip:][hostPort:]containerPort[/protocol]</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Publish { get; set; }

    /// <summary>Publishes every exposed port to a random host port.</summary>
    [Parameter]
    public SwitchParameter PublishAll { get; set; }

    /// <summary>Volumes, <c>source:target[:options]</c> (a host path or a volume name), or a target for an anonymous volume.
    /// Volume names complete, as the part before the colon.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeNameCompleter))]
    public string[]? Volume { get; set; }

    /// <summary>Mounts in <c>--mount</c> syntax, e.g. <c>type=bind,source=/data,target=/data,readonly</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Mount { get; set; }

    /// <summary>The network to connect to (a network name, or bridge, host, none, container:name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string? Network { get; set; }


    /// <summary>Labels, name to value.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>The working directory of the command.</summary>
    [Parameter]
    [Alias("WorkDir")]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>The user (name or uid, optionally :group) the command runs as.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    /// <summary>Gives the container a pseudo-terminal.</summary>
    [Parameter]
    public SwitchParameter Tty { get; set; }

    /// <summary>Keeps the container's standard input open.</summary>
    [Parameter]
    public SwitchParameter Interactive { get; set; }

    /// <summary>Gives the container all capabilities and access to the host's devices (<c>--privileged</c>).</summary>
    [Parameter]
    public SwitchParameter Privileged { get; set; }

    /// <summary>Host entries for /etc/hosts, <c>name:ip</c> (<c>--add-host</c>); host-gateway is the host's address.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AddHost { get; set; }

    /// <summary>The health check command (<c>--health-cmd</c>): one text runs in the shell, several are a command and its arguments.</summary>
    [Parameter]
    [Alias("HealthCmd")]
    [ValidateNotNullOrEmpty]
    public string[]? HealthCommand { get; set; }

    /// <summary>Time between health checks, a Go duration such as 30s (<c>--health-interval</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthInterval { get; set; }

    /// <summary>Longest time one health check may run (<c>--health-timeout</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthTimeout { get; set; }

    /// <summary>Time to start before failed checks count (<c>--health-start-period</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthStartPeriod { get; set; }

    /// <summary>Failed checks in a row that make the container unhealthy (<c>--health-retries</c>).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? HealthRetries { get; set; }

    /// <summary>Disables the image's health check (<c>--no-healthcheck</c>).</summary>
    [Parameter]
    public SwitchParameter NoHealthcheck { get; set; }

    /// <summary>Linux capabilities to add (<c>--cap-add</c>), e.g. NET_ADMIN, or ALL.</summary>
    [Parameter]
    [Alias("CapAdd")]
    [ValidateNotNullOrEmpty]
    public string[]? CapabilityAdd { get; set; }

    /// <summary>Linux capabilities to drop (<c>--cap-drop</c>), e.g. CHOWN, or ALL.</summary>
    [Parameter]
    [Alias("CapDrop")]
    [ValidateNotNullOrEmpty]
    public string[]? CapabilityDrop { get; set; }

    /// <summary>Host devices, <c>host[:container][:permissions]</c> (<c>--device</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Device { get; set; }

    /// <summary>GPU requests (<c>--gpus</c>): all, a count, or fields such as <c>"device=0,1"</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Gpus { get; set; }

    /// <summary>The logging driver (<c>--log-driver</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogDriver { get; set; }

    /// <summary>Logging driver options (<c>--log-opt</c>): hashtables or <c>key=value</c> text.</summary>
    [Parameter]
    [Alias("LogOpt")]
    [ValidateNotNullOrEmpty]
    public object[]? LogOption { get; set; }

    /// <summary>Size of /dev/shm, e.g. <c>64m</c> (<c>--shm-size</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ShmSize { get; set; }

    /// <summary>Resource limits, <c>name=soft[:hard]</c> (<c>--ulimit</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Ulimit { get; set; }

    /// <summary>More names for the container on its network's DNS (<c>--network-alias</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? NetworkAlias { get; set; }

    /// <summary>A static IPv4 address on the network (<c>--ip</c>).</summary>
    [Parameter]
    [Alias("Ip")]
    [ValidateNotNullOrEmpty]
    public string? IPAddress { get; set; }

    /// <summary>A static IPv6 address on the network (<c>--ip6</c>).</summary>
    [Parameter]
    [Alias("Ip6")]
    [ValidateNotNullOrEmpty]
    public string? IPv6Address { get; set; }

    /// <summary>Seconds a stop waits before killing the container (<c>--stop-timeout</c>).</summary>
    [Parameter]
    public int? StopTimeout { get; set; }

    /// <summary>The signal that stops the container (<c>--stop-signal</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StopSignal { get; set; }

    /// <summary>tmpfs mounts, <c>path[:options]</c> (<c>--tmpfs</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Tmpfs { get; set; }

    /// <summary>Mounts the root file system read-only (<c>--read-only</c>).</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>Runs an init process as PID 1 that forwards signals and reaps processes (<c>--init</c>).</summary>
    [Parameter]
    public SwitchParameter Init { get; set; }

    /// <summary>Security options (<c>--security-opt</c>), e.g. no-new-privileges or seccomp=profile.json.</summary>
    [Parameter]
    [Alias("SecurityOpt")]
    [ValidateNotNullOrEmpty]
    public string[]? SecurityOption { get; set; }

    /// <summary>Namespaced kernel parameters (<c>--sysctl</c>): hashtables or <c>name=value</c> text.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public object[]? Sysctl { get; set; }

    /// <summary>DNS servers (<c>--dns</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Dns { get; set; }

    /// <summary>DNS search domains (<c>--dns-search</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DnsSearch { get; set; }

    /// <summary>DNS resolver options (<c>--dns-option</c>).</summary>
    [Parameter]
    [Alias("DnsOpt")]
    [ValidateNotNullOrEmpty]
    public string[]? DnsOption { get; set; }

    /// <summary>The IPC namespace (<c>--ipc</c>).</summary>
    [Parameter]
    [Alias("Ipc")]
    [ValidateNotNullOrEmpty]
    public string? IpcMode { get; set; }

    /// <summary>The PID namespace (<c>--pid</c>).</summary>
    [Parameter]
    [Alias("Pid")]
    [ValidateNotNullOrEmpty]
    public string? PidMode { get; set; }

    /// <summary>The UTS namespace (<c>--uts</c>).</summary>
    [Parameter]
    [Alias("Uts")]
    [ValidateNotNullOrEmpty]
    public string? UtsMode { get; set; }

    /// <summary>The user namespace (<c>--userns</c>).</summary>
    [Parameter]
    [Alias("Userns")]
    [ValidateNotNullOrEmpty]
    public string? UsernsMode { get; set; }

    /// <summary>Keeps the kernel's OOM killer away from the container (<c>--oom-kill-disable</c>).</summary>
    [Parameter]
    public SwitchParameter OomKillDisable { get; set; }

    /// <summary>Files of label lines, <c>name=value</c> (<c>--label-file</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? LabelFile { get; set; }

    /// <summary>Ports to expose without publishing, <c>port[-port][/protocol]</c> (<c>--expose</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Expose { get; set; }

    /// <summary>Containers whose volumes to mount, <c>name[:ro|rw]</c> (<c>--volumes-from</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? VolumesFrom { get; set; }

    /// <summary>More groups for the container's user (<c>--group-add</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? GroupAdd { get; set; }

    /// <summary>The OCI runtime (<c>--runtime</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Runtime { get; set; }

    /// <summary>A file to write the container's id to, which must not exist (<c>--cidfile</c>).</summary>
    [Parameter]
    [Alias("CidFile")]
    [ValidateNotNullOrEmpty]
    public string? ContainerIdFile { get; set; }




    /// <summary>The platform of the image to use, e.g. linux/amd64.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>When to pull the image (<c>--pull</c>): missing (when the engine does not have it), always, or never.</summary>
    [Parameter]
    [ValidateSet("missing", "always", "never")]
    public string Pull { get; set; } = "missing";

    /// <summary>Engine API Config fields merged over everything else, for settings without a parameter.</summary>
    [Parameter]
    public Hashtable? Config { get; set; }

    /// <summary>Engine API HostConfig fields merged over everything else, for settings without a parameter.</summary>
    [Parameter]
    public Hashtable? HostConfig { get; set; }

    /// <summary>The resource limits and restart policy, declared once for create, run and update.</summary>
    public ContainerResourceParameters Resources { get; } = new();

    public object GetDynamicParameters() => Resources;

    protected override object? TargetOfItem => Image;

    /// <summary>The create request; the first parameter that does not parse throws its Invalid&lt;Parameter&gt; error.</summary>
    protected ContainerCreateSpec BuildSpec(bool autoRemove, bool interactive = false, (int Width, int Height)? consoleSize = null)
    {
        var volumes = InvalidParameterSyntaxException.ParseEach(nameof(Volume), Volume, MountSpec.ParseVolume);
        var securityOptions = InvalidParameterSyntaxException.ParseEach(nameof(SecurityOption), SecurityOption, text => RunSyntax.ParseSecurityOption(text, path => File.ReadAllText(LocalPath(path))));
        var options = new ContainerRunOptions
        {
            Expose = InvalidParameterSyntaxException.ParseEach(nameof(Expose), Expose, RunSyntax.ParseExpose).SelectMany(p => p).Distinct().ToArray(),
            Healthcheck = Healthcheck(HealthCommand, HealthInterval, HealthTimeout, HealthStartPeriod, HealthRetries, NoHealthcheck),
            StopTimeout = StopTimeout,
            StopSignal = StopSignal,
            Privileged = Privileged,
            ReadOnly = ReadOnly,
            Init = Init,
            OomKillDisable = OomKillDisable,
            ExtraHosts = InvalidParameterSyntaxException.ParseEach(nameof(AddHost), AddHost, RunSyntax.ParseExtraHost),
            CapAdd = RunSyntax.NormalizeCapabilities(CapabilityAdd ?? []),
            CapDrop = RunSyntax.NormalizeCapabilities(CapabilityDrop ?? []),
            Devices = InvalidParameterSyntaxException.ParseEach(nameof(Device), Device, RunSyntax.ParseDevice),
            Gpus = InvalidParameterSyntaxException.ParseEach(nameof(Gpus), Gpus, RunSyntax.ParseGpus),
            LogDriver = LogDriver,
            LogOptions = InvalidParameterSyntaxException.ParseEach(nameof(LogOption), KeyValueTexts(LogOption), text => LogDriver == "none"
                ? throw new FormatException($"'{text}': the none log driver takes no options.") : RunSyntax.ParseLogOption(text)).ToDictionary(),
            ShmSize = InvalidParameterSyntaxException.ParseOptional<long?>(nameof(ShmSize), ShmSize, text => DockerUnits.ParseBytes(text)),
            Ulimits = InvalidParameterSyntaxException.ParseEach(nameof(Ulimit), Ulimit, RunSyntax.ParseUlimit).GroupBy(u => u.Name).Select(g => g.Last()).ToArray(),
            Tmpfs = InvalidParameterSyntaxException.ParseEach(nameof(Tmpfs), Tmpfs, RunSyntax.ParseTmpfs).ToDictionary(),
            SecurityOptions = securityOptions.OfType<string>().ToArray(),
            UnconfinedSystemPaths = securityOptions.Contains(null),
            Sysctls = InvalidParameterSyntaxException.ParseEach(nameof(Sysctl), KeyValueTexts(Sysctl), RunSyntax.ParseSysctl).ToDictionary(),
            Dns = InvalidParameterSyntaxException.ParseEach(nameof(Dns), Dns, text => RunSyntax.ParseAddress(text)),
            DnsSearch = InvalidParameterSyntaxException.ParseEach(nameof(DnsSearch), DnsSearch, RunSyntax.ParseDnsSearch),
            DnsOptions = DnsOption ?? [],
            IpcMode = InvalidParameterSyntaxException.ParseOptional(nameof(IpcMode), IpcMode, text => RunSyntax.ParseNamespaceMode("ipc", text)),
            PidMode = InvalidParameterSyntaxException.ParseOptional(nameof(PidMode), PidMode, text => RunSyntax.ParseNamespaceMode("pid", text)),
            UtsMode = InvalidParameterSyntaxException.ParseOptional(nameof(UtsMode), UtsMode, text => RunSyntax.ParseNamespaceMode("uts", text)),
            UsernsMode = InvalidParameterSyntaxException.ParseOptional(nameof(UsernsMode), UsernsMode, text => RunSyntax.ParseNamespaceMode("userns", text)),
            VolumesFrom = VolumesFrom ?? [],
            GroupAdd = GroupAdd ?? [],
            Runtime = Runtime,
            NetworkAliases = NetworkAlias ?? [],
            IPv4Address = InvalidParameterSyntaxException.ParseOptional(nameof(IPAddress), IPAddress, text => RunSyntax.ParseAddress(text, AddressFamily.InterNetwork)),
            IPv6Address = InvalidParameterSyntaxException.ParseOptional(nameof(IPv6Address), IPv6Address, text => RunSyntax.ParseAddress(text, AddressFamily.InterNetworkV6)),
        };
        if (options.HasEndpointSettings && Network is null)
        {
            var (parameter, value) = NetworkAlias is not null ? (nameof(NetworkAlias), string.Join(", ", NetworkAlias))
                : IPAddress is not null ? (nameof(IPAddress), IPAddress) : (nameof(IPv6Address), IPv6Address!);
            throw new InvalidParameterSyntaxException(parameter, value, new FormatException($"-{parameter} needs -Network naming a user-defined network to apply to."));
        }
        if (ContainerIdFile is not null && File.Exists(LocalPath(ContainerIdFile)))
        {
            throw new InvalidParameterSyntaxException(nameof(ContainerIdFile), ContainerIdFile,
                new IOException($"The container id file '{LocalPath(ContainerIdFile)}' exists: make sure its container is not running, or delete it."));
        }
        return new ContainerCreateSpec
        {
            Image = Image,
            Name = Name,
            Platform = Platform,
            Command = Command,
            Entrypoint = Entrypoint is null ? null : Entrypoint.Where(e => e.Length > 0).ToArray(),
            Environment = LastPerName([.. FileLines(nameof(EnvFile), EnvFile, System.Environment.GetEnvironmentVariable), .. EnvironmentEntries(Environment)]),
            Publish = InvalidParameterSyntaxException.ParseEach(nameof(Publish), Publish, PortSpec.Parse).SelectMany(p => p).ToArray(),
            PublishAll = PublishAll,
            Binds = volumes.Select(v => v.Bind).OfType<string>().ToArray(),
            AnonymousVolumes = volumes.Select(v => v.AnonymousTarget).OfType<string>().ToArray(),
            Mounts = InvalidParameterSyntaxException.ParseEach(nameof(Mount), Mount, MountSpec.ParseMount),
            Network = Network,
            // A label file's lines take no value from the environment: a bare name is left out, as by docker.
            Labels = FileLines(nameof(LabelFile), LabelFile, _ => null).Select(l => l.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]))
                .Concat(Strings(Label)).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            WorkingDirectory = WorkingDirectory,
            User = User,
            Hostname = Hostname,
            Tty = Tty,
            Interactive = Interactive || interactive,
            Resources = Resources.Parse(),
            Options = options,
            AutoRemove = autoRemove,
            ConsoleSize = consoleSize,
            RawConfig = Plain(Config),
            RawHostConfig = Plain(HostConfig),
        };
    }

    /// <summary>
    /// Creates the container, pulling its image as -Pull says: always first; with missing (as docker run) when the engine
    /// does not have it, then creating again. An image not pulled and not on the engine is ImageNotFound.
    /// </summary>
    protected string Create(ContainerCreateSpec spec)
    {
        if (Pull == "always")
        {
            PullImage(InvalidParameterSyntaxException.Parse("Reference", spec.Image, t => ImageReference.Parse(t, allowDigest: true)), spec.Platform);
        }
        (string Id, IReadOnlyList<string> Warnings) created;
        try
        {
            created = Await(ct => ContainerOperations.CreateAsync(TargetEngine, spec, ct));
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.ImageNotFound && Pull == "missing" && Pullable(spec.Image) is { } reference)
        {
            WriteVerbose($"Unable to find image '{reference}' locally.");
            PullImage(reference, spec.Platform);
            created = Await(ct => ContainerOperations.CreateAsync(TargetEngine, spec, ct));
        }
        foreach (var warning in created.Warnings)
        {
            WriteWarning(warning);
        }
        return created.Id;
    }

    private void PullImage(ImageReference reference, string? platform) => PullImage(reference, allTags: false, platform, StoredCredentialFor(reference));

    /// <summary>The image as a reference to pull; null for text that is none (an image id), which only the engine can have.</summary>
    private static ImageReference? Pullable(string image)
    {
        try
        {
            return ImageReference.Parse(image, allowDigest: true);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>NAME=value entries with later ones (-Environment over -EnvFile) replacing earlier ones of the same name.</summary>
    private static string[] LastPerName(string[] entries) =>
        entries.GroupBy(e => e.Split('=', 2)[0], StringComparer.Ordinal).Select(g => g.Last()).ToArray();

    /// <summary>The NAME=value lines of -EnvFile or -LabelFile files; a file that cannot be read or has a bad line is that parameter's error.</summary>
    private IEnumerable<string> FileLines(string parameter, string[]? paths, Func<string, string?> environment) => (paths ?? []).SelectMany(path =>
    {
        try
        {
            return Parsing.EnvFile.Parse(File.ReadAllLines(LocalPath(path)), environment).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidParameterSyntaxException(parameter, path, e);
        }
    });

    private string LocalPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>With -ContainerIdFile, writes the new container's id to it, as <c>docker create --cidfile</c> does.</summary>
    protected void WriteContainerIdFile(string id)
    {
        if (ContainerIdFile is null)
        {
            return;
        }
        try
        {
            using var file = new FileStream(LocalPath(ContainerIdFile), FileMode.CreateNew, FileAccess.Write);
            file.Write(System.Text.Encoding.UTF8.GetBytes(id));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorFor(ErrorCatalog.LocalFileError, e, ContainerIdFile));
        }
    }


    /// <summary>Hashtables from PowerShell as plain dictionaries, lists and values the engine layer can serialize.</summary>
    private static IDictionary<string, object?>? Plain(Hashtable? table) =>
        table?.Cast<DictionaryEntry>().ToDictionary(e => LanguagePrimitives.ConvertTo<string>(e.Key), e => PlainValue(e.Value));

    private static object? PlainValue(object? value) => value switch
    {
        PSObject wrapped => PlainValue(wrapped.BaseObject),
        Hashtable table => Plain(table),
        string text => text,
        IEnumerable list => list.Cast<object?>().Select(PlainValue).ToArray(),
        _ => value,
    };
}
