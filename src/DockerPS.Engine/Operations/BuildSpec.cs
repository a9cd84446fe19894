using System.Text.Json;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>What <c>docker build</c> is asked for besides its context, as the engine's <c>POST /build</c> query takes it.</summary>
public sealed record BuildSpec
{
    /// <summary>Names for the built image; one without a tag gets latest.</summary>
    public IReadOnlyList<ImageReference> Tags { get; init; } = [];

    /// <summary>The Dockerfile's slash-separated name inside the context archive.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    /// <summary>
    /// A context the engine fetches itself (<c>remote</c>): a git repository (<c>https://…/x.git#ref:subdir</c>,
    /// <c>git@…</c>, <c>github.com/…</c>) or an http(s) URL of a tar archive or a plain-text Dockerfile. Null when the
    /// context is uploaded.
    /// </summary>
    public string? Remote { get; init; }

    /// <summary>ARG values; a null value passes the name without a value, so the Dockerfile's default applies.</summary>
    public IReadOnlyDictionary<string, string?> BuildArgs { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage of a multi-stage Dockerfile to build up to.</summary>
    public string? Target { get; init; }

    public bool NoCache { get; init; }

    /// <summary>Pulls every base image even when present locally.</summary>
    public bool Pull { get; init; }

    /// <summary>Removes intermediate containers even when a step fails (by default a failed step's container is kept).</summary>
    public bool ForceRemove { get; init; }

    public string? Platform { get; init; }

    /// <summary>The network RUN steps use: <c>bridge</c>, <c>host</c>, <c>none</c>, or a network's name or id.</summary>
    public string? NetworkMode { get; init; }

    /// <summary><c>host:ip</c> entries for RUN steps' /etc/hosts.</summary>
    public IReadOnlyList<string> ExtraHosts { get; init; } = [];

    /// <summary>Images whose layers may serve as cache.</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = [];

    /// <summary>The request path and query, as the docker CLI writes them (repeated t and extrahosts; maps and lists as JSON).</summary>
    public string PathAndQuery()
    {
        var query = new List<(string Key, string Value)>();
        query.AddRange(Tags.Select(t => ("t", t.ToString())));
        query.Add(("dockerfile", Dockerfile));
        if (Remote is not null)
        {
            query.Add(("remote", Remote));
        }
        if (BuildArgs.Count > 0)
        {
            query.Add(("buildargs", JsonSerializer.Serialize(BuildArgs)));
        }
        if (Labels.Count > 0)
        {
            query.Add(("labels", JsonSerializer.Serialize(Labels)));
        }
        if (CacheFrom.Count > 0)
        {
            query.Add(("cachefrom", JsonSerializer.Serialize(CacheFrom)));
        }
        query.AddRange(ExtraHosts.Select(h => ("extrahosts", h)));
        foreach (var (key, value) in new[] { ("target", Target), ("platform", Platform), ("networkmode", NetworkMode) })
        {
            if (value is not null)
            {
                query.Add((key, value));
            }
        }
        foreach (var (key, on) in new[] { ("nocache", NoCache), ("pull", Pull), ("forcerm", ForceRemove) })
        {
            if (on)
            {
                query.Add((key, "1"));
            }
        }
        return "build?" + string.Join('&', query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
    }
}
