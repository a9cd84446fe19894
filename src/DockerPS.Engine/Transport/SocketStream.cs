using System.Net.Sockets;

namespace DockerPS.Transport;

/// <summary>A socket connection (TCP or unix) whose sending side <see cref="CloseWrite"/> shuts down alone.</summary>
internal sealed class SocketStream(Socket socket) : NetworkStream(socket, ownsSocket: true), IWriteClosable
{
    public void CloseWrite() => Socket.Shutdown(SocketShutdown.Send);
}
