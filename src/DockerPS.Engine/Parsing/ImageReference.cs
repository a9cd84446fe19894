using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>
/// An image reference, <c>[domain[:port]/]path[:tag][@digest]</c>, read like the engine's reference parser
/// (distribution/reference <c>ParseNormalizedNamed</c>): the first component is a registry domain only when it has a
/// <c>.</c> or <c>:</c> or is <c>localhost</c>; without one the image is on Docker Hub (<c>docker.io</c>, single names
/// under <c>library/</c>); the path is lowercase components joined by <c>.</c>, <c>_</c>, <c>__</c> or dashes; tags
/// have up to 128 word characters, dots and dashes. Bad text throws <see cref="FormatException"/>.
/// </summary>
public sealed partial record ImageReference(string Repository, string? Tag)
{
    public const string DockerHubDomain = "docker.io";
    private const string DockerHubLegacyDomain = "index.docker.io";
    private const string OfficialPrefix = "library/";
    private const int MaxNameLength = 255;

    [GeneratedRegex(@"^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    /// <summary>The digest grammar, with sha256 held to its 64 hex digits as the engine does.</summary>
    [GeneratedRegex(@"^(?:sha256:[a-f0-9]{64}|(?!sha256:)[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[a-fA-F0-9]{32,})$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>The content digest (<c>sha256:…</c>) after <c>@</c>, if any.</summary>
    public string? Digest { get; init; }

    /// <summary>The registry the image lives on: the domain given, or <c>docker.io</c>.</summary>
    public string Domain => Split(Repository).Domain;

    /// <summary>The repository path on its registry, with Docker Hub's <c>library/</c> for official images.</summary>
    public string Path => Split(Repository).Path;

    /// <summary>The fully qualified name, e.g. <c>docker.io/library/busybox</c>.</summary>
    public string FullName => $"{Domain}/{Path}";

    /// <summary>The short name the engine lists images by: Docker Hub's domain and <c>library/</c> left out.</summary>
    public string FamiliarName => Domain != DockerHubDomain ? FullName
        : Path.StartsWith(OfficialPrefix, StringComparison.Ordinal) && Path.IndexOf('/', OfficialPrefix.Length) < 0 ? Path[OfficialPrefix.Length..] : Path;

    /// <summary>A name with an optional <c>:tag</c>, and with <paramref name="allowDigest"/> an optional <c>@digest</c>.</summary>
    public static ImageReference Parse(string text, bool allowDigest = false)
    {
        var trimmed = text.Trim();
        var at = trimmed.IndexOf('@');
        var (rest, digest) = at >= 0 ? (trimmed[..at], trimmed[(at + 1)..]) : (trimmed, null);
        // The tag's colon is the last one after the last slash; an earlier colon is a registry port.
        var colon = rest.LastIndexOf(':');
        var (name, tag) = colon > rest.LastIndexOf('/') ? (rest[..colon], rest[(colon + 1)..]) : (rest, null);
        if (!IsName(name))
        {
            throw new FormatException($"'{text}' is not a valid image name: use lowercase letters, digits and separators (. _ __ -), optionally after a registry host, e.g. registry:5000/team/app:v1.");
        }
        if (digest is not null && (!allowDigest || !DigestPattern().IsMatch(digest)))
        {
            throw new FormatException(allowDigest
                ? $"'{text}' has an invalid digest: use sha256: and 64 lowercase hex digits."
                : $"'{text}' names a digest; give a name with an optional tag here.");
        }
        return new ImageReference(name, tag is null ? null : ParseTag(tag)) { Digest = digest };
    }

    /// <summary>
    /// A name an engine lists (<c>name:tag</c> or <c>name@digest</c>) in the familiar form the docker CLI shows and Docker
    /// engines list: Podman lists <c>docker.io/library/busybox:latest</c> where Docker says <c>busybox:latest</c>. Text
    /// that is not a reference is left as it is.
    /// </summary>
    public static string Familiar(string listed)
    {
        try
        {
            var reference = Parse(listed, allowDigest: true);
            return (reference with { Repository = reference.FamiliarName }).ToString();
        }
        catch (FormatException)
        {
            return listed;
        }
    }

    /// <summary>An image id as Docker engines give it, <c>sha256:</c> and 64 hex digits: Podman leaves the prefix out in places.</summary>
    public static string FullId(string id) => IdPattern().IsMatch(id) ? "sha256:" + id : id;

    /// <summary>A tag alone.</summary>
    public static string ParseTag(string text)
    {
        if (!TagPattern().IsMatch(text))
        {
            throw new FormatException($"'{text}' is not a valid tag: use up to 128 letters, digits, underscores, dots and dashes, not starting with a dot or dash.");
        }
        return text;
    }

    /// <summary>Whether the text is a registry host with an optional port, as a reference's domain may be.</summary>
    public static bool IsDomain(string text) => DomainPattern().IsMatch(text);

    private static bool IsName(string name)
    {
        if (name.Length > MaxNameLength || IdPattern().IsMatch(name))
        {
            return false;
        }
        var slash = name.IndexOf('/');
        var hasDomain = slash > 0 && IsDomainComponent(name[..slash]);
        return (!hasDomain || DomainPattern().IsMatch(name[..slash])) && PathPattern().IsMatch(hasDomain ? name[(slash + 1)..] : name);
    }

    /// <summary>The engine's rule for whether the first component is a registry rather than part of the path.</summary>
    private static bool IsDomainComponent(string first) => first.Contains('.') || first.Contains(':') || first == "localhost";

    private static (string Domain, string Path) Split(string repository)
    {
        var slash = repository.IndexOf('/');
        var (domain, path) = slash > 0 && IsDomainComponent(repository[..slash])
            ? (repository[..slash], repository[(slash + 1)..])
            : (DockerHubDomain, repository);
        if (domain == DockerHubLegacyDomain)
        {
            domain = DockerHubDomain;
        }
        return (domain, domain == DockerHubDomain && !path.Contains('/') ? OfficialPrefix + path : path);
    }

    public override string ToString() => (Tag is null ? Repository : $"{Repository}:{Tag}") + (Digest is null ? "" : "@" + Digest);
}
