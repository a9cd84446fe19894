using System.Management.Automation.Runspaces;

/// <summary>
/// What every scenario works with: the mode, the engine (its address, the raw client and API version), the base image,
/// the docker CLI, the module, and the warm runspace with the module imported once.
/// </summary>
internal sealed record BenchContext(bool Smoke, string Host, string Image, string Cli, string Manifest, Runspace Runspace, RawClient Raw, string Api);
