using System.Security;

namespace DockerPS.Connection;

/// <summary>
/// What Connect-DockerHost adds to an <c>ssh://</c> endpoint beyond ~/.ssh/config, known_hosts and the default identities.
/// Secrets stay <see cref="SecureString"/>s (a record prints them as their type name only) until the moment of use.
/// </summary>
/// <param name="KeyFile">A private key file to log in with, instead of the configured or default identities.</param>
/// <param name="Passphrase">The passphrase of the key files, when they are encrypted.</param>
/// <param name="User">The user of a password login (the address's user wins).</param>
/// <param name="Password">A password to log in with, tried after the keys.</param>
/// <param name="AcceptNewHostKey">Trust a host that is not in known_hosts yet and record its key there (never a changed key).</param>
public sealed record SshSettings(string? KeyFile, SecureString? Passphrase, string? User, SecureString? Password, bool AcceptNewHostKey);
