using System.Text.Json.Nodes;

namespace DockerPS.Parsing;

/// <summary>
/// Volumes and mounts in the docker CLI's syntaxes, checked before any engine call: <c>--volume</c>
/// (<c>source:target[:options]</c>, or a bare target for an anonymous volume) and <c>--mount</c>
/// (<c>type=bind,source=/x,target=/y,readonly</c>), the latter as the engine's Mount object.
/// </summary>
public static class MountSpec
{
    private static readonly HashSet<string> VolumeOptions =
        ["ro", "rw", "z", "Z", "nocopy", "shared", "rshared", "slave", "rslave", "private", "rprivate", "delegated", "cached", "consistent"];

    /// <summary>A <c>--volume</c> value: (null, target) for an anonymous volume, else the bind text the engine takes as it is.</summary>
    public static (string? Bind, string? AnonymousTarget) ParseVolume(string text)
    {
        var parts = text.Split(':');
        if (parts.Any(p => p.Length == 0) || parts.Length > 3)
        {
            throw new FormatException($"'{text}' is not a volume: use source:target[:options] or a container path.");
        }
        if (parts.Length == 1)
        {
            return parts[0].StartsWith('/') ? (null, parts[0]) : throw new FormatException($"'{text}' is not a volume: the container path must be absolute.");
        }
        if (!parts[1].StartsWith('/'))
        {
            throw new FormatException($"'{text}' is not a volume: the container path '{parts[1]}' must be absolute.");
        }
        if (parts.Length == 3 && parts[2].Split(',').FirstOrDefault(o => !VolumeOptions.Contains(o)) is { } bad)
        {
            throw new FormatException($"'{text}' is not a volume: unknown option '{bad}' (use ro, rw, z, Z, nocopy or a propagation mode).");
        }
        return (text, null);
    }

    /// <summary>A <c>--mount</c> value as the engine's Mount object.</summary>
    public static JsonObject ParseMount(string text)
    {
        var mount = new JsonObject { ["Type"] = "volume" };
        JsonObject Options(string name) => mount[name] as JsonObject ?? (JsonObject)(mount[name] = new JsonObject());
        foreach (var field in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = field.Split('=', 2);
            var key = pair[0].ToLowerInvariant();
            var value = pair.Length > 1 ? pair[1] : null;
            switch (key)
            {
                case "type" when value is "bind" or "volume" or "tmpfs":
                    mount["Type"] = value;
                    break;
                case "source" or "src" when value is { Length: > 0 }:
                    mount["Source"] = value;
                    break;
                case "target" or "destination" or "dst" when value is { Length: > 0 }:
                    mount["Target"] = value;
                    break;
                case "readonly" or "ro" when value is null or "true" or "1" or "false" or "0":
                    mount["ReadOnly"] = value is null or "true" or "1";
                    break;
                case "bind-propagation" when value is { Length: > 0 }:
                    Options("BindOptions")["Propagation"] = value;
                    break;
                case "volume-nocopy" when value is null or "true" or "false":
                    Options("VolumeOptions")["NoCopy"] = value is null or "true";
                    break;
                case "volume-driver" when value is { Length: > 0 }:
                    (Options("VolumeOptions")["DriverConfig"] ??= new JsonObject())["Name"] = value;
                    break;
                case "tmpfs-size" when value is { Length: > 0 }:
                    Options("TmpfsOptions")["SizeBytes"] = DockerUnits.ParseBytes(value);
                    break;
                case "tmpfs-mode" when value is { Length: > 0 }:
                    Options("TmpfsOptions")["Mode"] = Octal(text, value);
                    break;
                case "consistency" when value is { Length: > 0 }:
                    mount["Consistency"] = value;
                    break;
                default:
                    throw new FormatException($"'{text}' is not a mount: '{field}' is not a known field with a valid value " +
                        "(type=bind|volume|tmpfs, source, target, readonly, bind-propagation, volume-nocopy, volume-driver, tmpfs-size, tmpfs-mode, consistency).");
            }
        }
        if (mount["Target"] is null)
        {
            throw new FormatException($"'{text}' is not a mount: target is required.");
        }
        if ((string?)mount["Type"] == "bind" && mount["Source"] is null)
        {
            throw new FormatException($"'{text}' is not a mount: a bind mount needs a source.");
        }
        return mount;
    }

    /// <summary>A tmpfs mode in octal, e.g. 1777.</summary>
    private static int Octal(string text, string value) =>
        value.All(c => c is >= '0' and <= '7') && value.Length <= 4
            ? Convert.ToInt32(value, 8)
            : throw new FormatException($"'{text}' is not a mount: '{value}' is not an octal mode.");
}
