namespace DockerPS.Tests.Harness;

/// <summary>
/// The registries of tests/env/up.sh: htpasswd-protected on plain HTTP and on TLS from a CA the engine trusts, and one on
/// plain HTTP without a login.
/// </summary>
public static class TestRegistry
{
    public static readonly string Http = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY");
    public static readonly string Tls = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_TLS");
    public static readonly string Open = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_OPEN");
    public static readonly string User = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_USER");
    public static readonly string Password = TestEnvironment.Setting("DOCKERPS_TEST_REGISTRY_PASSWORD");
}
