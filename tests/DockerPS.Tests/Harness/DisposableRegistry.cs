using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DockerPS.Tests.Harness;

/// <summary>
/// An image registry of the fault suite's own, to kill and restart: distribution's <c>docker-registry</c> as
/// tests/env/up.sh runs the shared ones, on plain HTTP without a login on a free loopback port (engines take
/// 127.0.0.0/8 registries over HTTP), its storage in a temporary folder that outlives restarts. Dispose kills it by pid
/// and removes the folder.
/// </summary>
public sealed class DisposableRegistry : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dpsf-registry-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _registry;

    public DisposableRegistry()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Address = $"127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }
        File.WriteAllText(Path.Combine(_root, "config.yml"), $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Storage}
              delete:
                enabled: true
            http:
              addr: {Address}
              secret: dockerps-fault
            """);
        Start();
    }

    /// <summary>Where it keeps repositories and uploads.</summary>
    public string Storage => Path.Combine(_root, "data");

    /// <summary>host:port, as an image reference names it.</summary>
    public string Address { get; }

    /// <summary>The bytes of the uploads under way to <paramref name="repository"/>: a pushed layer as it arrives.</summary>
    public long UploadedBytes(string repository)
    {
        var uploads = Path.Combine(Storage, "docker", "registry", "v2", "repositories", repository, "_uploads");
        try
        {
            return Directory.Exists(uploads) ? Directory.GetFiles(uploads, "data", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length) : 0;
        }
        catch (IOException)
        {
            // An upload completed while it was counted: count again next time.
            return 0;
        }
    }

    public bool Running => _registry is { HasExited: false };

    public void Kill()
    {
        _registry!.Kill();
        _registry.WaitForExit();
    }

    /// <summary>Starts it again on the same storage, after killing it if it still runs.</summary>
    public void Restart()
    {
        if (!_registry!.HasExited)
        {
            Kill();
        }
        Start();
    }

    private void Start()
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = "/" };
        foreach (var arg in new[] { "-c", "exec docker-registry serve \"$0\" >>\"$0.log\" 2>&1", Path.Combine(_root, "config.yml") })
        {
            start.ArgumentList.Add(arg);
        }
        _registry = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Answers())
        {
            if (_registry.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The fault suite's registry did not come up on {Address}; see {_root}/config.yml.log");
            }
            Thread.Sleep(100);
        }
    }

    private bool Answers()
    {
        try
        {
            return _http.GetAsync($"http://{Address}/v2/").Result.StatusCode == HttpStatusCode.OK;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_registry is { HasExited: false })
        {
            Kill();
        }
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
