using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;

namespace DockerPS.Transport;

/// <summary>
/// The keys an ssh-agent holds (its unix socket in SSH_AUTH_SOCK), as SSH.NET key sources: SSH.NET has no agent support
/// and no package on this machine's NuGet mirror adds it, so the two requests a client needs (list the identities, sign
/// with one; draft-miller-ssh-agent) are written here. The private keys never leave the agent.
/// </summary>
internal static class SshAgent
{
    public const string SocketVariable = "SSH_AUTH_SOCK";

    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;

    /// <summary>The agent's keys, each with the signature algorithms it can do (RSA: SHA-512, SHA-256, then SHA-1).</summary>
    public static IReadOnlyList<IPrivateKeySource> Keys(string socketPath)
    {
        var answer = Request(socketPath, [RequestIdentities], IdentitiesAnswer);
        var reader = new Reader(answer);
        var count = reader.UInt32();
        var keys = new List<IPrivateKeySource>();
        for (var i = 0; i < count; i++)
        {
            var blob = reader.Bytes();
            reader.Bytes(); // the comment
            var type = Encoding.ASCII.GetString(new Reader(blob).Bytes());
            HostAlgorithm[] algorithms = type == "ssh-rsa"
                ? [new AgentKey("rsa-sha2-512", blob, 4, socketPath), new AgentKey("rsa-sha2-256", blob, 2, socketPath), new AgentKey(type, blob, 0, socketPath)]
                : [new AgentKey(type, blob, 0, socketPath)];
            keys.Add(new AgentKeySource(algorithms));
        }
        return keys;
    }

    /// <summary>One request and its answer of the expected type (the message type byte stripped).</summary>
    private static byte[] Request(string socketPath, byte[] message, byte expected)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var stream = new NetworkStream(socket);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)message.Length);
        stream.Write(length);
        stream.Write(message);
        stream.ReadExactly(length);
        var answer = new byte[BinaryPrimitives.ReadUInt32BigEndian(length)];
        stream.ReadExactly(answer);
        if (answer.Length == 0 || answer[0] != expected)
        {
            throw new SshException(answer is [Failure, ..] ? "The ssh-agent refused the request." : "The ssh-agent sent an answer DockerPS does not understand.");
        }
        return answer[1..];
    }

    private static void WriteBytes(MemoryStream to, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        to.Write(length);
        to.Write(bytes);
    }

    /// <summary>One signature algorithm of an agent's key: the public key blob, and signing done by the agent.</summary>
    private sealed class AgentKey(string name, byte[] blob, uint flags, string socketPath) : HostAlgorithm(name)
    {
        public override byte[] Data => blob;

        /// <summary>The agent's answer is the signature as SSH sends it: the algorithm name, then the signature.</summary>
        public override byte[] Sign(byte[] data)
        {
            using var message = new MemoryStream();
            message.WriteByte(SignRequest);
            WriteBytes(message, blob);
            WriteBytes(message, data);
            Span<byte> flagBytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(flagBytes, flags);
            message.Write(flagBytes);
            return new Reader(Request(socketPath, message.ToArray(), SignResponse)).Bytes();
        }

        public override bool VerifySignature(byte[] data, byte[] signature) => throw new NotSupportedException("Agent keys only sign.");
    }

    private sealed class AgentKeySource(IReadOnlyCollection<HostAlgorithm> algorithms) : IPrivateKeySource
    {
        public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms => algorithms;
    }

    /// <summary>Reads the protocol's uint32 and length-prefixed strings.</summary>
    private sealed class Reader(byte[] data)
    {
        private int _offset;

        public uint UInt32()
        {
            if (data.Length - _offset < 4)
            {
                throw new SshException("The ssh-agent's answer is cut short.");
            }
            var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_offset));
            _offset += 4;
            return value;
        }

        public byte[] Bytes()
        {
            var length = UInt32();
            if (length > data.Length - _offset)
            {
                throw new SshException("The ssh-agent's answer is cut short.");
            }
            var bytes = data.AsSpan(_offset, (int)length).ToArray();
            _offset += (int)length;
            return bytes;
        }
    }
}
