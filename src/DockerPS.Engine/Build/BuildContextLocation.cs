using System.Text.RegularExpressions;

namespace DockerPS.Build;

/// <summary>What a build's context argument names, in <c>docker build</c>'s terms.</summary>
public enum BuildContextKind
{
    /// <summary>A local directory, archived while it is uploaded (its .dockerignore applied).</summary>
    Directory,

    /// <summary>A local file holding a prepared tar archive, plain or compressed, sent as it is.</summary>
    ArchiveFile,

    /// <summary><c>-</c>: a prepared archive read from the process's standard input.</summary>
    StandardInput,

    /// <summary>A git repository the engine clones: <c>https://…/x.git</c>, <c>git://…</c>, <c>git@…</c>, <c>github.com/…</c>, with an optional <c>#ref:subdir</c>.</summary>
    GitRepository,

    /// <summary>An <c>http://</c> or <c>https://</c> URL the engine downloads: a tar archive (plain or compressed) or a plain-text Dockerfile.</summary>
    Url,
}

/// <summary>
/// Tells what a build's context argument names, in the order the docker CLI's <c>build.DetectContextType</c> asks:
/// <c>-</c> is standard input; anything that exists locally is local (a directory, or here also a file: a prepared
/// archive, which the docker CLI takes only on standard input); else a git URL as the CLI's and the engine's
/// <c>urlutil.IsGitURL</c> recognize one; else an http(s) URL. Pure logic: the caller says what exists locally.
/// </summary>
public static partial class BuildContextLocation
{
    /// <summary>urlutil's urlPathWithFragmentSuffix, unanchored at the start as Go's MatchString is.</summary>
    [GeneratedRegex(@"\.git(?:#.+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex GitPathWithFragment();

    /// <summary>The argument that names standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>
    /// What <paramref name="context"/> names. <paramref name="local"/> says whether the text names an existing local
    /// directory (true), an existing local file (false) or nothing local (null). Null when it names nothing at all.
    /// </summary>
    public static BuildContextKind? Detect(string context, Func<string, bool?> local)
    {
        if (context == StandardInput)
        {
            return BuildContextKind.StandardInput;
        }
        switch (local(context))
        {
            case true:
                return BuildContextKind.Directory;
            case false:
                return BuildContextKind.ArchiveFile;
        }
        if (IsGitUrl(context))
        {
            return BuildContextKind.GitRepository;
        }
        return IsUrl(context) ? BuildContextKind.Url : null;
    }

    /// <summary>
    /// A remote context for messages: the user information of a URL (<c>https://user:token@host/…</c>) replaced by
    /// <c>(redacted)</c>, since it may hold a token. Other text is returned as it is.
    /// </summary>
    public static string Redact(string context)
    {
        var scheme = context.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return context;
        }
        var hostStart = scheme + 3;
        var pathStart = context.IndexOfAny(['/', '?', '#'], hostStart);
        var at = context.LastIndexOf('@', pathStart < 0 ? context.Length - 1 : pathStart - 1);
        return at < hostStart ? context : string.Concat(context.AsSpan(0, hostStart), "(redacted)", context.AsSpan(at));
    }

    /// <summary>Whether the engine fetches the context itself (its <c>remote</c> parameter) rather than receiving it.</summary>
    public static bool IsRemote(BuildContextKind kind) => kind is BuildContextKind.GitRepository or BuildContextKind.Url;

    /// <summary>An http:// or https:// URL, by its scheme alone (urlutil.IsURL).</summary>
    public static bool IsUrl(string text) =>
        text.StartsWith("https://", StringComparison.Ordinal) || text.StartsWith("http://", StringComparison.Ordinal);

    /// <summary>
    /// A git repository as urlutil.IsGitURL tells one: an http(s) URL whose path ends in <c>.git</c> (before an optional
    /// <c>#fragment</c>), or text starting with <c>git://</c>, <c>git@</c> or <c>github.com/</c>. The docker CLI and the
    /// engine use the same test, so the engine reads what is sent as it was detected here.
    /// </summary>
    public static bool IsGitUrl(string text)
    {
        if (IsUrl(text) && GitPathWithFragment().IsMatch(text))
        {
            return true;
        }
        return text.StartsWith("git://", StringComparison.Ordinal) || text.StartsWith("github.com/", StringComparison.Ordinal)
            || text.StartsWith("git@", StringComparison.Ordinal);
    }
}
