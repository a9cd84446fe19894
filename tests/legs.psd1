# The test legs: each runs the integration suites against one engine reached one way. The runner reads this list
# (not the legs folder, which checkouts of other branches share), and for each leg runs the suites with
# DOCKERPS_TEST_LEG=<Name> and the variables of $DOCKERPS_ENV/legs/<Name>.env (tests/env/up.sh writes them: DOCKER_*
# for the module, DOCKERPS_TEST_DOCKER_HOST and DOCKERPS_TEST_TLS_HOST for the harness's docker CLI and TLS tests).
#   Name    the leg; $DOCKERPS_ENV/legs/<Name>.env holds its variables
#   Engine  what the leg runs against, for people reading results
#   Xunit   filter for tests/DockerPS.Tests ('dotnet test --filter'): '' runs every test, 'Legs=all' the classes marked
#           [Trait("Legs", "all")]; $null skips the xunit suite on this leg
#   Pester  Pester tags to run ('*' every spec); $null skips the Pester suite on this leg
#   Seconds how long the leg's xunit run took when last measured, on this 2-core machine while other work ran on it
#           (the whole CI run, setup, build, legs, Pester and bench smoke, must stay under 50 minutes; these add up
#           to 2076 s, 34.6 minutes)
# How the work is shared: main runs everything on the newest engine. tls and ssh reach that same engine another way,
# so they run what the transport carries: hijacked connections (exec, run), streams (logs, stats), uploads and
# downloads (build context, copy, export, save and load). docker26 and docker20 prove the API range (1.45: image
# inspect without Container; 1.41: volume prune without the anonymous marker, so the prune classes run there too) with
# the Legs=all classes but the copy rules, which are the archive API's, unchanged across these versions, and with disk
# usage and events, whose answers changed shape over them. podman runs
# the Legs=all classes; tests of what Podman lacks skip there and say why.
@{
    Legs = @(
        @{ Name = 'main'; Engine = 'Docker 28.5.2 (API 1.51), unix socket'; Xunit = ''; Pester = '*'; Seconds = 700 }
        @{ Name = 'tls'; Engine = 'Docker 28.5.2 over TCP+TLS'; Pester = 'Legs'; Seconds = 156
            Xunit = 'FullyQualifiedName~.ExecTests.|FullyQualifiedName~.RunContainerTests.|FullyQualifiedName~.ContainerLogTests.|FullyQualifiedName~.ContainerStatsTests.|FullyQualifiedName~.ContainerTests.|FullyQualifiedName~.SystemTests.|FullyQualifiedName~.BuildTests.|FullyQualifiedName~.ExportTests.|FullyQualifiedName~.ImageArchiveTests.|FullyQualifiedName~.CopyTests.ATreeOfAThousandFiles|FullyQualifiedName~.StreamStopTests.' }
        @{ Name = 'ssh'; Engine = 'Docker 28.5.2 over ssh://'; Pester = 'Legs'; Seconds = 182
            Xunit = 'FullyQualifiedName~.ExecTests.|FullyQualifiedName~.RunContainerTests.|FullyQualifiedName~.ContainerLogTests.|FullyQualifiedName~.ContainerStatsTests.|FullyQualifiedName~.ContainerTests.|FullyQualifiedName~.SystemTests.|FullyQualifiedName~.BuildTests.|FullyQualifiedName~.ExportTests.|FullyQualifiedName~.ImageArchiveTests.|FullyQualifiedName~.CopyTests.ATreeOfAThousandFiles|FullyQualifiedName~.StreamStopTests.' }
        @{ Name = 'docker26'; Engine = 'Docker 26.1.5 (API 1.45), unix socket'; Pester = $null; Seconds = 323
            Xunit = '(Legs=all&FullyQualifiedName!~.CopyTests.)|FullyQualifiedName~.DiskUsageTests.|FullyQualifiedName~.EventTests.' }
        @{ Name = 'docker20'; Engine = 'Docker 20.10 (API 1.41), unix socket'; Pester = $null; Seconds = 397
            Xunit = '(Legs=all&FullyQualifiedName!~.CopyTests.)|FullyQualifiedName~.DiskUsageTests.|FullyQualifiedName~.EventTests.|FullyQualifiedName~.SystemPruneTests.|FullyQualifiedName~.VolumePruneTests.' }
        @{ Name = 'podman'; Engine = 'Podman 4.3 (Docker API 1.41), unix socket'; Xunit = 'Legs=all'; Pester = $null; Seconds = 318 }
    )
}
