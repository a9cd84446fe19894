using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>Image names given to a cmdlet, checked before any engine call.</summary>
internal static class ImageReferences
{
    /// <summary>
    /// The text parsed; a bad one is an InvalidReference error. With <paramref name="stop"/> it stops the command (for a
    /// name that is the same for every input), so the result is never null; otherwise it is written and the result is null.
    /// </summary>
    public static ImageReference? ParseReference(this PSCmdlet cmdlet, string text, bool allowDigest, bool stop)
    {
        try
        {
            // Its record is InvalidReference ("Invalid" and the parameter), with the parser's message and the text.
            return InvalidParameterSyntaxException.Parse("Reference", text, t => ImageReference.Parse(t, allowDigest));
        }
        catch (InvalidParameterSyntaxException e) when (stop)
        {
            cmdlet.ThrowTerminatingError(DockerCmdlet.ErrorFor(e, null));
            throw;
        }
        catch (InvalidParameterSyntaxException e)
        {
            cmdlet.WriteError(DockerCmdlet.ErrorFor(e, null));
            return null;
        }
    }
}
