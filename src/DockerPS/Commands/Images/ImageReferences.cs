using System.Management.Automation;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>New image names given to a cmdlet, checked before any engine call.</summary>
internal static class ImageReferences
{
    public const string InvalidReference = "InvalidReference";

    /// <summary>The name parsed; a bad one stops the command (it is the same for every input) with InvalidReference.</summary>
    public static ImageReference ParseOrStop(this PSCmdlet cmdlet, string text)
    {
        try
        {
            return ImageReference.Parse(text);
        }
        catch (FormatException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(e, InvalidReference, ErrorCategory.InvalidArgument, text));
            throw;
        }
    }
}
