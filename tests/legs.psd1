# The test legs: each runs the integration suites against one engine reached one way. The runner reads this list
# (not the legs folder, which checkouts of other branches share).
#   Name    the leg; $DOCKERPS_ENV/legs/<Name>.env holds its variables (tests/env/up.sh writes them)
#   Xunit   filter for tests/DockerPS.Tests: '' runs every test, 'Legs=all' the classes marked [Trait("Legs", "all")];
#           $null skips the xunit suite on this leg
#   Pester  Pester tags to run ('*' every spec); $null skips the Pester suite on this leg
@{
    Legs = @(
        @{ Name = 'main'; Xunit = ''; Pester = '*' }
        @{ Name = 'tls'; Xunit = 'Legs=all'; Pester = 'Legs' }
        @{ Name = 'ssh'; Xunit = 'Legs=all'; Pester = 'Legs' }
    )
}
