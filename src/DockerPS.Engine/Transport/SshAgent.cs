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
            var key = new AgentKeyInfo(blob, Encoding.UTF8.GetString(reader.Bytes()), socketPath);
            var type = Encoding.ASCII.GetString(new Reader(blob).Bytes());
            HostAlgorithm[] algorithms = type == "ssh-rsa"
                ? [new AgentKey("rsa-sha2-512", key, 4), new AgentKey("rsa-sha2-256", key, 2), new AgentKey(type, key, 0)]
                : [new AgentKey(type, key, 0)];
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
        if (answer is [Failure, ..])
        {
            throw new SshAgentRefusedException();
        }
        if (answer.Length == 0 || answer[0] != expected)
        {
            throw new SshException("The ssh-agent sent an answer DockerPS does not understand.");
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

    /// <summary>A key the agent holds: its public key blob and comment, and the agent's socket.</summary>
    private sealed record AgentKeyInfo(byte[] Blob, string Comment, string SocketPath);

    /// <summary>One signature algorithm of an agent's key; the agent signs.</summary>
    private sealed class AgentKey(string name, AgentKeyInfo key, uint flags) : HostAlgorithm(name)
    {
        public override byte[] Data => key.Blob;

        /// <summary>The agent's answer is the signature as SSH sends it: the algorithm name, then the signature.</summary>
        public override byte[] Sign(byte[] data)
        {
            using var message = new MemoryStream();
            message.WriteByte(SignRequest);
            WriteBytes(message, key.Blob);
            WriteBytes(message, data);
            Span<byte> flagBytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(flagBytes, flags);
            message.Write(flagBytes);
            try
            {
                return new Reader(Request(key.SocketPath, message.ToArray(), SignResponse)).Bytes();
            }
            catch (SshAgentRefusedException)
            {
                throw new SshAgentRefusedException(
                    $"The ssh-agent refused to sign with its key '{key.Comment}' (a key added with ssh-add -c needs a confirmation, which the agent could not ask for).");
            }
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

/// <summary>The ssh-agent answered a request with its failure message.</summary>
internal sealed class SshAgentRefusedException(string message = "The ssh-agent refused the request.") : SshException(message);
