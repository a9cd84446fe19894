namespace DockerPS.Archive;

/// <summary>Lexical path operations with '/' separators, as Go's path/filepath does them on Linux.</summary>
public static class PosixPath
{
    /// <summary>The shortest equivalent path: no empty or '.' elements, '..' resolved lexically.</summary>
    public static string Clean(string path)
    {
        var rooted = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !rooted)
            {
                parts.Add(part);
            }
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    public static string Join(string dir, string name) => Clean(dir + "/" + name);

    /// <summary>The last element ('/' for the root, '.' for an empty path).</summary>
    public static string Base(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return path.Length == 0 ? "." : "/";
        }
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    public static string Dir(string path) => Clean(path[..(path.LastIndexOf('/') + 1)]);

    /// <summary>Directory and entry of a path, keeping a final '.' as the entry ('/a/b/.' → '/a/b' and '.').</summary>
    public static (string Dir, string Base) SplitEntry(string path)
    {
        var clean = Clean(path);
        if (SpecifiesCurrentDir(path))
        {
            clean = clean == "/" ? "/." : clean + "/.";
        }
        return (Dir(clean), Base(clean));
    }

    public static bool SpecifiesCurrentDir(string path) => Base(path) == ".";

    public static bool HasTrailingSeparator(string path) => path.EndsWith('/');

    /// <summary>A trailing '/' or '/.' says the path must be a directory.</summary>
    public static bool AssertsDirectory(string path) => HasTrailingSeparator(path) || SpecifiesCurrentDir(path);
}
