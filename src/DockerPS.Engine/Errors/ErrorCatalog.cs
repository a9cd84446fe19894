namespace DockerPS.Errors;

/// <summary>
/// Every error id DockerPS writes, with its kind. Ids are part of the module's interface: scripts test them with
/// <c>$_.FullyQualifiedErrorId</c>, so an id, once released, keeps its name. about_DockerPS documents each one (a test
/// checks), as does the family <c>Invalid&lt;Parameter&gt;</c> (<see cref="InvalidSyntax"/>).
/// </summary>
public static class ErrorCatalog
{
    // The engine's answers, when nothing more specific is known about the call.
    public static readonly ErrorCode NotFound = new(nameof(NotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode Conflict = new(nameof(Conflict), ErrorKind.ResourceExists);
    public static readonly ErrorCode InvalidArgument = new(nameof(InvalidArgument), ErrorKind.InvalidArgument);
    public static readonly ErrorCode Unauthorized = new(nameof(Unauthorized), ErrorKind.AuthenticationError);
    public static readonly ErrorCode Forbidden = new(nameof(Forbidden), ErrorKind.PermissionDenied);
    public static readonly ErrorCode EngineError = new(nameof(EngineError), ErrorKind.InvalidOperation);

    // Reaching an engine.
    public static readonly ErrorCode EngineUnreachable = new(nameof(EngineUnreachable), ErrorKind.ConnectionError);
    public static readonly ErrorCode EngineConnectionLost = new(nameof(EngineConnectionLost), ErrorKind.ConnectionError);
    public static readonly ErrorCode EngineTimeout = new(nameof(EngineTimeout), ErrorKind.OperationTimeout);
    public static readonly ErrorCode InvalidEndpoint = new(nameof(InvalidEndpoint), ErrorKind.InvalidArgument);
    public static readonly ErrorCode EndpointNotSupported = new(nameof(EndpointNotSupported), ErrorKind.NotImplemented);
    public static readonly ErrorCode ApiVersionNotSupported = new(nameof(ApiVersionNotSupported), ErrorKind.ProtocolError);
    public static readonly ErrorCode EngineRequiresTls = new(nameof(EngineRequiresTls), ErrorKind.ProtocolError);
    public static readonly ErrorCode TlsServerNotTrusted = new(nameof(TlsServerNotTrusted), ErrorKind.SecurityError);
    public static readonly ErrorCode TlsClientCertificateRejected = new(nameof(TlsClientCertificateRejected), ErrorKind.AuthenticationError);
    public static readonly ErrorCode TlsCertificateNotFound = new(nameof(TlsCertificateNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode SshOptionsWithoutSshHost = new(nameof(SshOptionsWithoutSshHost), ErrorKind.InvalidArgument);
    public static readonly ErrorCode SshAuthenticationFailed = new(nameof(SshAuthenticationFailed), ErrorKind.AuthenticationError);
    public static readonly ErrorCode SshHostKeyUnknown = new(nameof(SshHostKeyUnknown), ErrorKind.SecurityError);
    public static readonly ErrorCode SshHostKeyChanged = new(nameof(SshHostKeyChanged), ErrorKind.SecurityError);
    public static readonly ErrorCode SshHostKeyRevoked = new(nameof(SshHostKeyRevoked), ErrorKind.SecurityError);
    public static readonly ErrorCode SshRemoteDockerMissing = new(nameof(SshRemoteDockerMissing), ErrorKind.ConnectionError);
    public static readonly ErrorCode KeyFileNotFound = new(nameof(KeyFileNotFound), ErrorKind.ObjectNotFound);

    // Contexts.
    public static readonly ErrorCode ContextNotFound = new(nameof(ContextNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ContextExists = new(nameof(ContextExists), ErrorKind.ResourceExists);
    public static readonly ErrorCode ContextInUse = new(nameof(ContextInUse), ErrorKind.ResourceBusy);
    public static readonly ErrorCode InvalidContextName = new(nameof(InvalidContextName), ErrorKind.InvalidArgument);
    public static readonly ErrorCode DefaultContextNotRemovable = new(nameof(DefaultContextNotRemovable), ErrorKind.InvalidOperation);
    public static readonly ErrorCode DefaultContextReadOnly = new(nameof(DefaultContextReadOnly), ErrorKind.InvalidOperation);

    // Engine objects.
    public static readonly ErrorCode ContainerNotFound = new(nameof(ContainerNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ContainerNotRunning = new(nameof(ContainerNotRunning), ErrorKind.ResourceUnavailable);
    public static readonly ErrorCode PortNotPublished = new(nameof(PortNotPublished), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ImageNotFound = new(nameof(ImageNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ImageInUse = new(nameof(ImageInUse), ErrorKind.ResourceBusy);
    public static readonly ErrorCode NetworkNotFound = new(nameof(NetworkNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode NetworkExists = new(nameof(NetworkExists), ErrorKind.ResourceExists);
    public static readonly ErrorCode NetworkInUse = new(nameof(NetworkInUse), ErrorKind.ResourceBusy);
    public static readonly ErrorCode VolumeNotFound = new(nameof(VolumeNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode VolumeInUse = new(nameof(VolumeInUse), ErrorKind.ResourceBusy);

    // Swarm.
    public static readonly ErrorCode NotSwarmManager = new(nameof(NotSwarmManager), ErrorKind.InvalidOperation);
    public static readonly ErrorCode NodeNotFound = new(nameof(NodeNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode AlreadyInSwarm = new(nameof(AlreadyInSwarm), ErrorKind.ResourceExists);
    public static readonly ErrorCode NotInSwarm = new(nameof(NotInSwarm), ErrorKind.InvalidOperation);
    public static readonly ErrorCode LeaveNeedsForce = new(nameof(LeaveNeedsForce), ErrorKind.InvalidOperation);
    public static readonly ErrorCode ServiceNotFound = new(nameof(ServiceNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ServiceExists = new(nameof(ServiceExists), ErrorKind.ResourceExists);
    public static readonly ErrorCode NoPreviousSpec = new(nameof(NoPreviousSpec), ErrorKind.InvalidOperation);
    public static readonly ErrorCode ServiceNotConverged = new(nameof(ServiceNotConverged), ErrorKind.OperationTimeout);
    public static readonly ErrorCode ServiceUpdateFailed = new(nameof(ServiceUpdateFailed), ErrorKind.InvalidResult);
    public static readonly ErrorCode StackNotFound = new(nameof(StackNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode SecretNotFound = new(nameof(SecretNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ConfigNotFound = new(nameof(ConfigNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode SwarmNotLocked = new(nameof(SwarmNotLocked), ErrorKind.InvalidOperation);
    public static readonly ErrorCode InvalidUnlockKey = new(nameof(InvalidUnlockKey), ErrorKind.AuthenticationError);
    public static readonly ErrorCode NoUnlockKey = new(nameof(NoUnlockKey), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode SecretExists = new(nameof(SecretExists), ErrorKind.ResourceExists);
    public static readonly ErrorCode SecretInUse = new(nameof(SecretInUse), ErrorKind.ResourceBusy);
    public static readonly ErrorCode ConfigExists = new(nameof(ConfigExists), ErrorKind.ResourceExists);
    public static readonly ErrorCode ConfigInUse = new(nameof(ConfigInUse), ErrorKind.ResourceBusy);

    // Input that is wrong before any engine call.
    public static readonly ErrorCode InvalidFilter = new(nameof(InvalidFilter), ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidTime = new(nameof(InvalidTime), ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidReference = new(nameof(InvalidReference), ErrorKind.InvalidArgument);
    public static readonly ErrorCode InvalidRegistry = new(nameof(InvalidRegistry), ErrorKind.InvalidArgument);
    public static readonly ErrorCode NothingToUpdate = new(nameof(NothingToUpdate), ErrorKind.InvalidArgument);
    public static readonly ErrorCode SignalWithTimeout = new(nameof(SignalWithTimeout), ErrorKind.InvalidArgument);
    public static readonly ErrorCode InputWithDetach = new(nameof(InputWithDetach), ErrorKind.InvalidArgument);
    public static readonly ErrorCode InputNeedsOneContainer = new(nameof(InputNeedsOneContainer), ErrorKind.InvalidArgument);
    public static readonly ErrorCode ImagesOnSeveralEngines = new(nameof(ImagesOnSeveralEngines), ErrorKind.InvalidArgument);

    // Processes in containers.
    public static readonly ErrorCode ContainerExitCode = new(nameof(ContainerExitCode), ErrorKind.InvalidResult);
    public static readonly ErrorCode ExecExitCode = new(nameof(ExecExitCode), ErrorKind.InvalidResult);
    public static readonly ErrorCode TerminalRequired = new(nameof(TerminalRequired), ErrorKind.InvalidOperation);

    // Waiting for containers.
    public static readonly ErrorCode WaitTimeout = new(nameof(WaitTimeout), ErrorKind.OperationTimeout);
    public static readonly ErrorCode ContainerUnhealthy = new(nameof(ContainerUnhealthy), ErrorKind.InvalidResult);
    public static readonly ErrorCode NoHealthCheck = new(nameof(NoHealthCheck), ErrorKind.InvalidOperation);

    // Files, copies and archives.
    public static readonly ErrorCode NotAFileSystemPath = new(nameof(NotAFileSystemPath), ErrorKind.InvalidArgument);
    public static readonly ErrorCode FileExists = new(nameof(FileExists), ErrorKind.ResourceExists);
    public static readonly ErrorCode ContainerPathRequired = new(nameof(ContainerPathRequired), ErrorKind.InvalidArgument);
    public static readonly ErrorCode CopyBetweenContainers = new(nameof(CopyBetweenContainers), ErrorKind.InvalidArgument);
    public static readonly ErrorCode ContainerPathNotFound = new(nameof(ContainerPathNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode LocalPathNotFound = new(nameof(LocalPathNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode DestinationParentNotFound = new(nameof(DestinationParentNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode DestinationDirectoryNotFound = new(nameof(DestinationDirectoryNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode NotADirectory = new(nameof(NotADirectory), ErrorKind.InvalidArgument);
    public static readonly ErrorCode DirectoryOntoFile = new(nameof(DirectoryOntoFile), ErrorKind.ResourceExists);
    public static readonly ErrorCode FileOntoDirectory = new(nameof(FileOntoDirectory), ErrorKind.ResourceExists);
    public static readonly ErrorCode LocalFileError = new(nameof(LocalFileError), ErrorKind.WriteError);
    public static readonly ErrorCode InvalidArchive = new(nameof(InvalidArchive), ErrorKind.InvalidData);
    public static readonly ErrorCode ImportFailed = new(nameof(ImportFailed), ErrorKind.InvalidData);

    // Builds.
    public static readonly ErrorCode BuildContextNotFound = new(nameof(BuildContextNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode DockerfileNotFound = new(nameof(DockerfileNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode InvalidDockerIgnore = new(nameof(InvalidDockerIgnore), ErrorKind.InvalidData);
    public static readonly ErrorCode BuildFailed = new(nameof(BuildFailed), ErrorKind.InvalidResult);
    public static readonly ErrorCode InvalidBuildContext = new(nameof(InvalidBuildContext), ErrorKind.InvalidData);
    public static readonly ErrorCode BuildContextUnavailable = new(nameof(BuildContextUnavailable), ErrorKind.ResourceUnavailable);
    public static readonly ErrorCode StandardInputNotRedirected = new(nameof(StandardInputNotRedirected), ErrorKind.InvalidOperation);
    public static readonly ErrorCode DockerfileContentNeedsDirectory = new(nameof(DockerfileContentNeedsDirectory), ErrorKind.InvalidArgument);
    public static readonly ErrorCode CredentialNeedsDockerfile = new(nameof(CredentialNeedsDockerfile), ErrorKind.InvalidArgument);
    public static readonly ErrorCode NotSupportedByEngine = new(nameof(NotSupportedByEngine), ErrorKind.NotImplemented);

    // Registries and credentials.
    public static readonly ErrorCode RegistryAuthenticationFailed = new(nameof(RegistryAuthenticationFailed), ErrorKind.AuthenticationError);
    public static readonly ErrorCode RegistryUnreachable = new(nameof(RegistryUnreachable), ErrorKind.ConnectionError);
    public static readonly ErrorCode CredentialHelperFailed = new(nameof(CredentialHelperFailed), ErrorKind.SecurityError);
    public static readonly ErrorCode RegistryLoginNotFound = new(nameof(RegistryLoginNotFound), ErrorKind.ObjectNotFound);

    // Compose files.
    public static readonly ErrorCode ComposeFileNotFound = new(nameof(ComposeFileNotFound), ErrorKind.ObjectNotFound);
    public static readonly ErrorCode ComposeFileInvalid = new(nameof(ComposeFileInvalid), ErrorKind.InvalidData);
    public static readonly ErrorCode ComposeVariableMissing = new(nameof(ComposeVariableMissing), ErrorKind.InvalidArgument);
    public static readonly ErrorCode ComposeDependencyFailed = new(nameof(ComposeDependencyFailed), ErrorKind.InvalidResult);

    /// <summary>Parameter text in one of the docker CLI's syntaxes that does not parse: <c>Invalid&lt;Parameter&gt;</c>, e.g. InvalidPublish.</summary>
    public static ErrorCode InvalidSyntax(string parameter) => new("Invalid" + parameter, ErrorKind.InvalidArgument);

    /// <summary>Every code of the catalogue (not the <see cref="InvalidSyntax"/> family).</summary>
    public static IEnumerable<ErrorCode> All =>
        typeof(ErrorCatalog).GetFields().Where(f => f.FieldType == typeof(ErrorCode)).Select(f => (ErrorCode)f.GetValue(null)!);
}
