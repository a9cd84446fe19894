using DockerPS.Errors;

namespace DockerPS;

/// <summary>A credential helper (<c>docker-credential-&lt;name&gt;</c>) that is missing or failed, or a config.json that cannot be read or written.</summary>
public sealed class CredentialStoreException(string message, Exception? inner = null)
    : DockerPSException(ErrorCatalog.CredentialHelperFailed, message, inner);
