# The test legs: each runs the integration suites against one engine reached one way. The runner reads this list
# (not the legs folder, which checkouts of other branches share), and for each leg runs the suites with
# DOCKERPS_TEST_LEG=<Name> and the variables of $DOCKERPS_ENV/legs/<Name>.env (tests/env/up.sh writes them: DOCKER_*
# for the module, DOCKERPS_TEST_DOCKER_HOST and DOCKERPS_TEST_TLS_HOST for the harness's docker CLI and TLS tests).
#   Name    the leg; $DOCKERPS_ENV/legs/<Name>.env holds its variables
#   Engine  what the leg runs against, for people reading results
#   Xunit   filter for tests/DockerPS.Tests ('dotnet test --filter'): '' runs every test, 'Legs=all' the classes marked
#           [Trait("Legs", "all")]; $null skips the xunit suite on this leg
#   Pester  Pester tags to run ('*' every spec); $null skips the Pester suite on this leg
#   Minutes how long the leg's xunit run took, measured on a 2-core machine shared with other work (the whole run,
#           setup and build included, must stay under CI's 50 minutes)
# Why these: main proves everything on the newest engine; tls and ssh prove the transports (streams, hijacked
# connections, uploads) on it; docker26 and docker20 prove the API range (1.45: image inspect without Container, 1.41:
# volume prune without the anonymous marker, so the prune classes run there too); podman proves what Podman's
# Docker-compatible API supports (tests of what it lacks skip there and say why).
@{
    Legs = @(
        @{ Name = 'main'; Engine = 'Docker 28.5.2 (API 1.51), unix socket'; Xunit = ''; Pester = '*'; Minutes = 0 }
        @{ Name = 'tls'; Engine = 'Docker 28.5.2 over TCP+TLS'; Xunit = 'Legs=all'; Pester = $null; Minutes = 0 }
        @{ Name = 'ssh'; Engine = 'Docker 28.5.2 over ssh://'; Xunit = 'Legs=all'; Pester = $null; Minutes = 0 }
        @{ Name = 'docker26'; Engine = 'Docker 26.1.5 (API 1.45), unix socket'; Xunit = 'Legs=all'; Pester = $null; Minutes = 0 }
        @{ Name = 'docker20'; Engine = 'Docker 20.10 (API 1.41), unix socket'; Minutes = 0
            Xunit = 'Legs=all|FullyQualifiedName~SystemPruneTests|FullyQualifiedName~VolumePruneTests'; Pester = $null }
        @{ Name = 'podman'; Engine = 'Podman 4.3 (Docker API 1.41), unix socket'; Xunit = 'Legs=all'; Pester = $null; Minutes = 0 }
    )
}
