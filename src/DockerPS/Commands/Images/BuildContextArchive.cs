namespace DockerPS.Commands;

/// <summary>
/// A prepared build context given to -ContextArchive: the bytes of a tar archive (plain or compressed), or a stream
/// to read them from. Made from what is given by <see cref="BuildContextArchiveTransformationAttribute"/>: a byte[]
/// (Get-Content -AsByteStream -Raw, [IO.File]::ReadAllBytes), one byte (a byte[] that PowerShell unrolled in the
/// pipeline arrives a byte at a time), an object[] of bytes, or a Stream. Nothing else converts to it, so a piped folder
/// or file binds to -Path by its FullName instead.
/// </summary>
public sealed class BuildContextArchive
{
    public BuildContextArchive(byte[] bytes) => Bytes = bytes;

    public BuildContextArchive(Stream stream) => Stream = stream;

    /// <summary>The bytes given, or null for a stream.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The stream given, or null for bytes.</summary>
    public Stream? Stream { get; }

    public override string ToString() => Stream is null ? $"{Bytes!.Length} bytes" : Stream.GetType().Name;
}

/// <summary>Turns what -ContextArchive is given (bytes, a byte, an object[] of bytes, a stream) into a <see cref="BuildContextArchive"/>; anything else is left as it is, to fail binding.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BuildContextArchiveTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) => Convert(inputData) ?? inputData;

    private static BuildContextArchive? Convert(object? input) => (input is PSObject wrapped ? wrapped.BaseObject : input) switch
    {
        BuildContextArchive archive => archive,
        byte[] bytes => new BuildContextArchive(bytes),
        byte single => new BuildContextArchive([single]),
        Stream stream => new BuildContextArchive(stream),
        object[] items when items.Length > 0 && items.All(i => (i is PSObject p ? p.BaseObject : i) is byte) =>
            new BuildContextArchive(items.Select(i => (byte)(i is PSObject p ? p.BaseObject : i)).ToArray()),
        _ => null,
    };
}
