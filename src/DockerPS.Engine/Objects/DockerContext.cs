using System.Text.Json;
using DockerPS.Connection;

namespace DockerPS;

/// <summary>A docker context as <c>docker context ls</c> and <c>docker context inspect</c> show it.</summary>
public sealed record DockerContext
{
    private readonly JsonElement? _raw;

    internal DockerContext(string name, string? description, string dockerEndpoint, bool current, bool skipTlsVerify,
        IReadOnlyList<string> tlsMaterial, (string Metadata, string? Tls)? storage, DockerEngine? engine, JsonElement? raw)
    {
        Name = name;
        Description = description ?? string.Empty;
        DockerEndpoint = dockerEndpoint;
        Current = current;
        SkipTlsVerify = skipTlsVerify;
        TlsMaterial = new(tlsMaterial);
        MetadataPath = storage?.Metadata;
        TlsPath = storage?.Tls;
        Engine = engine;
        _raw = raw;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>The engine address, as written in the context (or DOCKER_HOST for <c>default</c>).</summary>
    public string DockerEndpoint { get; }

    /// <summary>The context commands use when none is named: DOCKER_HOST (as <c>default</c>), DOCKER_CONTEXT, or config.json's.</summary>
    public bool Current { get; }

    /// <summary>The context does not verify the engine's certificate (<c>skip-tls-verify</c>).</summary>
    public bool SkipTlsVerify { get; }

    /// <summary>The TLS files the endpoint uses (CA, client certificate and key); null for a plain endpoint.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>The TLS files the store holds for the docker endpoint (<c>TLSMaterial</c> of <c>docker context inspect</c>): ca.pem, cert.pem, key.pem.</summary>
    public ValueList<string> TlsMaterial { get; }

    /// <summary>The folder of the context's meta.json (<c>Storage.MetadataPath</c>); null for the built-in <c>default</c> context.</summary>
    public string? MetadataPath { get; }

    /// <summary>The folder of the context's TLS files (<c>Storage.TLSPath</c>); null for the built-in <c>default</c> context.</summary>
    public string? TlsPath { get; }

    /// <summary>The engine this context names; null when the context cannot be used (see <see cref="Error"/>).</summary>
    public DockerEngine? Engine { get; init; }

    /// <summary>Why the context cannot be used, as in the ERROR column of <c>docker context ls</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The context's meta.json, unchanged; null for the built-in <c>default</c> context. PowerShell shows it as the hidden property Raw.</summary>
    public JsonElement? GetRaw() => _raw;

    public override string ToString() => Name;
}
