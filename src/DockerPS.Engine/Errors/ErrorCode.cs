namespace DockerPS.Errors;

/// <summary>
/// One error of the catalogue (<see cref="ErrorCatalog"/>): the stable id scripts test with
/// <c>$_.FullyQualifiedErrorId</c>, and what kind of failure it is.
/// </summary>
public sealed record ErrorCode(string Id, ErrorKind Kind)
{
    public override string ToString() => Id;
}
