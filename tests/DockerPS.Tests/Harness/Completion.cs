namespace DockerPS.Tests.Harness;

/// <summary>Tab completion as PowerShell's own TabExpansion2 computes it for the end of a command line.</summary>
public static class Completion
{
    public static string[] Complete(PowerShellSession session, string line)
    {
        var result = session.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText",
            new Dictionary<string, object> { ["line"] = line });
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.ToString())));
        }
        return result.Output.Select(o => (string)o.BaseObject).ToArray();
    }
}
