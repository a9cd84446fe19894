namespace DockerPS.Tests.Harness;

/// <summary>The htpasswd-protected registries of tests/env/up.sh: plain HTTP, and TLS from a CA the engine trusts.</summary>
public static class TestRegistry
{
    public static readonly string Http = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY");
    public static readonly string Tls = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_TLS");
    public static readonly string User = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_USER");
    public static readonly string Password = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_PASSWORD");
}
