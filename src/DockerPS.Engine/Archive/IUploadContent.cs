namespace DockerPS.Archive;

/// <summary>A request body read from local files or streams as it is sent, which may fail locally.</summary>
internal interface IUploadContent
{
    /// <summary>A local failure while reading, which the HTTP stack would otherwise report as its own.</summary>
    CopyException? Failure { get; }
}
