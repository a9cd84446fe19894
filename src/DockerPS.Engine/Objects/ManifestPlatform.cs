using System.Text.Json;

namespace DockerPS;

/// <summary>One platform of a <see cref="Manifest"/>, written as <c>docker --platform</c> takes it: <c>os/architecture[/variant]</c>.</summary>
public sealed record ManifestPlatform(string Os, string Architecture, string? Variant, string? OSVersion)
{
    internal static ManifestPlatform FromJson(JsonElement platform)
    {
        string? Text(string name) => platform.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
        return new ManifestPlatform(Text("os") ?? "", Text("architecture") ?? "", Text("variant"), Text("os.version"));
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
