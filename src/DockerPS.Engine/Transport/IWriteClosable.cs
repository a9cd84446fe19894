namespace DockerPS.Transport;

/// <summary>A transport stream whose sending side can be closed alone, so the engine reads end-of-input (stdin EOF).</summary>
internal interface IWriteClosable
{
    void CloseWrite();
}
